import Foundation

/// The compile step: content and templates in, one ``CompiledSite`` out.
///
/// Loads every file, renders each Markdown text once (collecting its links
/// and heading ids), checks what spans files (anchors on the link graph,
/// review dates, URL collisions), and compiles the questionnaires. Every
/// problem goes to one ``DiagnosticLog``; only a content folder that cannot
/// be read at all (no or broken `site.yaml`) stops it with a thrown error.
public enum SiteCompiler {
    public static func compile(_ options: CompileOptions) throws(LotseError) -> CompiledSite {
        let log = DiagnosticLog()
        let contentURL = BuildOptions.url(options.content)
        let (templatesURL, templatesDisplay) = try options.templatesFolder()
        // The templates load on another core while the content loads (much of which is on one core),
        // into a log of their own that joins the build's once the content is loaded: a content folder
        // that cannot be read reports nothing about the templates, as before (issue 10).
        let templatesLog = DiagnosticLog()
        let templatesLoad = BackgroundWork { TemplateSet.load(from: templatesURL, displayPath: templatesDisplay, log: templatesLog) }
        var content: SiteContent
        do {
            // A build that keeps no Markdown reads translations' again when rendering them.
            // Which translations are out of date is found once the source pages' sections are cut, below.
            content = try ContentLoader.load(contentDir: contentURL, displayPath: options.content, log: log,
                                             defersTranslationBodies: !options.keepsMarkdown, marksOutdatedTranslations: false)
        } catch {
            _ = templatesLoad.result()
            log.add(contentsOf: error)
            throw LotseError(log.diagnostics)
        }
        let templates = templatesLoad.result()
        for diagnostic in templatesLog.diagnostics { log.add(diagnostic) }
        // The interface strings are needed only when rendering: they load beside what follows.
        let stringsLog = DiagnosticLog()
        let stringsLoad = BackgroundWork { [config = content.config, usedKeys = templates?.usedStrings ?? [:], contentDisplay = options.content] in
            StringCatalog.load(templatesDir: templatesURL, templatesDisplay: templatesDisplay, contentDir: contentURL,
                               contentDisplay: contentDisplay, config: config, usedKeys: usedKeys, log: stringsLog)
        }
        Timing.mark("load")

        // Render each Markdown source once (checking its links), then cross-page checks.
        let markdown = markdownRenderer(for: content)
        var files = content.allPages
        let keepsMarkdown = options.keepsMarkdown
        let packsBodies = options.packsBodies
        // Of the pages' sources only where each body goes is needed after rendering their Markdown.
        let origins = files.map { (key: RenderContext.bodyKey($0), path: $0.path, language: $0.language) }
        // Without `keepsMarkdown`, `files` holds the only copy of each source, freed once rendered.
        if !keepsMarkdown { content.dropMarkdown() }
        let folders = SourceFolders(root: contentURL)
        let sourceLanguage = content.config.sourceLanguage
        // Only the sections of source pages with a record are compared by their hashes.
        let recordedSourcePaths = content.recordedSourcePaths
        var rendered = files.parallelMapEmptying { page -> (body: RenderedBody, sections: [TextSection]?) in
            let origin = SourceLocation(path: page.file.path, line: page.bodyLineOffset + 1)
            if let deferred = page.deferredBody {
                // Read again: from the file's bytes straight to cmark (no String of the Markdown).
                let body = (deferred.readBytes(log: log, folders: folders) ?? Data()).withUnsafeBytes { raw in
                    markdown.render(bytes: raw.assumingMemoryBound(to: UInt8.self), relativePath: page.relativePath,
                                    origin: origin, log: log, language: page.language, packs: packsBodies)
                }
                return (body, nil)
            }
            guard page.language == sourceLanguage else {
                return (markdown.render(page.body, relativePath: page.relativePath, origin: origin, log: log, language: page.language,
                                        packs: packsBodies), nil)
            }
            // A source page's sections, which translations follow, cut at the headings cmark found rendering it:
            // each source page parsed once, not again for translation status (issue 10).
            var headings: [MarkdownDocument.Heading]?
            let body = markdown.render(page.body, relativePath: page.relativePath, origin: origin, log: log, language: page.language,
                                       packs: packsBodies, headingsAsWritten: { headings = $0 })
            return (body, SourceSections.page(page, bodyHeadings: headings, hashed: recordedSourcePaths.contains(page.path)))
        }
        // A build's deferred bodies, with their files' URLs and paths, were for reading the Markdown again.
        if !keepsMarkdown { content.dropDeferredBodies() }
        Timing.mark("markdown")
        // Where each translation stands (issue 9), from the source pages' sections: the questionnaires,
        // the checks and rendering see which translations are out of date.
        for (index, origin) in origins.enumerated() {
            if let sections = rendered[index].sections { content.sourceSections[origin.path] = sections }
        }
        content.markOutdatedTranslations(recorded: recordedSourcePaths)
        // The volunteers' figures need nothing that follows: made on another core while the bodies
        // are gathered and checked here, on one (issue 10).
        let trackingWork = BackgroundWork { [content, contentDisplay = options.content] in
            TranslationTracking.compute(content: content, contentURL: contentURL, contentDisplay: contentDisplay,
                                        templatesURL: templatesURL)
        }
        // A build without `keepsMarkdown` keeps no sections, as it keeps no Markdown.
        if !keepsMarkdown { content.sourceSections = [:] }
        // The questionnaires need nothing of the pages' bodies: they compile on another core while
        // the bodies and links are gathered and checked here, on one (issue 10). Into a log of their
        // own, joined to the build's when they are done (which it holds in no other order).
        let questionnairesLog = DiagnosticLog()
        let questionnairesCompile = BackgroundWork { [content, today = options.today] in
            QuestionnaireCompiler.compile(content: content, markdown: markdown, today: today, log: questionnairesLog)
        }
        var bodies: [String: RenderedBody] = [:]
        bodies.reserveCapacity(rendered.count)
        // Without the graph kept, it is only for the anchor checks: links without an anchor need no place
        // in it, and nothing asks who links to a page.
        let keepsLinkGraph = options.keepsLinkGraph
        var links = LinkGraph(indexesTargets: keepsLinkGraph)
        func isChecked(_ link: RenderedBody.SiteLink) -> Bool {
            keepsLinkGraph || (link.target.kind == .page && link.target.fragment?.isEmpty == false)
        }
        func checked(_ links: [RenderedBody.SiteLink]) -> [RenderedBody.SiteLink] {
            keepsLinkGraph ? links : links.filter(isChecked)
        }
        links.reserveCapacity(adding: rendered.reduce(0) { $0 + $1.body.links.lazy.filter(isChecked).count })
        for (index, origin) in origins.enumerated() {
            links.add(checked(rendered[index].body.links), from: .page(path: origin.path, language: origin.language))
            // A packed body holds its links' targets; the graph holds where each link is written.
            rendered[index].body.releaseLinks()
            bodies[origin.key] = rendered[index].body
        }
        rendered = []
        ReviewDates.check(content: content, today: options.today, log: log)
        checkURLCollisions(content: content, log: log)
        if !content.glossary.isEmpty, let page = content.sourcePages[Glossary.path] {
            log.error(at: page.file, "this page would have the glossary's URL (/<lang>/\(Glossary.path)/); rename it")
        }
        content.forEachPage { SourceScopes.check([$0], bodies: bodies, log: log) }
        let (questionnaires, flows) = questionnairesCompile.result()
        for diagnostic in questionnairesLog.diagnostics { log.add(diagnostic) }
        PageReferenceAnchors.check(questionnaires, content: content, bodies: bodies, log: log)
        // The questionnaires' texts in the languages they are shown in, with their links.
        var questionnaireTexts: [(origin: LinkGraph.Origin, links: [RenderedBody.SiteLink])] = []
        for q in questionnaires {
            for language in content.config.languages.map(\.code) {
                guard let local = q.localized[language], language == q.sourceLanguage || !local.texts.isFallback else { continue }
                let origin = LinkGraph.Origin.questionnaire(id: q.id, language: language)
                questionnaireTexts.append((origin, checked(local.intro.links)))
                for key in local.hints.keys.sorted() { questionnaireTexts.append((origin, checked(local.hints[key]!.links))) }
                for key in local.outcomeBodies.keys.sorted() { questionnaireTexts.append((origin, checked(local.outcomeBodies[key]!.links))) }
            }
        }
        // Room for exactly these: appending them into the pages' full list of links doubled it (4 MB
        // more at 10,000 pages, at the build's peak of memory; issue 10).
        links.reserveCapacity(adding: questionnaireTexts.reduce(0) { $0 + $1.links.count })
        for text in questionnaireTexts { links.add(text.links, from: text.origin) }
        questionnaireTexts = []
        let droppedAnchors = LinkValidator.check(content: content, bodies: bodies, questionnaires: questionnaires,
                                                 links: links, log: log)
        let tracking = trackingWork.result()
        Timing.mark("checks, questionnaires and translation status")
        if !keepsLinkGraph {
            links = LinkGraph()
            // The heading ids were for these checks (and serve's, which keeps the graph); rendering reads none.
            bodies.changeEachValue { $0.headingIDs = [] }
        }

        let strings = stringsLoad.result()
        for diagnostic in stringsLog.diagnostics { log.add(diagnostic) }
        return CompiledSite(options: options, diagnostics: log.diagnostics, links: links, content: content, strings: strings,
                            templates: templates, bodies: bodies, questionnaires: questionnaires,
                            questionnaireFlows: flows, templatesURL: templatesURL, templatesDisplay: templatesDisplay,
                            droppedAnchors: droppedAnchors, tracking: tracking)
    }

    /// The Markdown renderer for the texts of `content`: its pages, questionnaires, facts and glossary.
    static func markdownRenderer(for content: SiteContent) -> MarkdownRenderer {
        var markdown = MarkdownRenderer(pagePaths: Set(content.sourcePages.keys),
                                        questionnaireIDs: Set(content.questionnaireLogic.keys),
                                        draftPaths: content.draftPaths, unreadablePaths: content.unreadablePaths)
        markdown.facts = content.facts
        markdown.sourceLanguage = content.config.sourceLanguage
        markdown.glossary = content.glossary
        markdown.config = content.config
        return markdown
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
