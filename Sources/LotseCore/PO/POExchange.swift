import Foundation

/// `lotse po export` and `lotse po import`: the content of one language as
/// gettext PO files, so volunteers can translate in Weblate, Poedit or
/// Lokalize, and back.
///
/// One PO file per page (`work/permit.po`), per questionnaire
/// (`questionnaires/<id>.po`) and one for the interface strings
/// (`strings.po`). A page has an entry per translatable front matter field
/// (`title`, `summary`, `sources/1`…) and per heading, paragraph, list item or
/// quote of its body, with `msgctxt` = section and number (`#fees/2`); a
/// questionnaire or the strings have one entry per text key. Entries whose
/// source section changed since the translation was made are `fuzzy`, with
/// the previous source text as `#| msgid`. Import writes the translation in
/// the source's structure and records which source version it follows.
extension Translator {
    // MARK: Export

    /// Writes the PO files of `code` below `folder`; returns the files written.
    public func exportPO(language code: String, to folder: String) throws(LotseError) -> [String] {
        let language = try poLanguage(code)
        var written: [String] = []
        func write(_ po: POFile, _ relative: String) throws(LotseError) {
            let url = BuildOptions.url(folder).appendingPathComponent(relative)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(po.text.utf8).write(to: url, options: .atomic)
            } catch {
                throw LotseError(at: SourceLocation(path: ContentTree.join(folder, relative)), "cannot write: \(error.localizedDescription)")
            }
            written.append(ContentTree.join(folder, relative))
        }
        for path in site.pagePaths {
            try write(pagePO(path, language: language), Self.poPath(pageFile: site.sourcePages[path]!.relativePath))
        }
        let source = site.config.sourceLanguage
        for id in (site.questionnaireTexts[source] ?? [:]).keys.sorted() where site.questionnaireLogic[id] != nil {
            try write(textsPO(.questionnaire(id), language: language), "questionnaires/\(id).po")
        }
        try write(textsPO(.strings, language: language), "strings.po")
        return written
    }

    static func poPath(pageFile: String) -> String {
        String(pageFile.dropLast(3)) + ".po"
    }

    private func poLanguage(_ code: String) throws(LotseError) -> Language {
        guard let language = site.config.language(code), code != site.config.sourceLanguage else {
            throw LotseError(at: nil, "'\(code)' is not a translation language of this site (source: \(site.config.sourceLanguage))")
        }
        return language
    }

    private func header(_ language: Language, source: String) -> [(String, String)] {
        [("Project-Id-Version", "lotse"), ("PO-Revision-Date", "\(Day.today()) 00:00+0000"), ("Last-Translator", ""),
         ("Language-Team", language.name), ("Language", language.code), ("MIME-Version", "1.0"),
         ("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "8bit"),
         ("X-Lotse-Source", source)]
    }

    /// Sections whose source changed since the recorded version: key → the old text, if stored.
    private func changedSections(_ sections: [TextSection], entry: SourceRecord.Entry?) -> [String: String?] {
        guard let entry else { return [:] }
        let store = SourceStore(content: contentURL)
        var changed: [String: String?] = [:]
        for section in sections where entry.sections[section.key] != section.hash {
            changed[section.key] = entry.sections[section.key].flatMap { store.text($0) }
        }
        return changed
    }

    func pagePO(_ path: String, language: Language) -> POFile {
        let source = site.sourcePages[path]!
        let translation = site.translations[language.code]?[path] ?? site.draftTranslations[language.code]?[path]
        let sections = SourceSections.page(source)
        let changed = changedSections(sections, entry: site.records[language.code]?.pages[path])
        var po = POFile(language: language.code, header: header(language, source: source.file.path))
        func add(_ context: String, _ kind: String, _ text: String, _ translated: String?, section: String, previous: String?, line: Int) {
            guard !text.trimmingWhitespace.isEmpty else { return }
            let translated = translated ?? ""
            // In a changed section, the entries whose text changed (or whose old text is unknown).
            let fuzzy = !translated.isEmpty && changed[section] != nil && previous != text
            po.entries.append(.init(context: context, source: text, translation: translated, fuzzy: fuzzy,
                                    previousSource: fuzzy ? previous : nil, comments: [kind],
                                    reference: "\(source.file.path):\(line)"))
        }
        let oldFront = changed["title"].flatMap { $0 }
        add("title", "title", source.title, translation?.title, section: "title", previous: oldFront, line: 2)
        if let summary = source.summary {
            add("summary", "summary", summary, translation?.summary, section: "summary", previous: changed["summary"].flatMap { $0 }, line: 3)
        }
        let oldSources = changed["sources"].flatMap { $0 }?.split(separator: "\n").map(String.init)
        for (index, item) in source.sources.enumerated() {
            let translated = translation.flatMap { index < $0.sources.count ? $0.sources[index].title : nil }
            add("sources/\(index + 1)", "source title", item.title, translated, section: "sources",
                previous: oldSources.flatMap { index < $0.count ? $0[index] : nil }, line: 1)
        }
        let blocks = MarkdownBlock.blocks(source.body)
        let translatedBlocks = translation.map { MarkdownBlock.blocks($0.body) }
        // A translation in the source's structure lines up block by block.
        let aligned = translatedBlocks.map { $0.map(\.kind) == blocks.map(\.kind) } ?? false
        var counters: [String: Int] = [:]
        for (index, block) in blocks.enumerated() where block.translatable {
            counters[block.section, default: 0] += 1
            let number = counters[block.section]!
            var previous: String?
            if let old = changed[block.section].flatMap({ $0 }) {
                let oldBlocks = MarkdownBlock.blocks(old).filter(\.translatable)
                previous = number <= oldBlocks.count ? oldBlocks[number - 1].text : nil
            }
            add("\(block.section)/\(number)", block.kind.rawValue, block.text, aligned ? translatedBlocks![index].text : nil,
                section: block.section, previous: previous, line: source.bodyLineOffset + block.lines.lowerBound + 1)
        }
        return po
    }

    /// Questionnaire texts or interface strings: one entry per key.
    func textsPO(_ item: Item, language: Language) -> POFile {
        let sections = sourceSections(item, forPO: true)
        let translated = translatedTexts(item, language: language.code)
        let (kind, id) = poKey(item)
        let changed = changedSections(sections, entry: site.records[language.code]?[kind, id])
        var po = POFile(language: language.code, header: header(language, source: sourceFileDisplay(item)))
        for section in sections {
            let value = translated[section.key] ?? ""
            let fuzzy = !value.isEmpty && changed[section.key] != nil
            po.entries.append(.init(context: section.key, source: section.text, translation: value, fuzzy: fuzzy,
                                    previousSource: fuzzy ? changed[section.key].flatMap { $0 } : nil,
                                    comments: [Self.isMarkdownKey(section.key) ? "Markdown" : "text"]))
        }
        return po
    }

    private func poKey(_ item: Item) -> (SourceRecord.Kind, String) {
        switch item {
        case let .page(path): return (.pages, path)
        case let .questionnaire(id): return (.questionnaires, id)
        case .strings: return (.strings, "strings")
        }
    }

    private func sourceFileDisplay(_ item: Item) -> String {
        ContentTree.join(content, relativeFile(item, language: site.config.sourceLanguage))
    }

    /// For strings, every string the source has (templates' and the site's); else as tracked.
    private func sourceSections(_ item: Item, forPO: Bool) -> [TextSection] {
        guard case .strings = item else { return sourceSections(item) }
        return TranslationTracking.stringSections(language: site.config.sourceLanguage, source: nil, contentURL: contentURL,
                                                  contentDisplay: content, templatesURL: templatesURL).sections
    }

    private func translatedTexts(_ item: Item, language code: String) -> [String: String] {
        var result: [String: String] = [:]
        switch item {
        case let .questionnaire(id):
            for section in SourceSections.yamlTexts(site.questionnaireTexts[code]?[id]?.text ?? "") { result[section.key] = section.text }
        case .strings:
            let own = TranslationTracking.stringSections(language: code, source: nil, contentURL: contentURL, contentDisplay: content,
                                                         templatesURL: templatesURL)
            for section in own.sections { result[section.key] = section.text }
        case .page:
            break
        }
        return result
    }

    static func isMarkdownKey(_ key: String) -> Bool {
        key == "intro" || key.hasSuffix(".hint") || key.hasSuffix(".body")
    }

    // MARK: Import

    /// Reads the PO files below `folder` and writes `code`'s content files; returns what was written.
    public func importPO(language code: String, from folder: String) throws(LotseError) -> [String] {
        let language = try poLanguage(code)
        let log = DiagnosticLog()
        let folderURL = BuildOptions.url(folder)
        var messages: [String] = []
        for file in ContentTree.files(in: folderURL, displayPrefix: folder) where file.relativePath.hasSuffix(".po") {
            guard let text = try? SourceText.read(file.url, displayPath: file.displayPath) else {
                log.error(at: SourceLocation(path: file.displayPath), "cannot read the file")
                continue
            }
            let po = POFile.parse(text, path: file.displayPath, log: log)
            if !po.language.isEmpty && po.language != code {
                log.error(at: SourceLocation(path: file.displayPath), "this PO file is for '\(po.language)', not '\(code)'")
                continue
            }
            let stem = String(file.relativePath.dropLast(3))
            let item: Item
            if stem == "strings" {
                item = .strings
            } else if stem.hasPrefix("questionnaires/"), site.questionnaireTexts[site.config.sourceLanguage]?[String(stem.dropFirst(15))] != nil {
                item = .questionnaire(String(stem.dropFirst(15)))
            } else if let path = site.pagePaths.first(where: { Self.poPath(pageFile: site.sourcePages[$0]!.relativePath) == file.relativePath }) {
                item = .page(path)
            } else {
                log.warning(at: SourceLocation(path: file.displayPath), "no source page, questionnaire or strings for this PO file; skipped")
                continue
            }
            messages.append(try importItem(item, po: po, language: language))
        }
        try log.throwIfErrors()
        for warning in log.diagnostics { messages.append(warning.description) }
        return messages
    }

    private func importItem(_ item: Item, po: POFile, language: Language) throws(LotseError) -> String {
        var entries: [String: POFile.Entry] = [:]
        for entry in po.entries { entries[entry.context] = entry }
        let sections: [TextSection]
        var done: Set<String> = []  // sections fully translated and not fuzzy
        var incomplete = false
        let text: String
        switch item {
        case let .page(path):
            let source = site.sourcePages[path]!
            sections = SourceSections.page(source)
            var status: [String: Bool] = [:]  // section → complete
            func value(_ context: String, _ original: String, section: String) -> String {
                let entry = entries[context]
                let translated = entry?.translation ?? ""
                let ok = !translated.isEmpty && !(entry?.fuzzy ?? false)
                status[section] = (status[section] ?? true) && ok
                if translated.isEmpty { incomplete = true }
                return translated.isEmpty ? original : translated
            }
            var front = "---\ntitle: \(SourceRecord.quote(value("title", source.title, section: "title")))\n"
            if let summary = source.summary { front += "summary: \(SourceRecord.quote(value("summary", summary, section: "summary")))\n" }
            if let reviewed = source.reviewed { front += "reviewed: \(reviewed)\n" }
            if !source.sources.isEmpty {
                front += "sources:\n"
                for (index, item) in source.sources.enumerated() {
                    front += "  - title: \(SourceRecord.quote(value("sources/\(index + 1)", item.title, section: "sources")))\n"
                    front += "    url: \(SourceRecord.quote(item.url))\n"
                }
            }
            let body = SourceText.normalizeLineEnds(source.body)
            var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let blocks = MarkdownBlock.blocks(body)
            var counters: [String: Int] = [:]
            var replacements: [(Range<Int>, [String])] = []
            for block in blocks where block.translatable {
                counters[block.section, default: 0] += 1
                let translated = value("\(block.section)/\(counters[block.section]!)", block.text, section: block.section)
                replacements.append((block.lines, block.written(translated)))
            }
            for (range, replacement) in replacements.reversed() { lines.replaceSubrange(range, with: replacement) }
            for section in sections where status[section.key] ?? true { done.insert(section.key) }
            if incomplete { front += "draft: true\n" }
            text = front + "---\n" + lines.joined(separator: "\n")
        case .questionnaire, .strings:
            sections = sourceSections(item, forPO: true)
            var values: [(String, String)] = []
            let shipped = TranslationTracking.stringSections(language: language.code, source: nil, contentURL: contentURL,
                                                             contentDisplay: content, templatesURL: templatesURL)
            let shippedValues = Dictionary(shipped.sections.map { ($0.key, $0.text) }) { a, _ in a }
            for section in sections {
                guard let entry = entries[section.key], !entry.translation.isEmpty else { incomplete = true; continue }
                if !entry.fuzzy { done.insert(section.key) }
                if case .strings = item, !shipped.siteKeys.contains(section.key), shippedValues[section.key] == entry.translation,
                   !sourceSections(.strings).contains(where: { $0.key == section.key }) {
                    continue  // the templates ship this translation already
                }
                values.append((section.key, entry.translation))
            }
            text = Self.yaml(values)
        }
        let relative = relativeFile(item, language: language.code)
        let url = contentURL.appendingPathComponent(relative)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw LotseError(at: SourceLocation(path: ContentTree.join(content, relative)), "cannot write: \(error.localizedDescription)")
        }
        // Record the source version of the sections translated and checked; keep the old record for the rest.
        var record = SourceRecord.load(content: contentURL, contentDisplay: content, language: language.code, log: nil)
        let (kind, id) = poKey(item)
        var entry = record[kind, id] ?? SourceRecord.Entry(from: site.config.sourceLanguage, sections: [:])
        for section in sections where done.contains(section.key) { entry.sections[section.key] = section.hash }
        record[kind, id] = entry
        do {
            try SourceStore(content: contentURL).save(sections)
            try record.save(content: contentURL, language: language.code)
        } catch {
            throw LotseError(at: nil, "cannot write \(language.code)/\(SourceRecord.fileName): \(error.localizedDescription)")
        }
        let open = sections.count - done.count
        return "wrote \(ContentTree.join(content, relative))" + (open > 0 ? " (\(open) section(s) not translated or fuzzy\(incomplete && { if case .page = item { return true }; return false }() ? "; marked draft: true" : ""))" : "")
    }

    /// YAML for dotted key paths in order (`questions.status.text` → nested mappings).
    static func yaml(_ values: [(String, String)]) -> String {
        final class Node {
            var order: [String] = []
            var children: [String: Node] = [:]
            var value: String?
        }
        let root = Node()
        for (key, value) in values {
            var node = root
            for part in key.split(separator: ".").map(String.init) {
                if node.children[part] == nil { node.children[part] = Node(); node.order.append(part) }
                node = node.children[part]!
            }
            node.value = value
        }
        var out = ""
        func write(_ node: Node, indent: String, path: String) {
            for key in node.order {
                let child = node.children[key]!
                let full = path.isEmpty ? key : "\(path).\(key)"
                let name = key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) && !["yes", "no", "true", "false", "on", "off", "null"].contains(key.lowercased())
                    ? key : SourceRecord.quote(key)
                if let value = child.value {
                    if value.contains("\n") || isMarkdownKey(full) {
                        out += "\(indent)\(name): |\n"
                        for line in value.split(separator: "\n", omittingEmptySubsequences: false) {
                            out += line.isEmpty ? "\n" : "\(indent)  \(line)\n"
                        }
                    } else {
                        out += "\(indent)\(name): \(SourceRecord.quote(value))\n"
                    }
                } else {
                    out += "\(indent)\(name):\n"
                    write(child, indent: indent + "  ", path: full)
                }
            }
        }
        write(root, indent: "", path: "")
        return out
    }
}
