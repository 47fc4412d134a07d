import Foundation

/// A compiled site brought up to date after some source files changed, as
/// `lotse serve` does after every save.
///
/// Compiling a large site again reads and renders every file (seconds for
/// 10,000 pages); a writer saving one page must see it within a tenth of a
/// second. So when every changed file is a page the site already has, still
/// published (not a draft), only that file is read again: its front matter
/// parsed, its Markdown rendered, its edges in the link graph replaced, the
/// anchors of the links out of it and into it checked again, its review date
/// checked; every other part of the compiled site is kept. Anything else (a
/// new, removed or renamed file, a page made a draft, `site.yaml`, strings,
/// questionnaires, templates) compiles the whole site again.
///
/// The result is the same value a full compile would give (tests hold both
/// against each other), with one deliberate exception: when the changed page
/// cannot be read at all (broken front matter), the old page stays in the
/// model and only its file's errors are reported, instead of every link to
/// the page failing as well.
public struct SiteUpdate: Sendable {
    public var site: CompiledSite
    /// True when the whole site was compiled again (then every output may have changed).
    public var recompiledAll: Bool
    /// The outputs that may differ from the previous site's (every output after a full compile).
    public var outputs: Set<SiteOutput>

    public init(site: CompiledSite, recompiledAll: Bool, outputs: Set<SiteOutput>) {
        self.site = site
        self.recompiledAll = recompiledAll
        self.outputs = outputs
    }
}

extension SiteCompiler {
    /// More changed files than this at once (a `git checkout`, a search and
    /// replace) compile the whole site: it is as fast and simpler.
    static let incrementalLimit = 50

    /// The site after `changedFiles` (paths as the watcher names them,
    /// relative to the working folder or absolute) changed on disk.
    public static func update(_ site: CompiledSite, changedFiles: Set<String>) throws(LotseError) -> SiteUpdate {
        var current = site
        var outputs = Set<SiteOutput>()
        var incremental = !changedFiles.isEmpty && changedFiles.count <= incrementalLimit
        for file in changedFiles.sorted() where incremental {
            guard let (next, changed) = updatingPage(current, file: file) else {
                incremental = false
                break
            }
            outputs.formUnion(changed)
            current = next
        }
        if incremental {
            return SiteUpdate(site: current, recompiledAll: false, outputs: outputs)
        }
        let full = try compile(site.options)
        return SiteUpdate(site: full, recompiledAll: true, outputs: Set(full.allOutputs))
    }

