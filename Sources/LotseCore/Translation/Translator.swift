import Foundation

/// `lotse translate`: starts translation files and records which source
/// version a translation follows.
///
/// - `create`: copies the source file (or the `translate_from` language's
///   translation) to the language's folder, marked `draft: true` so it is not
///   published half done, and records the source version it starts from.
///   It never overwrites a file.
/// - `markCurrent`: records that a translation was checked against today's source.
/// - `minor`: records a source edit that changes no meaning (a typo) in every
///   language whose translation followed the version before it, so they stay current.
public struct Translator {
    public var content: String
    public var templates: String?
    let contentURL: URL
    /// The templates in use (see ``BuildOptions/templatesFolder(_:)``): their strings are the shipped ones.
    let templatesURL: URL
    let site: SiteContent

    public init(content: String = "content", templates: String? = nil) throws(LotseError) {
        self.content = content
        self.templates = templates
        contentURL = BuildOptions.url(content)
        templatesURL = try BuildOptions.templatesFolder(templates).url
        let log = DiagnosticLog()
        site = try ContentLoader.load(contentDir: contentURL, displayPath: content, log: log)
        try log.throwIfErrors()
    }

    /// What a PATH argument names.
    enum Item {
        case page(String)
        case questionnaire(String)
        case strings
    }

    /// `work/permit.md`, `de/work/permit.md`, `content/de/work/permit.md`, `questionnaires/x.yaml`, `strings.yaml`.
    func item(_ raw: String) throws(LotseError) -> Item {
        var parts = raw.split(separator: "/").map(String.init).filter { $0 != "." }
        let contentParts = content.split(separator: "/").map(String.init).filter { $0 != "." }
        if parts.starts(with: contentParts), parts.count > contentParts.count { parts.removeFirst(contentParts.count) }
        if let first = parts.first, site.config.language(first) != nil, parts.count > 1 { parts.removeFirst() }
        let path = parts.joined(separator: "/")
        if path == "strings.yaml" { return .strings }
        if parts.count == 2, parts[0] == "questionnaires", parts[1].hasSuffix(".yaml") {
            let id = String(parts[1].dropLast(5))
            guard site.questionnaireTexts[site.config.sourceLanguage]?[id] != nil else {
                throw LotseError(at: nil, "no questionnaire texts \(site.config.sourceLanguage)/questionnaires/\(id).yaml in \(content)")
            }
            return .questionnaire(id)
        }
        var page = path.hasSuffix(".md") ? String(path.dropLast(3)) : path
        if page == "index" { page = "" } else if page.hasSuffix("/index") { page = String(page.dropLast(6)) }
        guard site.sourcePages[page] != nil else {
            throw LotseError(at: nil, "'\(raw)' names no page, questionnaire (questionnaires/<id>.yaml) or strings.yaml of the source language (\(site.config.sourceLanguage))")
        }
        return .page(page)
    }

    private func language(_ code: String) throws(LotseError) -> Language {
        guard let language = site.config.language(code), code != site.config.sourceLanguage else {
            throw LotseError(at: nil, "'\(code)' is not a translation language of this site (source: \(site.config.sourceLanguage))")
        }
        return language
    }

    private func display(_ relative: String) -> String { ContentTree.join(content, relative) }

    // MARK: Sections of the source

    /// The source sections an item's record covers.
    func sourceSections(_ item: Item) -> [TextSection] {
        let source = site.config.sourceLanguage
        switch item {
        case let .page(path): return SourceSections.page(site.sourcePages[path]!)
        case let .questionnaire(id): return SourceSections.yamlTexts(site.questionnaireTexts[source]?[id]?.text ?? "")
        case .strings: return siteStrings(source)
        }
    }

    /// The site's own interface strings in a language (`content/<lang>/strings.yaml`).
    private func siteStrings(_ code: String) -> [TextSection] {
        let url = contentURL.appendingPathComponent(code).appendingPathComponent("strings.yaml")
        guard let text = try? SourceText.read(url, displayPath: url.path) else { return [] }
        return SourceSections.yamlTexts(text)
    }

    private func key(_ item: Item) -> (SourceRecord.Kind, String) {
        switch item {
        case let .page(path): return (.pages, path)
        case let .questionnaire(id): return (.questionnaires, id)
        case .strings: return (.strings, "strings")
        }
    }

