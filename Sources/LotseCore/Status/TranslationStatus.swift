import Foundation

/// What volunteers need to see, per language: every page, questionnaire and
/// the interface strings, each current, outdated (with the changed sections,
/// old and new source text), missing (with the path where its translation
/// goes) or a draft, with word counts and the share that is current.
///
/// It starts from the same load and validation as `lotse build`, so the
/// content's errors are reported the same way (and fail `lotse status`).
public struct TranslationStatus: Sendable {
    public var sourceLanguage: String
    public var languages: [LanguageTracking]
    /// Warnings found while loading and validating the site.
    public var warnings: [Diagnostic]

    public var outdatedCount: Int { languages.reduce(0) { $0 + $1.count(.outdated) } }

    /// The status of a compiled site (what `lotse status` shows): it starts
    /// from the same model as `lotse build`, also when the site has errors
    /// (the caller reports them, as the build would).
    public static func load(_ site: CompiledSite) -> TranslationStatus {
        TranslationStatus(sourceLanguage: site.sourceLanguage, languages: site.tracking, warnings: site.warnings)
    }

    /// Compiles the site like a build; throws its errors.
    public static func load(content: String, templates: String? = nil) throws(LotseError) -> TranslationStatus {
        let site = try SiteCompiler.compile(CompileOptions(content: content, templates: templates))
        if site.hasErrors { throw LotseError(site.diagnostics) }
        return load(site)
    }

    /// Keeps only `code`; false when it is not a translation language of the site.
    public mutating func select(language code: String) -> Bool {
        languages = languages.filter { $0.code == code }
        return !languages.isEmpty
    }

    /// Languages whose current share is below `percent`.
    public func below(_ percent: Double) -> [LanguageTracking] {
        languages.filter { $0.currentPercent < percent }
    }

    static func percent(_ value: Double) -> String {
        String(format: "%.0f%%", value.rounded(.down))
    }

    /// The report `lotse status` prints.
    public var description: String {
        var lines: [String] = []
        for language in languages {
            lines.append("\(language.code) (\(language.name)): \(Self.percent(language.currentPercent)) current; "
                         + "\(language.count(.current)) current, \(language.count(.outdated)) outdated, "
                         + "\(language.count(.missing)) missing, \(language.count(.draft)) draft; "
                         + "\(language.wordsToTranslate) of \(language.words) words to translate")
            for item in language.items {
                let what = item.kind == .page ? "" : item.kind == .questionnaire ? "questionnaire texts " : "interface strings "
                switch item.state {
                case .current:
                    lines.append("  current:  \(what)\(item.translationFile)" + (item.note.map { " (\($0))" } ?? ""))
                case .missing:
                    lines.append("  missing:  \(what)\(item.translationFile) (translate \(item.sourceFile), \(item.words) words)")
                case .draft:
                    lines.append("  draft:    \(what)\(item.translationFile) (draft: true, not published yet; \(item.words) words)")
                case .outdated:
                    lines.append("  outdated: \(what)\(item.translationFile) (source \(item.sourceFile), \(item.wordsToTranslate) words to check)")
                    if let note = item.note { lines.append("    \(note)") }
                    for change in item.changes {
                        lines.append("    \(change.section): \(Self.describe(change.kind))")
                        if let old = change.old { lines += old.split(separator: "\n", omittingEmptySubsequences: false).map { "      - \($0)" } }
                        else if change.kind == .changed || change.kind == .removed { lines.append("      (the old text is not in content/.lotse/sources)") }
                        if let new = change.new { lines += new.split(separator: "\n", omittingEmptySubsequences: false).map { "      + \($0)" } }
                    }
                }
            }
        }
        if !languages.isEmpty {
            lines.append("Summary: " + languages.map { "\($0.code) \(Self.percent($0.currentPercent)) current (\($0.count(.outdated)) outdated, \($0.count(.missing)) missing)" }.joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
    }

    static func describe(_ kind: TrackedItem.Change.Kind) -> String {
        switch kind {
        case .changed: return "changed in the source (- old, + new)"
        case .added: return "new in the source"
        case .removed: return "removed from the source"
        case .untranslated: return "not translated yet"
        }
    }

    /// The report as JSON, for scripts and CI.
    public var json: String {
        let report = JSONReport(sourceLanguage: sourceLanguage, languages: languages.map { language in
            JSONReport.Language(code: language.code, name: language.name, currentPercent: (language.currentPercent * 10).rounded() / 10,
                                current: language.count(.current), outdated: language.count(.outdated),
                                missing: language.count(.missing), draft: language.count(.draft),
                                words: language.words, wordsToTranslate: language.wordsToTranslate,
                                items: language.items.map { item in
                                    JSONReport.Item(kind: item.kind.rawValue, id: item.id, state: item.state.rawValue,
                                                    sourceFile: item.sourceFile, translationFile: item.translationFile,
                                                    words: item.words, wordsToTranslate: item.wordsToTranslate, note: item.note,
                                                    changes: item.changes.map { .init(section: $0.section, kind: $0.kind.rawValue, old: $0.old, new: $0.new) })
                                })
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(report), as: UTF8.self)) ?? "{}"
    }

    struct JSONReport: Encodable {
        struct Change: Encodable { var section: String; var kind: String; var old: String?; var new: String? }
        struct Item: Encodable {
            var kind: String; var id: String; var state: String; var sourceFile: String; var translationFile: String
            var words: Int; var wordsToTranslate: Int; var note: String?; var changes: [Change]
        }
        struct Language: Encodable {
            var code: String; var name: String; var currentPercent: Double
            var current: Int; var outdated: Int; var missing: Int; var draft: Int
            var words: Int; var wordsToTranslate: Int; var items: [Item]
        }
        var sourceLanguage: String
        var languages: [Language]
    }
}
