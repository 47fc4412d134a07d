import Foundation

/// `lotse build`: compile → render → write.
///
/// ``SiteCompiler`` reports every problem it finds; the build stops when
/// there are errors (or warnings, with `--strict`) and writes nothing unless
/// everything succeeded: files go to a new folder that is swapped in at the end.
public enum SiteBuilder {
    /// Builds the site and writes it; throws every error (and warning) found.
    @discardableResult
    public static func build(_ options: BuildOptions) throws(LotseError) -> BuildSummary {
        let started = Date()
        Timing.start()
        #if os(Linux)
        // glibc's malloc, where it is the allocator: the `lotse` and `lotse-serve` executables link
        // jemalloc instead (Sources/LotseAllocator), and these settings then touch only glibc's unused heap.
        // A fixed threshold for glibc to hand large blocks (whole Markdown files, page texts) to the
        // system on free: by default it raises the threshold after each such free, and the freed
        // blocks then stay in the heap; a build peaked about 4 MB higher that way (issue 10).
        _ = lotse_mallopt(lotse_M_MMAP_THRESHOLD, 128 << 10)
        // One heap (arena) per core and one more, at most: with the default of up to eight per core,
        // the worker threads each filled a heap of their own, and loaded runs peaked about 4 MB higher
        // (93 → 98 MB). The one more is for the thread that loads templates, strings and
        // questionnaires beside the main work: with a heap per core only, a worker that came after it
        // shared the main thread's heap, and rendering waited on its lock (2.5 → 4.4 s, issue 10).
        _ = lotse_mallopt(lotse_M_ARENA_MAX, Int32(ProcessInfo.processInfo.activeProcessorCount + 1))
        #endif
        // The output folder first: a second build into it fails at once, and
        // the writer (its lock and staging folder) goes away with any error.
        let writer = try makeWriter(options)
        // The last build's QR codes are read and checked (a SHA-256 of the whole file) beside the
        // compile step, not between it and rendering: about 30 ms on one core at 10,000 pages (issue 10).
        let qrCodesLoad = BackgroundWork { [options] in qrCodes(options) }
        let site: CompiledSite
        do {
            var compileOptions = options.compileOptions
            compileOptions.keepsMarkdown = false  // rendering needs the rendered bodies only
            compileOptions.packsBodies = true  // each held compressed until its pages are written
            compileOptions.keepsLinkGraph = false  // used by checks (and serve), not by rendering
            site = try SiteCompiler.compile(compileOptions)
        } catch {
            writer.abandon()
            throw error
        }
        #if os(Linux)
        // What compiling freed (Markdown texts, cmark's trees, the link graph) goes back to the
        // system before rendering: about 10 MiB less resident from here on (issue 10).
        _ = lotse_malloc_trim(0)
        #endif
        Timing.mark("compile")
        let summary = try write(site, options: options, into: writer, started: started, qrCodes: qrCodesLoad.result())
        releaseInBackground(consume site)
        return summary
    }

    /// Renders a compiled site into the output folder of `options`.
    public static func write(_ site: CompiledSite, options: BuildOptions, started: Date = Date()) throws(LotseError) -> BuildSummary {
        try write(site, options: options, into: makeWriter(options), started: started, qrCodes: qrCodes(options))
    }

    /// The QR codes of the last build of `options.content`, read from `options.cacheDirectory` (nil without one).
    static func qrCodes(_ options: BuildOptions) -> QRCodeCache? {
        options.cacheDirectory.map { QRCodeCache(directory: $0, content: options.content) }
    }

    /// The writer of the output folder: takes its lock and makes the staging folder.
    static func makeWriter(_ options: BuildOptions) throws(LotseError) -> OutputWriter {
        let protected = [OutputWriter.Protected(url: BuildOptions.url(options.content), name: "content folder"),
                         OutputWriter.Protected(url: try options.templatesFolder().url, name: "templates folder"),
                         OutputWriter.Protected(url: BuildOptions.url("."), name: "current folder", mayHoldOutput: true)]
        return try OutputWriter(output: BuildOptions.url(options.output), displayPath: options.output, force: options.force,
                                protected: protected)
    }

