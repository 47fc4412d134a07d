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
        let site = try SiteCompiler.compile(options.compileOptions)
        Timing.mark("compile")
        return try write(site, options: options, started: started)
    }

    /// Renders a compiled site into the output folder of `options`.
    public static func write(_ site: CompiledSite, options: BuildOptions, started: Date = Date()) throws(LotseError) -> BuildSummary {
        if site.hasErrors { throw LotseError(site.diagnostics) }
        let warnings = site.warnings
        if options.strict && !warnings.isEmpty {
            throw LotseError(warnings + [Diagnostic(.error, at: nil, "--strict: \(warnings.count) warning(s) count as errors")])
        }

        // Render and write: every page in every language, on all cores,
        // into a new folder that is swapped in only if all went well.
        let protected = [OutputWriter.Protected(url: BuildOptions.url(options.content), name: "content folder"),
                         OutputWriter.Protected(url: try options.templatesFolder().url, name: "templates folder"),
                         OutputWriter.Protected(url: BuildOptions.url("."), name: "current folder", mayHoldOutput: true)]
        let writer = try OutputWriter(output: BuildOptions.url(options.output), displayPath: options.output, force: options.force,
                                      protected: protected)
        do {
            try SiteRenderer.render(site, into: writer)
        } catch {
            writer.abandon()
            throw LotseError(site.diagnostics + error.diagnostics)
        }
        Timing.mark("render and write")
        try writer.commit()
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
                            outdatedTranslations: TranslationStatus(content).outdatedCount,
                            files: files, warnings: site.warnings, seconds: seconds)
    }
}
