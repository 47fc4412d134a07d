import Foundation

/// Where every translatable item of the site stands in one language: each
/// page, each questionnaire's texts and the interface strings are current,
/// outdated (with the sections whose source changed, old and new text),
/// missing (with the path where the translation goes) or a draft.
///
/// A translation is compared with the source version it was made from, as
/// recorded in ``SourceRecord``: by content, not by clock, so an uncommitted
/// source edit counts and a translation copied later does not hide one. A
/// translation with no record yet is judged by review dates alone and says so.
public struct TrackedItem: Sendable, Equatable {
    public enum Kind: String, Sendable { case page, questionnaire, strings }
    public enum State: String, Sendable { case current, outdated, missing, draft }

    public struct Change: Sendable, Equatable {
        public enum Kind: String, Sendable {
            /// The source section changed since the translation was made.
            case changed
            /// The source has a section the translation's source version did not.
            case added
            /// The source version had a section that is gone now.
            case removed
            /// The translation file lacks this text.
            case untranslated
        }
        public var section: String
        public var kind: Kind
        /// The source text the translation was made from (nil if unknown or new).
        public var old: String?
        /// The source text now (nil when removed).
        public var new: String?
    }

    public var kind: Kind
    /// Page path (`work/permit`, `""` for home), questionnaire id, or `strings`.
    public var id: String
    public var sourceFile: String
    /// Where the translation is, or goes.
    public var translationFile: String
    public var state: State
    /// Words in the source.
    public var words: Int
    /// Words still to translate or check (all of a missing item, the changed sections of an outdated one).
    public var wordsToTranslate: Int
    public var changes: [Change] = []
    public var note: String?

    /// The path `lotse translate` takes for this item (below the language folder).
    public var relativePath: String {
        switch kind {
        case .page: return id.isEmpty ? "index.md" : (sourceFile.hasSuffix("/index.md") ? "\(id)/index.md" : "\(id).md")
        case .questionnaire: return "questionnaires/\(id).yaml"
        case .strings: return "strings.yaml"
        }
    }
}

public struct LanguageTracking: Sendable, Equatable {
    public var code: String
    public var name: String
    public var items: [TrackedItem]

    public func count(_ state: TrackedItem.State) -> Int { items.filter { $0.state == state }.count }
    public var words: Int { items.reduce(0) { $0 + $1.words } }
    public var wordsToTranslate: Int { items.reduce(0) { $0 + $1.wordsToTranslate } }
    /// The share of the source's words whose translation is current, 0–100.
    public var currentPercent: Double {
        words == 0 ? 100 : Double(words - wordsToTranslate) * 100 / Double(words)
    }
}

enum TranslationTracking {
    /// Every language but the source, in site order.
    static func compute(content: SiteContent, contentURL: URL, contentDisplay: String,
                        templatesURL: URL) -> [LanguageTracking] {
        let config = content.config
        let source = config.sourceLanguage
        let store = SourceStore(content: contentURL)
        // Hashing every source section and counting its words are the slow
        // part: once per page (not per language), on all cores.
        let sourcePageSections = Dictionary(uniqueKeysWithValues: zip(content.pagePaths, content.pagePaths.parallelMap { path in
            let sections = content.sections(ofSource: path)!
            return (sections: sections, words: sections.reduce(0) { $0 + $1.words })
        }))
        let sourceQuestionnaires = content.questionnaireTexts[source] ?? [:]
        let questionnaireIDs = content.questionnaireLogic.keys.sorted().filter { sourceQuestionnaires[$0] != nil }
        let questionnaireSections = Dictionary(uniqueKeysWithValues: zip(questionnaireIDs,
            questionnaireIDs.parallelMap { SourceSections.yamlTexts(sourceQuestionnaires[$0]!.text) }))
        let sourceStrings = stringSections(language: source, source: nil, contentURL: contentURL, contentDisplay: contentDisplay, templatesURL: templatesURL)

        @Sendable func join(_ path: String) -> String { ContentTree.join(contentDisplay, path) }

        return config.languages.filter { $0.code != source }.parallelMap { language in
            let code = language.code
            let record = content.records[code] ?? SourceRecord()
            var items: [TrackedItem] = []
            for path in content.pagePaths {
                let source = sourcePageSections[path]!
                items.append(pageItem(path, language: code, sections: source.sections, words: source.words, content: content,
                                      record: record, store: store, contentDisplay: contentDisplay))
            }
            for id in questionnaireIDs {
                let sourceFile = sourceQuestionnaires[id]!
                let sections = questionnaireSections[id]!
                let words = sections.reduce(0) { $0 + $1.words }
                var item = TrackedItem(kind: .questionnaire, id: id, sourceFile: sourceFile.displayPath,
                                       translationFile: join("\(code)/questionnaires/\(id).yaml"),
                                       state: .current, words: words, wordsToTranslate: 0)
                if let file = content.questionnaireTexts[code]?[id] {
                    item.translationFile = file.displayPath
                    let translated = SourceSections.yamlTexts(file.text)
                    if isDraft(file.text) {
                        item.state = .draft
                        item.wordsToTranslate = words
                    } else {
                        item.changes = textChanges(sections, translated: Set(translated.map(\.key)),
                                                   recorded: record.questionnaires[id], store: store)
                        if record.questionnaires[id] == nil {
                            item.note = "not tracked yet: once checked, run 'lotse translate --mark-current \(code) questionnaires/\(id).yaml'"
                        }
                    }
                } else {
                    item.state = .missing
                    item.wordsToTranslate = words
                }
                finish(&item)
                items.append(item)
            }
            if !sourceStrings.sections.isEmpty {
                let own = stringSections(language: code, source: sourceStrings, contentURL: contentURL, contentDisplay: contentDisplay, templatesURL: templatesURL)
                // Strings shipped with the templates are current and not counted; the site's own (and
                // any the templates lack in this language) need this language's strings.yaml.
                let site = sourceStrings.sections.filter { !own.shipped.contains($0.key) }
                let words = site.reduce(0) { $0 + $1.words }
                var item = TrackedItem(kind: .strings, id: "strings", sourceFile: sourceStrings.file ?? join("\(source)/strings.yaml"),
                                       translationFile: join("\(code)/strings.yaml"), state: .current, words: words, wordsToTranslate: 0)
                item.changes = textChanges(site, translated: own.siteKeys, recorded: record.strings, store: store)
                finish(&item)
                items.append(item)
            }
            return LanguageTracking(code: code, name: language.name, items: items)
        }
    }

