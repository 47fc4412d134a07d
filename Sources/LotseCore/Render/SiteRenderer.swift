import Foundation

/// Renders a compiled site into a sink, on all cores, each file handed to
/// the sink as soon as it is made (so memory stays small for large sites).
///
/// Only a site without errors is rendered. Links in Markdown are resolved by
/// a ``LinkResolver`` (root-relative URLs unless another is given).
public enum SiteRenderer {
    /// Renders every file of the site; returns how many were written.
    /// QR codes come from `qrCodes` when it has them (see ``QRCodeCache``),
    /// and it then holds this render's codes for ``QRCodeCache/save()``.
    @discardableResult
    public static func render(_ site: CompiledSite, into sink: some OutputSink,
                              resolver: (any LinkResolver)? = nil, qrCodes: QRCodeCache? = nil) throws(LotseError) -> Int {
        let count = try render(site, outputs: site.allOutputs, into: sink, resolver: resolver, qrCodes: qrCodes)
        qrCodes?.renderedEverything()
        return count
    }

    /// Renders only the chosen outputs (e.g. those ``CompiledSite/outputs(dependingOn:)``
    /// names after a file changed); returns how many files were written.
    @discardableResult
    public static func render(_ site: CompiledSite, outputs: Set<SiteOutput>, into sink: some OutputSink,
                              resolver: (any LinkResolver)? = nil, qrCodes: QRCodeCache? = nil) throws(LotseError) -> Int {
        // Not a filter over every output of the site: after one page changed, that list is most of the work.
        let ids = Set(site.questionnaireIDs)
        let chosen = outputs.filter { output in
            switch output {
            case let .page(path, language): return site.content.sourcePages[path] != nil && site.config.language(language) != nil
            case let .questionnaire(id, language): return ids.contains(id) && site.config.language(language) != nil
            case let .glossary(language): return !site.content.glossary.isEmpty && site.config.language(language) != nil
            case .translationStatus, .securityHeaders, .root, .notFound, .sitemap, .robots, .stylesheet: return true
            }
        }
        return try render(site, outputs: Array(chosen), into: sink, resolver: resolver, qrCodes: qrCodes)
    }

    private static func render(_ site: CompiledSite, outputs: [SiteOutput], into sink: some OutputSink,
                               resolver: (any LinkResolver)?, qrCodes: QRCodeCache?) throws(LotseError) -> Int {
        guard !site.hasErrors, let templates = site.templates else {
            throw LotseError(site.diagnostics)
        }
        let context = RenderContext(site: site, templates: templates, resolver: resolver ?? SiteLinkResolver.relative(for: site),
                                    qrCodes: qrCodes)
        let questionnaires = Dictionary(site.questionnaires.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let log = DiagnosticLog()
        let paths = WrittenPaths(keepsPaths: !sink.refusesSecondWrites)
        let batches = batches(outputs)
        DispatchQueue.concurrentPerform(iterations: batches.count) { index in
            let leafletColumns = LeafletColumnMemo()
            let pageViews = PageViewMemo()
            for output in batches[index] {
                if output == .sitemap {
                    // Written in parts as it is made: the largest file, never held whole (issue 10).
                    do throws(LotseError) {
                        guard paths.insert(RenderContext.sitemapPath) else {
                            throw LotseError(at: nil, "two pages would be written to the same file '\(RenderContext.sitemapPath)'")
                        }
                        try sink.write(RenderContext.sitemapPath) { emit in context.renderSitemap { part, _ in emit(part) } }
                    } catch {
                        log.add(contentsOf: error)
                    }
                    continue
                }
                for file in files(output, context: context, questionnaires: questionnaires, leafletColumns: leafletColumns,
                                  pageViews: pageViews) {
                    do throws(LotseError) {
                        guard paths.insert(file.path) else {
                            throw LotseError(at: nil, "two pages would be written to the same file '\(file.path)'")
                        }
                        try sink.write(file)
                    } catch {
                        log.add(contentsOf: error)
                    }
                }
            }
        }
        try log.throwIfErrors()
        return paths.count
    }

    /// The outputs in batches, one thread each: every language of one page
    /// together (their print versions share the office language's column,
    /// ``LeafletColumnMemo``), every other output alone; in the order given.
    static func batches(_ outputs: [SiteOutput]) -> [[SiteOutput]] {
        var batches: [[SiteOutput]] = []
        var batchOfPage: [String: Int] = [:]
        for output in outputs {
            if case let .page(path, _) = output {
                if let index = batchOfPage[path] {
                    batches[index].append(output)
                    continue
                }
                batchOfPage[path] = batches.count
            }
            batches.append([output])
        }
        return batches
    }

    /// The files one output is made of; `leafletColumns` and `pageViews` keep
    /// columns and views for the next output of the same batch.
    static func files(_ output: SiteOutput, context: RenderContext, questionnaires: [String: CompiledQuestionnaire],
                      leafletColumns: LeafletColumnMemo? = nil, pageViews: PageViewMemo? = nil) -> [OutputFile] {
        switch output {
        case let .page(path, language):
            // Looked up (the page copied) once for the page and its print version, not three times.
            let served = context.content.page(path, in: language)
            return [context.renderPage(path, reader: language, served: served, memo: pageViews)]
                + [context.renderPageLeaflet(path, reader: language, served: served, officeColumns: leafletColumns,
                                             bodies: pageViews?.bodies)].compactMap { $0 }
        case let .questionnaire(id, language):
            guard let q = questionnaires[id] else { return [] }
            return context.renderQuestionnaire(q, reader: language) + context.renderLeaflets(q, reader: language)
        case let .glossary(language):
            return [context.renderGlossary(reader: language)].compactMap { $0 }
        case .translationStatus:
            return [context.renderStatusPage()].compactMap { $0 }
        case .securityHeaders:
            return [SecurityHeaders.file()]
        case .root: return [context.renderRoot()]
        case .notFound: return [context.render404()]
        case .sitemap: return [context.renderSitemap()]
        case .robots: return [context.renderRobots()]
        case .stylesheet:
            // leaflet.css only when the templates have one (a site without leaflet styles links none).
            return [OutputFile(path: "style.css", contents: context.templates.css)]
                + (context.templates.leafletCSS.isEmpty ? [] : [OutputFile(path: "leaflet.css", contents: context.templates.leafletCSS)])
        }
    }
}

/// The paths written in one render, to refuse two outputs writing one file;
/// only counted when the sink refuses a second write of a path itself (the
/// disk writer): 20,000 path strings kept from as many renders were about
/// 2 MB, scattered where the pages' temporary texts were (issue 10).
private final class WrittenPaths: @unchecked Sendable {
    private let lock = NSLock()
    private let keepsPaths: Bool
    private var paths = Set<String>()
    private var written = 0

    init(keepsPaths: Bool) {
        self.keepsPaths = keepsPaths
    }

    func insert(_ path: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !keepsPaths || paths.insert(path).inserted else { return false }
        written += 1
        return true
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return written
    }
}
