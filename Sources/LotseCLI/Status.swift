import ArgumentParser
import Foundation
import LotseCore
import LotseOptions

extension Lotse {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show, per language, which pages, questionnaire texts and interface strings are current, outdated or missing.",
            discussion: """
            A translation is outdated when a section of its source changed since the version it was made from \
            (recorded in content/<lang>/.lotse-sources.yaml); the changed sections are shown with their old and new \
            source text. The site is checked like 'lotse build': its errors are printed and fail the command.
            """)

        enum Format: String, ExpressibleByArgument { case text, json }

        @OptionGroup var contentOption: ContentOption

        @OptionGroup var templatesOption: TemplatesOption

        @Option(help: "Show only this language.")
        var lang: String?

        var content: String { contentOption.content }
        var templates: String? { templatesOption.templates }
        @Option(help: "text or json.")
        var format: Format = .text

        @Option(name: .customLong("fail-under"), help: "Exit with status 1 when a language's current share (of words) is below this percentage.")
        var failUnder: Double?

        func run() throws {
            let compiled: Result<CompiledSite, LotseError> = Result { () throws(LotseError) in
                try SiteCompiler.compile(CompileOptions(content: content, templates: templates))
            }
            guard case let .success(site) = compiled else {
                if case let .failure(error) = compiled {
                    for diagnostic in error.diagnostics { printError(diagnostic.description) }
                    printError("lotse: the site has \(error.errors.count) error(s); fix them first")
                }
                throw ExitCode.failure
            }
            // Errors and warnings as 'lotse build' reports them; the status still shows what it can.
            for diagnostic in site.diagnostics { printError(diagnostic.description) }
            var status = TranslationStatus.load(site)
            if let lang, !status.select(language: lang) {
                printError("lotse: '\(lang)' is not a translation language of this site")
                throw ExitCode.failure
            }
            print(format == .json ? status.json : status.description)
            if site.hasErrors {
                printError("lotse: the site has \(site.errors.count) error(s); fix them first ('lotse build' would fail)")
                throw ExitCode.failure
            }
            if let failUnder {
                let low = status.below(failUnder)
                for language in low {
                    printError("lotse: \(language.code) is \(String(format: "%.1f", language.currentPercent))% current, below --fail-under \(failUnder)")
                }
                if !low.isEmpty { throw ExitCode.failure }
            }
        }
    }
}