    /// `qrCodes`: the cache of `options.cacheDirectory`, read before (nil without one).
    static func write(_ site: CompiledSite, options: BuildOptions, into writer: OutputWriter,
                      started: Date, qrCodes: QRCodeCache?) throws(LotseError) -> BuildSummary {
        if site.hasErrors {
            writer.abandon()
            throw LotseError(site.diagnostics)
        }
        let warnings = site.warnings
        if options.strict && !warnings.isEmpty {
            writer.abandon()
            throw LotseError(warnings + [Diagnostic(.error, at: nil, "--strict: \(warnings.count) warning(s) count as errors")])
        }

        // Render and write: every page in every language, on all cores,
        // into a new folder that is swapped in only if all went well.
        do {
            try SiteRenderer.render(site, into: writer, qrCodes: qrCodes)
        } catch {
            writer.abandon()
            throw LotseError(site.diagnostics + error.diagnostics)
        }
        Timing.mark("render and write")
        try writer.commit()
        qrCodes?.save()
        if let manifest = options.manifest {
            do {
                try site.manifest.json().write(to: BuildOptions.url(manifest), options: .atomic)
            } catch {
                throw LotseError(at: nil, "the site was written, but not the manifest '\(manifest)': \(error.localizedDescription)")
            }
        }
        return summary(site, files: writer.fileCount + 1, seconds: Date().timeIntervalSince(started))
    }

    static func summary(_ site: CompiledSite, files: Int, seconds: Double) -> BuildSummary {
        let content = site.content
        let stats = content.config.languages.map { language in
            let fallbacks = language.code == content.config.sourceLanguage ? 0
                : content.sourcePages.count - (content.translations[language.code]?.count ?? 0)
            return BuildSummary.LanguageCount(code: language.code, name: language.name,
                                              pages: content.sourcePages.count, fallbacks: fallbacks)
        }
        return BuildSummary(languages: stats, questionnaires: site.questionnaires.count,
                            questionnaireStates: site.questionnaires.reduce(0) { $0 + $1.graph.states.count },
                            outdatedTranslations: content.outdatedPages.values.reduce(0) { $0 + $1.count },
                            files: files, warnings: site.warnings, seconds: seconds)
    }

    /// Compile up to rendering, for leaflets, fuzzing and tests: the render
    /// context of a site without errors (its problems go to `log`).
    static func prepare(_ options: BuildOptions, log: DiagnosticLog) throws(LotseError) -> (RenderContext, [BuildSummary.LanguageCount]) {
        let site = try SiteCompiler.compile(options.compileOptions)
        log.add(contentsOf: LotseError(site.diagnostics))
        try log.throwIfErrors()
        guard let templates = site.templates else { throw LotseError(log.diagnostics) }
        let context = RenderContext(site: site, templates: templates, resolver: SiteLinkResolver.relative(for: site))
        return (context, summary(site, files: 0, seconds: 0).languages)
    }

    /// Renders every output file of a prepared context on all cores, handing each to `emit`.
    static func render(_ context: RenderContext, emit: @Sendable (OutputFile) -> Void) {
        var outputs: [SiteOutput] = [.root, .notFound, .sitemap, .robots, .translationStatus, .securityHeaders, .stylesheet]
        for language in context.config.languages {
            if !context.content.glossary.isEmpty { outputs.append(.glossary(language: language.code)) }
            for path in context.content.pagePaths { outputs.append(.page(path: path, language: language.code)) }
            for q in context.questionnaires { outputs.append(.questionnaire(id: q.id, language: language.code)) }
        }
        let questionnaires = Dictionary(context.questionnaires.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let all = outputs
        DispatchQueue.concurrentPerform(iterations: all.count) { index in
            for file in SiteRenderer.files(all[index], context: context, questionnaires: questionnaires) { emit(file) }
        }
    }
}

#if os(Linux)
/// glibc's `malloc_trim` (not in Swift's Glibc module): gives the memory freed while compiling back to the system.
@_silgen_name("malloc_trim")
private func lotse_malloc_trim(_ pad: Int) -> Int32

/// glibc's `mallopt`, its `M_MMAP_THRESHOLD` and `M_ARENA_MAX` (from malloc.h, not in Swift's Glibc module).
@_silgen_name("mallopt")
private func lotse_mallopt(_ parameter: Int32, _ value: Int32) -> Int32
private let lotse_M_MMAP_THRESHOLD: Int32 = -3
private let lotse_M_ARENA_MAX: Int32 = -8
#endif
