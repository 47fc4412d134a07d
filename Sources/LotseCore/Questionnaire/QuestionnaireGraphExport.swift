import Foundation

/// `lotse graph`: a questionnaire's flow as Graphviz DOT, drawn from the
/// compiled site (so it reports the same problems as `lotse build`), or its
/// decision table, in one language.
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
        let texts = flow.texts[wanted]
        let strings = site.strings.table(for: wanted)
        let version = strings["review_version"].map { $0.filling(["version": QuestionnaireVersion.make(flow.logic, texts: texts)]) }
        let options = QuestionnaireDOT.Options(strings: strings, isolateBidi: content.config.language(wanted)?.direction == .rtl,
                                               version: version)
        return (QuestionnaireDOT.render(flow.logic, texts: texts, options: options), site.diagnostics)
    }

    /// A questionnaire loaded for review, with whatever could be read.
    struct Loaded {
        var site: SiteContent
        var logic: QuestionnaireLogic
        var texts: QuestionnaireTexts?
        var language: Language
        var strings: [String: String]
        var log: DiagnosticLog
        var id: String

        /// Only this questionnaire's problems: the rest of the site is `lotse build`'s business.
        var diagnostics: [Diagnostic] {
            log.diagnostics.filter { $0.location?.path.hasSuffix("questionnaires/\(id).yaml") ?? false }
        }
    }

    static func load(id: String, language: String?, content: String, templates: String?) throws(LotseError) -> Loaded {
        let log = DiagnosticLog()
        let site = try ContentLoader.load(contentDir: BuildOptions.url(content), displayPath: content, log: log)
        guard let file = site.questionnaireLogic[id] else {
            let known = site.questionnaireLogic.keys.sorted().joined(separator: ", ")
            throw LotseError(at: nil, "no questionnaire '\(id)' in \(content)/questionnaires/ (there are: \(known.isEmpty ? "none" : known))")
        }
        guard let logic = QuestionnaireLogic.loadReportingErrors(text: file.text, id: id, displayPath: file.displayPath, log: log).logic else {
            throw LotseError(log.diagnostics)
        }
        let source = site.config.sourceLanguage
        let wanted = language ?? source
        guard let lang = site.config.language(wanted) else {
            throw LotseError(at: nil, "'\(wanted)' is not a language of this site")
        }
        var texts: QuestionnaireTexts?
        if let sourceFile = site.questionnaireTexts[source]?[id] {
            texts = QuestionnaireTexts.load(text: sourceFile.text, language: source, displayPath: sourceFile.displayPath,
                                            source: nil, logic: logic, log: log)
            if wanted != source, let sourceTexts = texts {
                texts = QuestionnaireTexts.forLanguage(wanted, id: id, in: site, source: sourceTexts, logic: logic, log: log)
            }
        }
        // Interface strings ("and", "or", headings); their own warnings are the build's business.
        let folder = try BuildOptions.templatesFolder(templates)
        let catalog = StringCatalog.load(templatesDir: folder.url, templatesDisplay: folder.display,
                                         contentDir: BuildOptions.url(content), contentDisplay: content,
                                         config: site.config, usedKeys: [:], log: DiagnosticLog())
        return Loaded(site: site, logic: logic, texts: texts, language: lang, strings: catalog.table(for: wanted), log: log, id: id)
    }

    /// The decision table with the version (see ``QuestionnaireReview``). A
    /// questionnaire with errors has no table: its errors are thrown.
    public static func table(id: String, language: String?, format: DecisionTableFormat, content: String, templates: String? = nil,
                             today: Day = Day.today()) throws(LotseError) -> (text: String, diagnostics: [Diagnostic]) {
        let loaded = try load(id: id, language: language, content: content, templates: templates)
        let site = loaded.site
        let pageExists = { (path: String) in site.sourcePages[path] != nil || (path == "index" && site.sourcePages[""] != nil) }
        guard let texts = loaded.texts,
              let graph = QuestionnaireGraph.explore(loaded.logic, pageExists: pageExists,
                                                     stateLimit: site.config.questionnaireStateLimit, log: loaded.log) else {
            let errors = loaded.diagnostics.filter { $0.severity == .error }
            throw LotseError(errors.isEmpty ? loaded.log.diagnostics.filter { $0.severity == .error } : errors)
        }
        let review = QuestionnaireReview(logic: loaded.logic, graph: graph, table: DecisionTable(graph), texts: texts,
                                         strings: loaded.strings, page: { reviewPage($0, site: site, language: loaded.language.code) })
        let date = LocalizedDate.format(today, language: loaded.language.code)
        let text = format.render(review, strings: loaded.strings, date: date, direction: loaded.language.direction.rawValue)
        return (text, loaded.diagnostics)
    }

    /// An outcome's page in a language, for the review.
    static func reviewPage(_ path: String, site: SiteContent, language: String) -> QuestionnaireReview.Page? {
        guard let (page, isFallback) = site.page(path == "index" ? "" : path, in: language) else { return nil }
        return QuestionnaireReview.Page(path: path, title: page.title, isTranslated: !isFallback, sources: page.sources)
    }
}