    /// Where the translation of one page into `code` stands.
    /// - Parameter words: the words of `sections` (counted once for all languages).
    static func pageItem(_ path: String, language code: String, sections: [TextSection], words: Int, content: SiteContent,
                         record: SourceRecord, store: SourceStore, contentDisplay: String) -> TrackedItem {
        let page = content.sourcePages[path]!
        func join(_ path: String) -> String { ContentTree.join(contentDisplay, path) }
        let relative = page.relativePath
        var item = TrackedItem(kind: .page, id: path, sourceFile: page.file.path, translationFile: join("\(code)/\(relative)"),
                               state: .current, words: words, wordsToTranslate: 0)
        if let translation = content.translations[code]?[path] {
            item.translationFile = translation.file.path
            if let entry = record.pages[path] {
                item.changes = changes(sections, recorded: entry, store: store)
            } else if let sourceDay = page.reviewed, translation.reviewed.map({ $0 < sourceDay }) ?? true {
                item.state = .outdated
                item.note = "no record of its source version; the source was reviewed on \(sourceDay), the translation \(translation.reviewed.map { "on \($0)" } ?? "never")"
                item.wordsToTranslate = words
            } else {
                item.note = "not tracked yet: once checked, run 'lotse translate --mark-current \(code) \(relative)'"
            }
        } else if let draft = content.draftTranslations[code]?[path] {
            item.translationFile = draft.file.path
            item.state = .draft
            item.wordsToTranslate = words
        } else {
            item.state = .missing
            item.wordsToTranslate = words
        }
        finish(&item)
        return item
    }

    /// Brings the page items for `path` up to date in `languages` (after
    /// that page changed, as `lotse serve` does); returns whether anything
    /// the status page shows changed (a new word count alone changes
    /// nothing there while the translation is current, and rendering the
    /// status page of a large site costs more than the page itself).
    static func updatePage(_ tracking: inout [LanguageTracking], path: String, languages: Set<String>, content: SiteContent,
                           contentURL: URL, contentDisplay: String) -> Bool {
        guard let sections = content.sections(ofSource: path) else { return false }
        let words = sections.reduce(0) { $0 + $1.words }
        let store = SourceStore(content: contentURL)
        var shownChanged = false
        for index in tracking.indices where languages.contains(tracking[index].code) {
            let code = tracking[index].code
            guard let at = tracking[index].items.firstIndex(where: { $0.kind == .page && $0.id == path }) else { continue }
            let item = pageItem(path, language: code, sections: sections, words: words, content: content,
                                record: content.records[code] ?? SourceRecord(), store: store, contentDisplay: contentDisplay)
            let old = tracking[index].items[at]
            guard item != old else { continue }
            let percent = Int(tracking[index].currentPercent.rounded(.down))
            tracking[index].items[at] = item
            if shown(item) != shown(old) || Int(tracking[index].currentPercent.rounded(.down)) != percent {
                shownChanged = true
            }
        }
        return shownChanged
    }

