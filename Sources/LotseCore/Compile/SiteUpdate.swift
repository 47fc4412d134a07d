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
    ///
    /// Takes the site over (`consuming`): the caller's last use hands it on,
    /// so its link graph and page tables are changed in place, not copied.
    public static func update(_ site: consuming CompiledSite, changedFiles: Set<String>) throws(LotseError) -> SiteUpdate {
        let options = site.options
        var outputs = Set<SiteOutput>()
        var incremental = !changedFiles.isEmpty && changedFiles.count <= incrementalLimit
        for file in changedFiles.sorted() where incremental {
            guard let changed = updatePage(&site, file: file) else {
                incremental = false
                break
            }
            outputs.formUnion(changed)
        }
        if incremental {
            return SiteUpdate(site: site, recompiledAll: false, outputs: outputs)
        }
        _ = consume site
        let full = try compile(options)
        return SiteUpdate(site: full, recompiledAll: true, outputs: Set(full.allOutputs))
    }

    /// Reads one page file again into `site` and returns the outputs that
    /// may show the change, or nil when that needs a full compile (then
    /// `site` may be half updated and must not be used).
    ///
    /// The outputs are narrower than ``CompiledSite/outputs(dependingOn:)``,
    /// which cannot know what in the file changed: the page itself in every
    /// language always (with its print versions); the questionnaires whose
    /// outcomes name it (their leaflets print it); what lists the page
    /// (section and home pages, questionnaire results) only when its title,
    /// summary or order changed; the sitemap only when its review date
    /// changed; the status page only when where a translation stands
    /// changed. Pages linking to it are checked again but not rendered: a
    /// link's URL does not depend on the page it leads to. On a site of
    /// 10,000 pages this is the difference between a few pages and the
    /// sitemap of all of them.
    static func updatePage(_ site: inout CompiledSite, file: String) -> Set<SiteOutput>? {
        let url = BuildOptions.url(file).path
        let root = BuildOptions.url(site.options.content).path + "/"
        guard url.hasPrefix(root) else { return nil }
        let parts = url.dropFirst(root.count).split(separator: "/").map(String.init)
        let config = site.content.config
        let source = config.sourceLanguage
        guard parts.count >= 2, config.language(parts[0]) != nil, parts[1] != "questionnaires" else { return nil }
        let language = parts[0]
        let inner = parts.dropFirst().joined(separator: "/")
        guard inner.hasSuffix(".md") else { return nil }
        var segments = inner.dropLast(3).split(separator: "/").map(String.init)
        if segments.last == "index" { segments.removeLast() }
        let path = segments.joined(separator: "/")
        let known = language == source ? site.content.sourcePages[path] : site.content.translations[language]?[path]
        guard let old = known, BuildOptions.url(old.file.path).path == url else { return nil }
        // The glossary's URL is checked against the pages in the full compile.
        if path == Glossary.path { return nil }
        // Gone or unreadable: the full compile says what happened.
        guard let text = try? SourceText.read(URL(fileURLWithPath: url), displayPath: old.file.path) else { return nil }

        let log = DiagnosticLog()
        let displayPath = old.file.path
        // Every problem this file had is found again below; problems other
        // files have with links into it, or that name links out of it, are
        // checked again too; so are outcomes naming a section of it.
        let oldIncoming = Set(site.links.links(to: path).map(\.location).filter { $0.path != displayPath })
        let referencing = site.questionnaires.filter { q in
            q.logic.outcomes.contains { $0.pages.contains { QuestionnaireLogic.Outcome.sitePath($0) == path } }
        }
        var referenceLocations = Set<SourceLocation>()
        for q in referencing {
            for outcome in q.logic.outcomes {
                for (reference, location) in zip(outcome.pages, outcome.pageLocations)
                where QuestionnaireLogic.Outcome.sitePath(reference) == path {
                    referenceLocations.insert(location)
                }
            }
        }
        let mentioned = " \(displayPath):"
        let kept = site.diagnostics.filter { diagnostic in
            guard let location = diagnostic.location else { return true }
            if location.path == displayPath || oldIncoming.contains(location) { return false }
            if referenceLocations.contains(location) && diagnostic.message.hasPrefix("outcome '") && diagnostic.message.contains("names '#") {
                return false
            }
            // A translation lacking a heading this page links to: the warning names the link.
            return !(diagnostic.severity == .warning && diagnostic.message.contains(mentioned) && diagnostic.message.contains("links to"))
        }
        guard let page = PageSource.parse(text: text, language: language, path: path, relativePath: old.relativePath,
                                          displayPath: displayPath, log: log) else {
            // Unusable front matter: report it, keep the old page in the model (nothing is rendered until it is fixed).
            let outputs = site.outputs(dependingOn: file)
            site.diagnostics = Self.sorted(kept + log.diagnostics)
            return outputs
        }
        if page.draft || page.critical != old.critical { return nil }

        let body = markdownRenderer(for: site.content).render(page.body, relativePath: page.relativePath,
                                   origin: SourceLocation(path: displayPath, line: page.bodyLineOffset + 1), log: log,
                                   language: language)
        let listed = page.title != old.title || page.summary != old.summary || page.order != old.order
        // Listed elsewhere with the old title: ask both sites (a link removed is only in the old one's graph).
        var outputs = listed ? site.outputs(dependingOn: file) : []
        for code in config.languages.map(\.code) { outputs.insert(.page(path: path, language: code)) }
        for q in referencing {
            for code in config.languages.map(\.code) { outputs.insert(.questionnaire(id: q.id, language: code)) }
        }
        if page.reviewed != old.reviewed { outputs.insert(.sitemap) }

        // The page, its rendered text and its links, changed in place.
        if language == source {
            site.content.sourcePages[path] = page
            site.content.sourceSections[path] = SourceSections.page(page)
            if page.order != old.order { site.content.indexPages() }
        } else {
            site.content.translations[language]?[path] = page
        }
        let key = RenderContext.bodyKey(page)
        let oldLinks = site.bodies[key]?.links ?? []
        site.bodies[key] = body
        let origin = LinkGraph.Origin.page(path: path, language: language)
        site.links.replace(linksFrom: origin, old: oldLinks, with: body.links)

        // Where its translations stand: the notice on outdated ones, the status page.
        let tracked = language == source ? Set(config.languages.map(\.code).filter { $0 != source }) : [language]
        for code in tracked {
            let wasOutdated = site.content.isOutdated(path, in: code)
            site.content.trackSourceVersion(of: path, language: code)
            // A critical page is shown in the source while outdated: what shows it changes.
            if page.critical && wasOutdated != site.content.isOutdated(path, in: code) { return nil }
        }
        if TranslationTracking.updatePage(&site.tracking, path: path, languages: tracked, content: site.content,
                                          contentURL: BuildOptions.url(site.options.content),
                                          contentDisplay: site.options.content) {
            outputs.insert(.translationStatus)
        }

        // The checks that span files, for this file only: its review date,
        // the anchors of the links out of it and into it, and of the
        // outcomes naming its sections.
        var single = site.content
        single.sourcePages = [path: page]
        single.translations = [:]
        ReviewDates.check(content: single, today: site.options.today, log: log)
        var affected = LinkGraph()
        affected.add(body.links, from: origin)
        for edge in site.links.links(to: path) where edge.from != origin {
            affected.add([RenderedBody.SiteLink(target: edge.target, location: edge.location)], from: edge.from)
        }
        let dropped = LinkValidator.check(content: site.content, bodies: site.bodies, questionnaires: site.questionnaires,
                                          links: affected, log: log)
        PageReferenceAnchors.check(referencing, content: site.content, bodies: site.bodies, log: log, onlyPath: path)
        SourceScopes.check([page], bodies: site.bodies, log: log)
        // Anchors dropped on the way into this page are found again; those into other pages depend on those pages only.
        let prefix = path + "#"
        for reader in site.droppedAnchors.keys {
            site.droppedAnchors[reader] = site.droppedAnchors[reader]!.filter { !$0.hasPrefix(prefix) }
        }
        for (reader, anchors) in dropped { site.droppedAnchors[reader, default: []].formUnion(anchors) }

        site.diagnostics = Self.sorted(kept + log.diagnostics)
        if listed { outputs.formUnion(site.outputs(dependingOn: file)) }
        return outputs
    }

    /// Diagnostics in the order a compile reports them.
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let log = DiagnosticLog()
        for diagnostic in diagnostics { log.add(diagnostic) }
        return log.diagnostics
    }
}

