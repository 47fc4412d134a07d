import Foundation

extension SiteContent {
    /// Reads each language's ``SourceRecord`` and finds the translations whose
    /// source sections changed since (what readers' notices and `critical`
    /// pages need; `lotse status` computes the details).
    mutating func trackSourceVersions(contentDir: URL, displayPath: String, log: DiagnosticLog) {
        for language in config.languages where language.code != config.sourceLanguage {
            let record = SourceRecord.load(content: contentDir, contentDisplay: displayPath, language: language.code, log: log)
            records[language.code] = record
            for (path, translation) in translations[language.code] ?? [:] {
                guard let source = sourcePages[path] else { continue }
                if let entry = record.pages[path] {
                    let sections = SourceSections.page(source)
                    let changed = sections.contains { entry.sections[$0.key] != $0.hash }
                        || entry.sections.count != sections.count
                    if changed { outdatedPages[language.code, default: []].insert(path) }
                } else if let sourceDay = source.reviewed, let own = translation.reviewed, own < sourceDay {
                    // No record yet: a translation reviewed before its source was is out of date.
                    outdatedPages[language.code, default: []].insert(path)
                }
            }
        }
    }
}
