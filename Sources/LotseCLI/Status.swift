import ArgumentParser
import LotseCore

extension Lotse {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show, per language, which pages and questionnaires are not translated yet or out of date.",
            discussion: "A translation is out of date when its source page was reviewed after the translation's own 'reviewed' date. Compiles the site first and reports its errors and warnings like 'lotse build'; exits non-zero when there are errors.")

        @OptionGroup var contentOption: ContentOption

        @OptionGroup var templatesOption: TemplatesOption

        @Option(help: "Show only this language.")
        var lang: String?

        var content: String { contentOption.content }
        var templates: String? { templatesOption.templates }

        func run() throws {
            let compiled: Result<CompiledSite, LotseError> = Result { () throws(LotseError) in
                try SiteCompiler.compile(CompileOptions(content: content, templates: templates))
            }
            guard case let .success(site) = compiled else {
                if case let .failure(error) = compiled {
                    for diagnostic in error.diagnostics { printError(diagnostic.description) }
                    printError("lotse: the site has \(error.errors.count) error(s)")
                }
                throw ExitCode.failure
            }
            for diagnostic in site.diagnostics { printError(diagnostic.description) }
            var status = TranslationStatus.load(site)
            if let lang {
                status.languages = status.languages.filter { $0.code == lang }
                if status.languages.isEmpty {
                    printError("lotse: '\(lang)' is not a translation language of this site")
                    throw ExitCode.failure
                }
            }
            print(status.description)
            if site.hasErrors {
                printError("lotse: the site has \(site.errors.count) error(s); 'lotse build' would fail")
                throw ExitCode.failure
            }
        }
    }
}
