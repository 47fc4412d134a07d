import ArgumentParser
import LotseCore

extension Lotse {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show, per language, which pages and questionnaires are not translated yet or out of date.",
            discussion: "A translation is out of date when its source page was reviewed after the translation's own 'reviewed' date.")

        @OptionGroup var contentOption: ContentOption

        @Option(help: "Show only this language.")
        var lang: String?

        var content: String { contentOption.content }

        func run() throws {
            do {
                var status = try TranslationStatus.load(content: content)
                if let lang {
                    status.languages = status.languages.filter { $0.code == lang }
                    if status.languages.isEmpty {
                        printError("lotse: '\(lang)' is not a translation language of this site")
                        throw ExitCode.failure
                    }
                }
                print(status.description)
            } catch let error as LotseError {
                for diagnostic in error.diagnostics { printError(diagnostic.description) }
                throw ExitCode.failure
            }
        }
    }
}