    /// The site with one page file read again and the outputs that may show
    /// the change, or nil when that needs a full compile.
    ///
    /// The outputs are narrower than ``CompiledSite/outputs(dependingOn:)``,
    /// which cannot know what in the file changed: the page itself in every
    /// language always; what lists the page (section and home pages,
    /// questionnaire results) only when its title, summary or order changed;
    /// the sitemap only when its review date changed. Pages linking to it are
    /// checked again but not rendered: a link's URL does not depend on the
    /// page it leads to. On a site of 10,000 pages this is the difference
    /// between a few pages and the sitemap of all of them.
    static func updatingPage(_ site: CompiledSite, file: String) -> (CompiledSite, Set<SiteOutput>)? {
        let url = BuildOptions.url(file).path
        let root = BuildOptions.url(site.options.content).path + "/"
        guard url.hasPrefix(root) else { return nil }
        let parts = url.dropFirst(root.count).split(separator: "/").map(String.init)
        let content = site.content
        let source = content.config.sourceLanguage
        guard parts.count >= 2, content.config.language(parts[0]) != nil, parts[1] != "questionnaires" else { return nil }
        let language = parts[0]
        let inner = parts.dropFirst().joined(separator: "/")
        guard inner.hasSuffix(".md") else { return nil }
        var segments = inner.dropLast(3).split(separator: "/").map(String.init)
        if segments.last == "index" { segments.removeLast() }
        let path = segments.joined(separator: "/")
        let known = language == source ? content.sourcePages[path] : content.translations[language]?[path]
        guard let old = known, BuildOptions.url(old.file.path).path == url else { return nil }
        // Gone or unreadable: the full compile says what happened.
        guard let text = try? SourceText.read(URL(fileURLWithPath: url), displayPath: old.file.path) else { return nil }

        let log = DiagnosticLog()
        let displayPath = old.file.path
        // Every problem this file had is found again below; problems other
        // files have with links into it are checked again too.
        let oldIncoming = Set(site.links.links(to: path).map(\.location).filter { $0.path != displayPath })
        let kept = site.diagnostics.filter { diagnostic in
            guard let location = diagnostic.location else { return true }
            return location.path != displayPath && !oldIncoming.contains(location)
        }
        guard let page = PageSource.parse(text: text, language: language, path: path, relativePath: old.relativePath,
                                          displayPath: displayPath, log: log) else {
            // Unusable front matter: report it, keep the old page in the model (nothing is rendered until it is fixed).
            return (site.replacing(diagnostics: kept + log.diagnostics), site.outputs(dependingOn: file))
        }
        if page.draft { return nil }

        let markdown = MarkdownRenderer(pagePaths: Set(content.sourcePages.keys),
                                        questionnaireIDs: Set(content.questionnaireLogic.keys),
                                        draftPaths: content.draftPaths)
        let body = markdown.render(page.body, relativePath: page.relativePath,
                                   origin: SourceLocation(path: displayPath, line: page.bodyLineOffset + 1), log: log)
        var newContent = content
        if language == source {
            newContent.sourcePages[path] = page
            if page.order != old.order { newContent.indexPages() }
        } else {
            newContent.translations[language]?[path] = page
        }
        var bodies = site.bodies
        bodies[RenderContext.bodyKey(page)] = body
        let origin = LinkGraph.Origin.page(path: path, language: language)
        var links = site.links
        links.replace(linksFrom: origin, file: displayPath, with: body.links)

        // The checks that span files, for this file only: its review date,
        // and the anchors of the links out of it and into it.
        var single = newContent
        single.sourcePages = [path: page]
        single.translations = [:]
        ReviewDates.check(content: single, today: site.options.today, log: log)
        var affected = LinkGraph()
        affected.add(body.links, from: origin)
        for edge in links.links(to: path) where edge.from != origin {
            affected.add([RenderedBody.SiteLink(target: edge.target, location: edge.location)], from: edge.from)
        }
        LinkValidator.check(content: newContent, bodies: bodies, questionnaires: site.questionnaires, links: affected, log: log)

        let all = DiagnosticLog()
        for diagnostic in kept + log.diagnostics { all.add(diagnostic) }
        let updated = CompiledSite(options: site.options, diagnostics: all.diagnostics, links: links, content: newContent,
                            strings: site.strings, templates: site.templates, bodies: bodies,
                            questionnaires: site.questionnaires, questionnaireFlows: site.questionnaireFlows)

        var outputs = Set(site.languages.map { SiteOutput.page(path: path, language: $0.code) })
        if page.title != old.title || page.summary != old.summary || page.order != old.order {
            // Listed elsewhere with the old title: ask both sites (a link removed is only in the old one's graph).
            outputs.formUnion(site.outputs(dependingOn: file))
            outputs.formUnion(updated.outputs(dependingOn: file))
        }
        if page.reviewed != old.reviewed { outputs.insert(.sitemap) }
        return (updated, outputs)
    }
}

extension CompiledSite {
    /// The same site with other diagnostics.
    func replacing(diagnostics: [Diagnostic]) -> CompiledSite {
        let log = DiagnosticLog()
        for diagnostic in diagnostics { log.add(diagnostic) }
        return CompiledSite(options: options, diagnostics: log.diagnostics, links: links, content: content,
                            strings: strings, templates: templates, bodies: bodies, questionnaires: questionnaires,
                            questionnaireFlows: questionnaireFlows)
    }
}
