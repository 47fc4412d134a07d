/// What a build made, printed by `lotse build`.
public struct BuildSummary: Sendable {
    public struct LanguageCount: Sendable {
        public var code: String
        public var name: String
        public var pages: Int
        public var fallbacks: Int
    }

    public var languages: [LanguageCount]
    public var questionnaires: Int
    public var questionnaireStates: Int
    /// Translations older than their source page (see ``TranslationStatus``).
    public var outdatedTranslations: Int
    public var files: Int
    public var warnings: [Diagnostic]
    public var seconds: Double

    public var description: String {
        var lines: [String] = []
        for l in languages {
            lines.append("  \(l.code) (\(l.name)): \(l.pages) pages, \(l.fallbacks) shown in the source language")
        }
        if questionnaires > 0 {
            lines.append("  \(questionnaires) questionnaire(s), \(questionnaireStates) steps per language")
        }
        if outdatedTranslations > 0 {
            lines.append("  \(outdatedTranslations) translation(s) older than their source: see 'lotse status'")
        }
        lines.append("\(files) files written, \(warnings.count) warning(s), \(String(format: "%.2f", seconds)) s")
        return lines.joined(separator: "\n")
    }
}