    /// Records that `code`'s translation of `item` follows today's source.
    func record(_ item: Item, language code: String, from: String) throws(LotseError) {
        let sections = sourceSections(item)
        var record = SourceRecord.load(content: contentURL, contentDisplay: content, language: code, log: nil)
        let (kind, id) = key(item)
        record[kind, id] = SourceRecord.Entry(from: from, sections: Dictionary(sections.map { ($0.key, $0.hash) }) { a, _ in a })
        do {
            try SourceStore(content: contentURL).save(sections)
            try record.save(content: contentURL, language: code)
        } catch {
            throw LotseError(at: SourceLocation(path: display("\(code)/\(SourceRecord.fileName)")), "cannot write: \(error.localizedDescription)")
        }
    }

    // MARK: Commands

    /// The file a translation of `item` lives in, below the content folder.
    func relativeFile(_ item: Item, language code: String) -> String {
        switch item {
        case let .page(path): return "\(code)/\(site.sourcePages[path]!.relativePath)"
        case let .questionnaire(id): return "\(code)/questionnaires/\(id).yaml"
        case .strings: return "\(code)/strings.yaml"
        }
    }

    /// Creates the translation file of `path` in `code`; returns what was done.
    public func create(language code: String, path: String) throws(LotseError) -> String {
        try create(language: code, item: try item(path))
    }