    /// What the status page (``RenderContext/renderStatusPage()``) shows of an item.
    private static func shown(_ item: TrackedItem) -> [String] {
        [item.relativePath, item.state.rawValue, item.state == .current ? "" : "\(item.wordsToTranslate)"] + item.changes.map(\.section)
    }

    /// Sets the state and the words to translate from the changes found.
    private static func finish(_ item: inout TrackedItem) {
        guard item.state == .current, !item.changes.isEmpty else { return }
        item.state = .outdated
        item.wordsToTranslate = item.changes.reduce(0) { $0 + SourceSections.wordCount($1.new ?? "") }
    }

    /// Sections of the source whose hash is not the recorded one.
    static func changes(_ sections: [TextSection], recorded entry: SourceRecord.Entry, store: SourceStore) -> [TrackedItem.Change] {
        var result: [TrackedItem.Change] = []
        for section in sections {
            guard let hash = entry.sections[section.key] else {
                result.append(.init(section: section.key, kind: .added, old: nil, new: section.text))
                continue
            }
            if hash != section.hash {
                result.append(.init(section: section.key, kind: .changed, old: store.text(hash), new: section.text))
            }
        }
        let keys = Set(sections.map(\.key))
        for (key, hash) in entry.sections.sorted(by: { $0.key < $1.key }) where !keys.contains(key) {
            result.append(.init(section: key, kind: .removed, old: store.text(hash), new: nil))
        }
        return result
    }

    /// Texts tracked per key: missing ones, and (with a record) changed ones.
    static func textChanges(_ sections: [TextSection], translated: Set<String>, recorded entry: SourceRecord.Entry?,
                            store: SourceStore) -> [TrackedItem.Change] {
        var result: [TrackedItem.Change] = []
        for section in sections where !translated.contains(section.key) {
            result.append(.init(section: section.key, kind: .untranslated, old: nil, new: section.text))
        }
        guard let entry else { return result }
        for section in sections where translated.contains(section.key) {
            if let hash = entry.sections[section.key] {
                if hash != section.hash {
                    result.append(.init(section: section.key, kind: .changed, old: store.text(hash), new: section.text))
                }
            } else {
                result.append(.init(section: section.key, kind: .added, old: nil, new: section.text))
            }
        }
        return result
    }

    /// A texts file with a top-level `draft: true` line.
    static func isDraft(_ yaml: String) -> Bool {
        // A line starting with `draft:` has those bytes: without them the text is no draft, known
        // without cutting it into lines by Characters (a millisecond for each language's questionnaire texts).
        guard yaml.containsBytes("draft:") else { return false }
        return yaml.split(separator: "\n").contains { (line: Substring) in
            guard line.hasPrefix("draft:") else { return false }
            let value = line.dropFirst(6).split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return String(value).trimmingWhitespace == "true"
        }
    }

    struct Strings {
        /// The resolved texts of the language (for the source: its full table).
        var sections: [TextSection]
        /// Keys the site's `content/<lang>/strings.yaml` defines.
        var siteKeys: Set<String>
        /// Keys the templates ship in this language and the site does not override in the source.
        var shipped: Set<String>
        var file: String?
    }

    /// A language's interface strings: the templates' file and the site's overrides.
    static func stringSections(language: String, source: Strings?, contentURL: URL, contentDisplay: String, templatesURL: URL) -> Strings {
        func read(_ url: URL) -> [TextSection] {
            guard let text = try? SourceText.read(url, displayPath: url.path) else { return [] }
            return SourceSections.yamlTexts(text)
        }
        let strings = templatesURL.appendingPathComponent("strings")
        var shipped = read(strings.appendingPathComponent("\(language).yaml"))
        if shipped.isEmpty { shipped = read(strings.appendingPathComponent("\(StringCatalog.primarySubtag(language)).yaml")) }
        let siteURL = contentURL.appendingPathComponent(language).appendingPathComponent("strings.yaml")
        let site = read(siteURL)
        var table: [String: TextSection] = [:]
        var order: [String] = []
        for section in shipped + site {
            if table[section.key] == nil { order.append(section.key) }
            table[section.key] = section
        }
        let siteKeys = Set(site.map(\.key))
        let sourceSiteKeys = source?.siteKeys ?? []
        return Strings(sections: order.map { table[$0]! }, siteKeys: siteKeys,
                       shipped: Set(shipped.map(\.key)).subtracting(sourceSiteKeys),
                       file: FileManager.default.fileExists(atPath: siteURL.path) ? ContentTree.join(contentDisplay, "\(language)/strings.yaml") : nil)
    }
}
