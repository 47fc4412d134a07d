import Foundation

extension SiteContent {
    /// Reads each language's ``SourceRecord`` and finds the translations whose
    /// source sections changed since (what readers' notices and `critical`
    /// pages need; `lotse status` computes the details).
    mutating func trackSourceVersions(contentDir: URL, displayPath: String, log: DiagnosticLog) {
        for language in config.languages where language.code != config.sourceLanguage {
            let record = SourceRecord.load(content: contentDir, contentDisplay: displayPath, language: language.code, log: log)
            records[language.code] = record
            for path in (translations[language.code] ?? [:]).keys {
                trackSourceVersion(of: path, language: language.code)
            }
        }
    }

    /// Whether the translation of `path` into `code` is out of date, from
    /// the records read before (also after one page changed, in `lotse serve`).
    mutating func trackSourceVersion(of path: String, language code: String) {
        let outdated: Bool
        if let translation = translations[code]?[path], let source = sourcePages[path] {
            if let entry = records[code]?.pages[path] {
                let sections = SourceSections.page(source)
                outdated = sections.contains { entry.sections[$0.key] != $0.hash } || entry.sections.count != sections.count
            } else if let sourceDay = source.reviewed, let own = translation.reviewed, own < sourceDay {
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
