import Foundation

extension SiteContent {
    /// Reads each language's ``SourceRecord`` and finds the translations whose
    /// source sections changed since (what readers' notices and `critical`
    /// pages need; `lotse status` computes the details).
    mutating func trackSourceVersions(contentDir: URL, displayPath: String, log: DiagnosticLog) {
        loadSourceRecords(contentDir: contentDir, displayPath: displayPath, log: log)
        markOutdatedTranslations()
    }

    /// Reads each language's ``SourceRecord`` (what is wrong with one goes to `log`).
    mutating func loadSourceRecords(contentDir: URL, displayPath: String, log: DiagnosticLog) {
        for code in config.languages.map(\.code) where code != config.sourceLanguage {
            records[code] = SourceRecord.load(content: contentDir, contentDisplay: displayPath, language: code, log: log)
        }
    }

    /// Finds the translations whose source sections changed since their record (``records``): from
    /// ``sourceSections`` where they are (a build hashes them from its Markdown pass), else from the pages.
    /// - Parameter recorded: ``recordedSourcePaths``, when the caller has it already (a build).
    mutating func markOutdatedTranslations(recorded: Set<String>? = nil) {
        let languages = config.languages.map(\.code).filter { $0 != config.sourceLanguage }
        // Each source page compared with a record is hashed once, on all cores, not once per language.
        cacheSourceSections((recorded ?? recordedSourcePaths).sorted())
        for code in languages {
            for path in (translations[code] ?? [:]).keys {
                trackSourceVersion(of: path, language: code)
            }
        }
    }

    /// The source pages with a translation that has a record of its source version (``records``):
    /// those whose sections' hashes are compared, in ``markOutdatedTranslations()`` and on the status page.
    var recordedSourcePaths: Set<String> {
        var recorded = Set<String>()
        for code in config.languages.map(\.code) where code != config.sourceLanguage {
            guard let pages = records[code]?.pages else { continue }
            for path in (translations[code] ?? [:]).keys where pages[path] != nil { recorded.insert(path) }
        }
        return recorded
    }

    /// The sections of the source page at `path` that translations follow
    /// (from ``sourceSections`` when they were computed before).
    func sections(ofSource path: String) -> [TextSection]? {
        if let cached = sourceSections[path] { return cached }
        return sourcePages[path].map { SourceSections.page($0) }
    }

    /// Computes the sections of these source pages on all cores, once (hashing is the slow part of tracking).
    mutating func cacheSourceSections(_ paths: [String]) {
        let missing = paths.filter { sourceSections[$0] == nil && sourcePages[$0] != nil }
        guard !missing.isEmpty else { return }
        let pages = missing.map { sourcePages[$0]! }
        for (path, sections) in zip(missing, pages.parallelMap { SourceSections.page($0) }) {
            sourceSections[path] = sections
        }
    }

    /// Whether the translation of `path` into `code` is out of date, from
    /// the records read before (also after one page changed, in `lotse serve`).
    mutating func trackSourceVersion(of path: String, language code: String) {
        let outdated: Bool
        // Only the review dates of the two pages: not copies of them (9,000 translations, on one core; issue 10).
        if let translation = translations[code]?.index(forKey: path), let source = sourcePages.index(forKey: path) {
            if let entry = records[code]?.pages[path] {
                let current = sections(ofSource: path)!  // `source` exists, so its sections do
                outdated = current.contains { entry.sections[$0.key] != $0.hash } || entry.sections.count != current.count
            } else if let sourceDay = sourcePages.values[source].reviewed, let own = translations[code]!.values[translation].reviewed,
                      own < sourceDay {
                // No record yet: a translation reviewed before its source was is out of date.
                outdated = true
            } else {
                outdated = false
            }
        } else {
            outdated = false
        }
        if outdated {
            outdatedPages[code, default: []].insert(path)
        } else if outdatedPages[code]?.contains(path) == true {
            outdatedPages[code]?.remove(path)
        }
    }
}
