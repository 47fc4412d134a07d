import ArgumentParser
import Foundation
import LotseCore
import LotseOptions

extension Lotse {
    struct Translate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a translation file, or record which source version a translation follows.",
            discussion: """
            lotse translate L PATH          create content/L/PATH from the source (or translate_from), marked draft: true
            lotse translate L --all-missing create every missing page and questionnaire texts file of L
            lotse translate --mark-current L PATH   the translation was checked against today's source
            lotse translate --mark-current L --all  every existing translation of L was checked
            lotse translate --minor PATH    the source's last edit changes no meaning: translations stay current
            PATH is a source file below the language folder: work/permit.md, questionnaires/<id>.yaml, strings.yaml. \
            Never overwrites a file.
            """)

        @Argument(help: "The language (or, with --minor, the PATH).")
        var language: String?

        @Argument(help: "The source file, e.g. work/permit.md, questionnaires/can-i-work.yaml or strings.yaml.")
        var path: String?

        @Flag(name: .customLong("all-missing"), help: "Create every missing translation file of the language.")
        var allMissing = false

        @Flag(name: .customLong("mark-current"), help: "Record that the translation was checked against the source as it is now.")
        var markCurrent = false

        @Flag(help: "With --mark-current: every existing translation of the language.")
        var all = false

        @Flag(help: "Record the source's last edit of PATH as minor (a typo): translations that followed the version before stay current.")
        var minor = false

        @OptionGroup var contentOption: ContentOption
        @OptionGroup var templatesOption: TemplatesOption
        var content: String { contentOption.content }
        var templates: String? { templatesOption.templates }

        func run() throws {
            do {
                let translator = try Translator(content: content, templates: templates)
                var messages: [String] = []
                if minor {
                    guard let target = path ?? language, path == nil || language == nil else {
                        throw ValidationError("--minor takes one PATH: lotse translate --minor work/permit.md")
                    }
                    messages = try translator.minor(path: target)
                } else {
                    guard let language else { throw ValidationError("name the language: lotse translate ar work/permit.md") }
                    if markCurrent && all {
                        messages = try translator.markAllCurrent(language: language)
                    } else if allMissing {
                        messages = try translator.createAllMissing(language: language)
                        if messages.isEmpty { messages = ["\(language) has a file for every page and questionnaire"] }
                    } else {
                        guard let path else { throw ValidationError("name the file to translate, or use --all-missing") }
                        messages = [markCurrent ? try translator.markCurrent(language: language, path: path)
                                                : try translator.create(language: language, path: path)]
                    }
                }
                for message in messages { print(message) }
            } catch let error as LotseError {
                for diagnostic in error.diagnostics { printError(diagnostic.description) }
                throw ExitCode.failure
            }
        }
    }
}
