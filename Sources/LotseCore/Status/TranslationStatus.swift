/// What volunteers need to see: per language, which pages and questionnaire
/// texts are missing, and which translations are older than their source.
///
/// A translation counts as out of date when its source page was reviewed
/// (legally checked and changed) after the translation's own `reviewed`
/// date, or when the source has a review date and the translation has none.
public struct TranslationStatus: Sendable {
    public struct LanguageStatus: Sendable {
        public var code: String
        public var name: String
        public var translated: Int
        public var total: Int
        /// Source files with no translation yet.
        public var missing: [String]
        /// (translation file, its review date, the source's review date).
        public var outdated: [(file: String, translation: Day?, source: Day)]
        /// Questionnaires with no texts file in this language.
        public var missingQuestionnaires: [String]
    }

    public var sourceLanguage: String
    public var languages: [LanguageStatus]

    public var outdatedCount: Int { languages.reduce(0) { $0 + $1.outdated.count } }

    public static func load(content: String) throws(LotseError) -> TranslationStatus {
        let log = DiagnosticLog()
        let site = try ContentLoader.load(contentDir: BuildOptions.url(content), displayPath: content, log: log)
        return TranslationStatus(site)
    }

    init(_ site: SiteContent) {
        sourceLanguage = site.config.sourceLanguage
        languages = site.config.languages.filter { $0.code != site.config.sourceLanguage }.map { language in
            let translations = site.translations[language.code] ?? [:]
            var missing: [String] = []
            var outdated: [(file: String, translation: Day?, source: Day)] = []
            for path in site.pagePaths {
                let source = site.sourcePages[path]!
                guard let translation = translations[path] else {
                    missing.append(source.file.path)
                    continue
                }
                if let sourceDay = source.reviewed, translation.reviewed.map({ $0 < sourceDay }) ?? true {
                    outdated.append((translation.file.path, translation.reviewed, sourceDay))
                }
            }
            let questionnaires = site.questionnaireLogic.keys.sorted().filter { site.questionnaireTexts[language.code]?[$0] == nil }
            return LanguageStatus(code: language.code, name: language.name, translated: translations.count,
                                  total: site.sourcePages.count, missing: missing, outdated: outdated,
                                  missingQuestionnaires: questionnaires)
        }
    }

    /// The report `lotse status` prints.
    public var description: String {
        var lines: [String] = []
        for language in languages {
            lines.append("\(language.code) (\(language.name)): \(language.translated) of \(language.total) pages translated, \(language.outdated.count) out of date")
            for file in language.missing {
                lines.append("  missing:     \(file)")
            }
            for item in language.outdated {
                let translated = item.translation.map { "reviewed \($0)" } ?? "no review date"
                lines.append("  out of date: \(item.file) (\(translated); source reviewed \(item.source))")
            }
            for id in language.missingQuestionnaires {
                lines.append("  missing:     questionnaire texts \(language.code)/questionnaires/\(id).yaml (copy \(sourceLanguage)/questionnaires/\(id).yaml)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
