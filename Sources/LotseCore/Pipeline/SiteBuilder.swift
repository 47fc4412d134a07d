import Foundation

/// The build pipeline: load → validate → render → write.
///
/// Every stage reports all the problems it finds to one ``DiagnosticLog``;
/// the build stops after a stage that found errors, and writes nothing
/// unless everything succeeded.
public enum SiteBuilder {
    /// Builds the site and writes it; throws every error (and warning) found.
    @discardableResult
    public static func build(_ options: BuildOptions) throws(LotseError) -> BuildSummary {
        let started = Date()
        Timing.start()
        let log = DiagnosticLog()
        let (context, stats) = try prepare(options, log: log)
        Timing.mark("load and validate")

        try log.throwIfErrors()
        let warnings = log.diagnostics.filter { $0.severity == .warning }
        if options.strict && !warnings.isEmpty {
            throw LotseError(warnings + [Diagnostic(.error, at: nil, "--strict: \(warnings.count) warning(s) count as errors")])
        }

        // Render and write: every page in every language, on all cores,
        // into a new folder that is swapped in only if all went well.
        let protected = [OutputWriter.Protected(url: BuildOptions.url(options.content), name: "content folder"),
                         OutputWriter.Protected(url: BuildOptions.url(options.templates), name: "templates folder"),
                         OutputWriter.Protected(url: BuildOptions.url("."), name: "current folder", mayHoldOutput: true)]
        let writer = try OutputWriter(output: BuildOptions.url(options.output), displayPath: options.output, force: options.force,
                                      protected: protected)
        render(context) { file in
            do throws(LotseError) {
                try writer.write(file)
            } catch {
                log.add(contentsOf: error)
            }
        }
        if log.hasErrors {
            writer.abandon()
            throw LotseError(log.diagnostics)
        }
        Timing.mark("render and write")
        try writer.commit()
        let files = writer.fileCount

        return BuildSummary(languages: stats, questionnaires: context.questionnaires.count,
                            questionnaireStates: context.questionnaires.reduce(0) { $0 + $1.graph.states.count },
                            outdatedTranslations: TranslationStatus(context.content).outdatedCount,
                            files: files + 1, warnings: warnings, seconds: Date().timeIntervalSince(started))
    }

    /// Load and validate: everything up to rendering, shared with `lotse graph` and tests.
    static func prepare(_ options: BuildOptions, log: DiagnosticLog) throws(LotseError) -> (RenderContext, [BuildSummary.LanguageCount]) {
        let contentURL = BuildOptions.url(options.content)
        let templatesURL = BuildOptions.url(options.templates)

        // Load.
        var content: SiteContent
        do {
            content = try ContentLoader.load(contentDir: contentURL, displayPath: options.content, log: log)
        } catch {
            log.add(contentsOf: error)
            throw LotseError(log.diagnostics)
        }
        let templates = TemplateSet.load(from: templatesURL, displayPath: options.templates, log: log)
        let strings = StringCatalog.load(templatesDir: templatesURL, templatesDisplay: options.templates,
                                         contentDir: contentURL, contentDisplay: options.content,
                                         config: content.config, usedKeys: templates?.usedStrings ?? [:], log: log)

        Timing.mark("load")
        // Validate: render each Markdown source once (checking its links), then cross-page checks.
        let markdown = MarkdownRenderer(pagePaths: Set(content.sourcePages.keys),
                                        questionnaireIDs: Set(content.questionnaireLogic.keys),
                                        draftPaths: content.draftPaths,
                                        basePath: content.config.basePath)
        let pages = content.allPages
        let rendered = pages.parallelMap { page in
            markdown.render(page.body, relativePath: page.relativePath,
                                   origin: SourceLocation(path: page.file.path, line: page.bodyLineOffset + 1), log: log)
        }
        var bodies: [String: RenderedBody] = [:]
        for (page, body) in zip(pages, rendered) { bodies[RenderContext.bodyKey(page)] = body }
        Timing.mark("markdown")
        LinkValidator.check(content: content, bodies: bodies, log: log)
        ReviewDates.check(content: content, today: options.today, log: log)
        checkURLCollisions(content: content, log: log)
        let questionnaires = QuestionnaireCompiler.compile(content: content, markdown: markdown, log: log)

        try log.throwIfErrors()
        guard let templates else { throw LotseError(log.diagnostics) }
        let context = RenderContext(content: content, strings: strings, templates: templates,
                                    urls: SiteURLs(config: content.config), bodies: bodies, questionnaires: questionnaires)
        let stats = content.config.languages.map { language in
            let fallbacks = language.code == content.config.sourceLanguage ? 0
                : content.sourcePages.count - (content.translations[language.code]?.count ?? 0)
            return BuildSummary.LanguageCount(code: language.code, name: language.name,
                                              pages: content.sourcePages.count, fallbacks: fallbacks)
        }
        return (context, stats)
    }

    /// Renders every output file on all cores, handing each to `emit` as soon as it is made.
    static func render(_ context: RenderContext, emit: @Sendable (OutputFile) -> Void) {
        enum Job: Sendable {
            case page(String, String)
            case questionnaire(Int, String)
            case site
        }
        var jobs: [Job] = [.site]
        for language in context.config.languages {
            for path in context.content.pagePaths { jobs.append(.page(path, language.code)) }
            for index in context.questionnaires.indices { jobs.append(.questionnaire(index, language.code)) }
        }
        let all = jobs
        DispatchQueue.concurrentPerform(iterations: all.count) { index in
            switch all[index] {
            case let .page(path, language):
                emit(context.renderPage(path, reader: language))
            case let .questionnaire(q, language):
                for file in context.renderQuestionnaire(context.questionnaires[q], reader: language) { emit(file) }
            case .site:
                emit(context.renderRoot())
                emit(context.render404())
                emit(context.renderSitemap())
                emit(context.renderRobots())
                emit(OutputFile(path: "style.css", contents: context.templates.css))
            }
        }
    }

    /// A questionnaire's URL must not be a page's URL too.
    private static func checkURLCollisions(content: SiteContent, log: DiagnosticLog) {
        for id in content.questionnaireLogic.keys.sorted() {
            let first = id.split(separator: "/").first.map(String.init) ?? id
            if let page = content.sourcePages[id] ?? content.sourcePages.values.first(where: { $0.path.hasPrefix(first + "/") }) {
                log.error(at: SourceLocation(path: content.questionnaireLogic[id]!.displayPath),
                          "questionnaire '\(id)' would have the same URL as the pages in \(page.file.path); rename one of them")
            }
            if !ContentTree.isSafeSegment(Substring(id)) {
                log.error(at: SourceLocation(path: content.questionnaireLogic[id]!.displayPath),
                          "questionnaire ids become URLs: use only ASCII letters, digits, '-' and '_'")
            }
        }
    }
}
