/// What volunteers need to see: per language, which pages and questionnaire
/// texts are missing, and which translations are older than their source.
///
/// A translation counts as out of date when its source page was reviewed
/// (legally checked and changed) after the translation's own `reviewed`
/// date, or when the source has a review date and the translation has none;
/// and, when the content is in git, when the source file was last committed
/// after the translation file.
public struct TranslationStatus: Sendable {
    public struct LanguageStatus: Sendable {
        public var code: String
        public var name: String
        public var translated: Int
        public var total: Int
        /// Source files with no translation yet.
        public var missing: [String]
        /// Translations older than their source, with the reason.
        public var outdated: [(file: String, reason: String)]
        /// Questionnaires with no texts file in this language.
        public var missingQuestionnaires: [String]
    }

    public var sourceLanguage: String
    public var languages: [LanguageStatus]

    public var outdatedCount: Int { languages.reduce(0) { $0 + $1.outdated.count } }

    /// The status of a compiled site and, when its content is in git, its history
    /// (what `lotse status` shows).
    public static func load(_ site: CompiledSite) -> TranslationStatus {
        TranslationStatus(site.content, history: GitHistory(folder: BuildOptions.url(site.options.content)))
    }

    /// Reads only the content (not the templates) and, when it is in git, its history.
    public static func load(content: String) throws(LotseError) -> TranslationStatus {
        let log = DiagnosticLog()
        let url = BuildOptions.url(content)
        let site = try ContentLoader.load(contentDir: url, displayPath: content, log: log)
        return TranslationStatus(site, history: GitHistory(folder: url))
    }

    /// From review dates alone (what a build reports).
    init(_ site: SiteContent, history: GitHistory? = nil) {
        sourceLanguage = site.config.sourceLanguage
        languages = site.config.languages.filter { $0.code != site.config.sourceLanguage }.map { language in
            let translations = site.translations[language.code] ?? [:]
            var missing: [String] = []
            var outdated: [(file: String, reason: String)] = []
            for path in site.pagePaths {
                let source = site.sourcePages[path]!
                guard let translation = translations[path] else {
                    missing.append(source.file.path)
                    continue
                }
                if let sourceDay = source.reviewed, translation.reviewed.map({ $0 < sourceDay }) ?? true {
                    let translated = translation.reviewed.map { "reviewed \($0)" } ?? "no review date"
                    outdated.append((translation.file.path, "\(translated); source reviewed \(sourceDay)"))
                } else if let history, let sourceChanged = history.lastChange(of: source.file.path),
                          let translationChanged = history.lastChange(of: translation.file.path),
                          sourceChanged > translationChanged {
                    outdated.append((translation.file.path,
                                     "source changed on \(Day(date: sourceChanged)), after this translation's last change on \(Day(date: translationChanged)); git diff the source since then"))
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
                lines.append("  out of date: \(item.file) (\(item.reason))")
            }
            for id in language.missingQuestionnaires {
                lines.append("  missing:     questionnaire texts \(language.code)/questionnaires/\(id).yaml (copy \(sourceLanguage)/questionnaires/\(id).yaml)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
