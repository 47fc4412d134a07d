import Foundation

/// `lotse graph`: a questionnaire's flow as Graphviz DOT, drawn from the
/// compiled site, so it reports the same problems as `lotse build`.
public enum QuestionnaireGraphExport {
    /// Compiles the site, then draws the questionnaire (see ``dot(id:language:site:)``).
    public static func dot(id: String, language: String?, content: String, templates: String? = nil) throws(LotseError) -> (dot: String, diagnostics: [Diagnostic]) {
        let site = try SiteCompiler.compile(CompileOptions(content: content, templates: templates))
        return try dot(id: id, language: language, site: site)
    }

    /// The DOT text, and every problem found in the site: a flow with errors
    /// is still drawn as far as it can be read, so reviewers can see it.
    /// Throws when the questionnaire does not exist or its file cannot be read at all.
    public static func dot(id: String, language: String?, site: CompiledSite) throws(LotseError) -> (dot: String, diagnostics: [Diagnostic]) {
        let content = site.content
        guard content.questionnaireLogic[id] != nil else {
            let known = content.questionnaireLogic.keys.sorted().joined(separator: ", ")
            throw LotseError(site.diagnostics + [Diagnostic(.error, at: nil, "no questionnaire '\(id)' in \(site.options.content)/questionnaires/ (there are: \(known.isEmpty ? "none" : known))")])
        }
        guard let flow = site.questionnaireFlows[id] else {
            throw LotseError(site.diagnostics)
        }
        let wanted = language ?? content.config.sourceLanguage
        if content.config.language(wanted) == nil {
            throw LotseError(site.diagnostics + [Diagnostic(.error, at: nil, "'\(wanted)' is not a language of this site")])
        }
        return (QuestionnaireDOT.render(flow.logic, texts: flow.texts[wanted]), site.diagnostics)
    }
}