    func create(language code: String, item: Item) throws(LotseError) -> String {
        let language = try language(code)
        let relative = relativeFile(item, language: code)
        let url = contentURL.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: url.path) {
            throw LotseError(at: SourceLocation(path: display(relative)), "the translation exists already; lotse translate never overwrites a file")
        }
        let source = site.config.sourceLanguage
        // Work from `translate_from` where that language has the text, else from the source.
        var from = source
        if let other = language.translateFrom, FileManager.default.fileExists(atPath: contentURL.appendingPathComponent(relativeFile(item, language: other)).path),
           other != source {
            from = other
        }
        let fromURL = contentURL.appendingPathComponent(relativeFile(item, language: from))
        let text: String
        switch item {
        case .page, .questionnaire:
            let original: String
            do { original = try SourceText.read(fromURL, displayPath: display(relativeFile(item, language: from))) } catch { throw error }
            if case .page = item { text = Self.markPageDraft(original) } else { text = Self.markTextsDraft(original) }
        case .strings:
            let sections = siteStrings(from).isEmpty ? siteStrings(source) : siteStrings(from)
            text = "# Interface strings of this site in \(language.name). Translate a line, then remove its '#'.\n"
                + sections.map { "# \($0.key): \(SourceRecord.quote($0.text))" }.joined(separator: "\n") + "\n"
        }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            throw LotseError(at: SourceLocation(path: display(relative)), "cannot write: \(error.localizedDescription)")
        }
        try record(item, language: code, from: from)
        let draft: String
        switch item {
        case .strings: draft = "translate each line and remove its '#'"
        default: draft = "translate it, then remove the 'draft: true' line to publish it"
        }
        return "created \(display(relative)) from \(display(relativeFile(item, language: from))): \(draft)"
    }

    /// `--all-missing`: every page and questionnaire with no translation file in `code`.
    public func createAllMissing(language code: String) throws(LotseError) -> [String] {
        _ = try language(code)
        var done: [String] = []
        for path in site.pagePaths where site.translations[code]?[path] == nil && site.draftTranslations[code]?[path] == nil {
            done.append(try create(language: code, item: .page(path)))
        }
        for id in (site.questionnaireTexts[site.config.sourceLanguage] ?? [:]).keys.sorted()
        where site.questionnaireTexts[code]?[id] == nil && site.questionnaireLogic[id] != nil {
            done.append(try create(language: code, item: .questionnaire(id)))
        }
        return done
    }

    /// `--mark-current`: the translation was checked against today's source.
    public func markCurrent(language code: String, path: String) throws(LotseError) -> String {
        let language = try language(code)
        let item = try item(path)
        let relative = relativeFile(item, language: code)
        guard FileManager.default.fileExists(atPath: contentURL.appendingPathComponent(relative).path) else {
            throw LotseError(at: nil, "there is no translation \(display(relative)) yet: create it with 'lotse translate \(code) \(path)'")
        }
        let old = SourceRecord.load(content: contentURL, contentDisplay: content, language: code, log: nil)
        let (kind, id) = key(item)
        try record(item, language: code, from: old[kind, id]?.from ?? language.translateFrom ?? site.config.sourceLanguage)
        return "\(display(relative)) is marked current with its source"
    }

    /// `--mark-current L --all`: every existing translation of `code` (pages,
    /// questionnaires, strings) was checked against today's source, e.g. when a
    /// site starts tracking translations made before.
    public func markAllCurrent(language code: String) throws(LotseError) -> [String] {
        _ = try language(code)
        var done: [String] = []
        for path in site.pagePaths where site.translations[code]?[path] != nil || site.draftTranslations[code]?[path] != nil {
            done.append(try markCurrent(language: code, path: site.sourcePages[path]!.relativePath))
        }
        for id in (site.questionnaireTexts[code] ?? [:]).keys.sorted() where site.questionnaireTexts[site.config.sourceLanguage]?[id] != nil {
            done.append(try markCurrent(language: code, path: "questionnaires/\(id).yaml"))
        }
        if FileManager.default.fileExists(atPath: contentURL.appendingPathComponent("\(code)/strings.yaml").path) {
            done.append(try markCurrent(language: code, path: "strings.yaml"))
        }
        return done
    }

    /// `--minor`: the source's latest edit of `path` changes no meaning. Each
    /// language whose recorded source version differs from today's only by
    /// small edits (a few words per section) is recorded as following today's
    /// source; languages that were outdated by a real change stay outdated.
    public func minor(path: String) throws(LotseError) -> [String] {
        let item = try item(path)
        let sections = sourceSections(item)
        let store = SourceStore(content: contentURL)
        let (kind, id) = key(item)
        var messages: [String] = []
        for language in site.config.languages where language.code != site.config.sourceLanguage {
            var record = SourceRecord.load(content: contentURL, contentDisplay: content, language: language.code, log: nil)
            guard var entry = record[kind, id] else { continue }
            var refused: [String] = []
            var updated = 0
            for section in sections {
                guard let hash = entry.sections[section.key], hash != section.hash else { continue }
                guard let old = store.text(hash), Self.isMinorEdit(old, section.text) else {
                    refused.append(section.key)
                    continue
                }
                entry.sections[section.key] = section.hash
                updated += 1
            }
            if !refused.isEmpty {
                messages.append("\(language.code): not changed, \(refused.joined(separator: ", ")) changed more than a minor edit since this translation was made")
                continue
            }
            guard updated > 0 else { continue }
            record[kind, id] = entry
            do {
                try store.save(sections)
                try record.save(content: contentURL, language: language.code)
            } catch {
                throw LotseError(at: nil, "cannot write \(language.code)/\(SourceRecord.fileName): \(error.localizedDescription)")
            }
            messages.append("\(language.code): \(updated) section(s) recorded as a minor edit; the translation stays current")
        }
        if messages.isEmpty { messages.append("no translation records \(path) with another source version: nothing to do") }
        return messages
    }

    /// At most a few words differ (3, or a tenth of the section's words).
    static func isMinorEdit(_ old: String, _ new: String) -> Bool {
        let a = old.split { $0.isWhitespace }
        let b = new.split { $0.isWhitespace }
        var previous = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var current = [0]
            for (j, y) in b.enumerated() {
                current.append(x == y ? previous[j] + 1 : max(previous[j + 1], current[j]))
            }
            previous = current
        }
        let common = previous.last ?? 0
        let changed = max(a.count, b.count) - common
        return changed <= max(3, max(a.count, b.count) / 10)
    }

    /// Adds `draft: true` to a page's front matter (replacing any `draft:` line).
    static func markPageDraft(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first?.trimmingWhitespace == "---",
              let end = lines.dropFirst().firstIndex(where: { $0.trimmingWhitespace == "---" || $0.trimmingWhitespace == "..." }) else {
            return "---\ndraft: true\n---\n" + text
        }
        let kept = lines[1..<end].filter { !$0.hasPrefix("draft:") && !$0.hasPrefix("critical:") }
        lines.replaceSubrange(1..<end, with: kept + ["draft: true"])
        return lines.joined(separator: "\n")
    }

    /// Adds `draft: true` at the top of a questionnaire texts file.
    static func markTextsDraft(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("draft:") }
        return "draft: true   # remove this line when the translation is done\n" + lines.joined(separator: "\n")
    }
}
