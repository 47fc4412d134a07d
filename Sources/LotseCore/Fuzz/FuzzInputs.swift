import Foundation

/// The entry points the fuzzer (`scripts/fuzz`, `Fuzz/`) feeds with random
/// bytes, one per kind of file a volunteer or maintainer writes.
///
/// They live in the library, not in the fuzz package, so the tests replay
/// every input the fuzzer ever crashed or hung on through exactly the same
/// code (`Fuzz/findings/<target>/`, see `FuzzFindingsTests`). Each call must
/// return normally for every input: problems become diagnostics, never a
/// crash, a hang or unbounded memory.
enum FuzzInputs {
    /// The fuzz targets by name, as `scripts/fuzz --target NAME` knows them.
    static let targets: [String: @Sendable (Data) -> Void] = [
        "page": page,
        "site-config": siteConfig,
        "questionnaire": questionnaire,
        "template": template,
    ]

    /// Does the slow one-time work of a target before fuzzing starts, so it
    /// is not counted against the first input's time limit.
    static func prepare(_ target: String) {
        if target == "template", bundledSite == nil {
            fatalError("cannot load the bundled site: set LOTSE_FUZZ_ROOT to the repository")
        }
    }

    /// The bytes as a content file's text, the way ``SourceText`` reads it.
    static func text(_ data: Data, path: String) -> String? {
        try? SourceText.decode(data, displayPath: path)
    }

    /// A page file: front matter and Markdown, parsed and rendered.
    static func page(_ data: Data) {
        let log = DiagnosticLog()
        guard let text = text(data, path: "de/work/permit.md"),
              let page = PageSource.parse(text: text, language: "de", path: "work/permit", relativePath: "work/permit.md",
                                          displayPath: "de/work/permit.md", log: log) else { return }
        let renderer = MarkdownRenderer(pagePaths: ["", "work", "work/permit", "family/join"], questionnaireIDs: ["can-i-work"],
                                        draftPaths: ["later"])
        let body = renderer.render(page.body, relativePath: page.relativePath,
                                   origin: SourceLocation(path: "de/work/permit.md", line: page.bodyLineOffset + 1), log: log)
        _ = body.html(reader: "ar", resolver: SiteLinkResolver(prefix: "/"))
        _ = log.diagnostics.map(\.description)
    }

    /// `site.yaml`.
    static func siteConfig(_ data: Data) {
        let log = DiagnosticLog()
        guard let text = text(data, path: "site.yaml") else { return }
        _ = try? SiteConfig.load(text: text, path: "site.yaml", log: log)
        _ = log.diagnostics.map(\.description)
    }

    /// The line that separates a questionnaire's logic from its texts in one fuzz input.
    static let questionnaireSeparator = "\n#--- texts\n"

    /// A questionnaire: its logic file, and after ``questionnaireSeparator``
    /// its source-language texts; loaded, explored (with a small state
    /// limit) and its texts read.
    static func questionnaire(_ data: Data) {
        let log = DiagnosticLog()
        guard let text = text(data, path: "questionnaires/q.yaml") else { return }
        let parts = text.components(separatedBy: questionnaireSeparator)
        guard let logic = QuestionnaireLogic.load(text: parts[0], id: "q", displayPath: "questionnaires/q.yaml", log: log) else { return }
        _ = QuestionnaireGraph.explore(logic, pageExists: { !$0.contains("missing") }, stateLimit: 300, log: log)
        if parts.count > 1 {
            let source = QuestionnaireTexts.load(text: parts[1], language: "de", displayPath: "de/questionnaires/q.yaml",
                                                 source: nil, logic: logic, log: log)
            if let source, parts.count > 2 {
                _ = QuestionnaireTexts.load(text: parts[2], language: "ar", displayPath: "ar/questionnaires/q.yaml",
                                            source: source, logic: logic, log: log)
            }
        }
        _ = log.diagnostics.map(\.description)
    }

    /// The bundled site, loaded once, whose pages a fuzzed template renders.
    nonisolated(unsafe) static var bundledSite: RenderContext? = {
        let root = ProcessInfo.processInfo.environment["LOTSE_FUZZ_ROOT"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().path
        let options = BuildOptions(content: root + "/content", templates: root + "/templates", output: "/nonexistent",
                                   today: Day("2026-11-25")!)
        return try? SiteBuilder.prepare(options, log: DiagnosticLog()).0
    }()

    /// A Mustache template: its tags checked, then used as the page
    /// template to render the bundled site's home page in Arabic.
    static func template(_ data: Data) {
        let log = DiagnosticLog()
        guard let text = text(data, path: "templates/page.mustache") else { return }
        // Lotse's own reading of the tags (positions, sections, partials) first, as the checks do.
        let syntax = TemplateSyntax(text)
        _ = (syntax.allNodes().count, syntax.problems.count)
        guard var context = bundledSite else { fatalError("cannot load the bundled site: set LOTSE_FUZZ_ROOT to the repository") }
        var library = context.templates.library
        do {
            try library.register(text, named: "page")
        } catch {
            _ = "\(error)"
            return
        }
        context.templates = TemplateSet(library: library, usedStrings: context.templates.usedStrings, css: context.templates.css)
        _ = context.renderPage("work/permit", reader: "ar")
        _ = log.diagnostics.count
    }
}
