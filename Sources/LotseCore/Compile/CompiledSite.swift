import Foundation

/// The whole site as one typed value: what `lotse build`, `status`, `graph`
/// and `serve` (and leaflets, and the translation workflow) start from.
///
/// Made by ``SiteCompiler/compile(_:)`` from `content/` and `templates/`:
/// every page in every language (``CompiledPage``: source, translation or
/// fallback, with its rendered Markdown, heading ids and table of contents),
/// the questionnaires with their explored graphs and texts, the link graph
/// (``LinkGraph``), the interface strings and the templates; and every
/// problem found, each owned by the file it is about. A site with errors is
/// still a value (status and graph show what they can), but it is never
/// rendered: ``SiteRenderer`` refuses it.
public struct CompiledSite: Sendable {
    public let options: CompileOptions
    /// Every error and warning, sorted by file and position.
    public internal(set) var diagnostics: [Diagnostic]
    public internal(set) var links: LinkGraph

    var content: SiteContent
    let strings: StringCatalog
    /// Nil when the templates could not be loaded (then there are errors).
    let templates: TemplateSet?
    /// Rendered Markdown of each page file, by ``RenderContext/bodyKey(_:)``.
    var bodies: [String: RenderedBody]
    /// The questionnaires that compiled completely, by id.
    let questionnaires: [CompiledQuestionnaire]
    /// Every questionnaire whose logic could be read, also with errors (for `lotse graph`).
    let questionnaireFlows: [String: QuestionnaireFlow]
    /// The templates folder compiled with, and its path as messages print it
    /// (`--templates`, `./templates` or the bundled templates).
    let templatesURL: URL
    public let templatesDisplay: String
    /// Links whose anchor a translation lacks, by reader language (see ``LinkValidator``).
    var droppedAnchors: LinkValidator.DroppedAnchors
    /// Where each translation stands (issue 9), for notices and the status page.
    var tracking: [LanguageTracking]

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The problems found in one file (its path as diagnostics print it).
    public func diagnostics(in file: String) -> [Diagnostic] {
        diagnostics.filter { $0.location?.path == file }
    }

    public var config: SiteConfig { content.config }
    public var sourceLanguage: String { content.config.sourceLanguage }
    public var languages: [Language] { content.config.languages }
    /// Every page path of the site, sorted (`""` is the home page).
    public var pagePaths: [String] { content.pagePaths }
    /// The questionnaires that compiled completely, by id.
    public var questionnaireIDs: [String] { questionnaires.map(\.id) }

    /// The page readers of `language` get at `path` (made on demand from the
    /// content and the rendered bodies, so a large site keeps no second copy).
    public func page(_ path: String, language: String) -> CompiledPage? {
        guard let (page, isFallback) = content.page(path, in: language), let body = bodies[RenderContext.bodyKey(page)] else { return nil }
        let kind: CompiledPage.Kind = isFallback ? .fallback : (page.language == sourceLanguage ? .source : .translation)
        return CompiledPage(path: path, language: language, kind: kind, page: page, body: body)
    }

    /// Every page in every language, languages in site order, paths sorted.
    public var pages: [CompiledPage] {
        languages.flatMap { language in pagePaths.compactMap { page($0, language: language.code) } }
    }

    func questionnaire(_ id: String) -> CompiledQuestionnaire? {
        questionnaires.first { $0.id == id }
    }
}
