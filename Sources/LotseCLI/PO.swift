import ArgumentParser
import Foundation
import LotseCore
import LotseOptions

extension Lotse {
    struct PO: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "po",
            abstract: "Exchange translations with gettext PO tools (Weblate, Poedit, Lokalize).",
            subcommands: [Export.self, Import.self])

        struct Export: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Write a language's PO files: one per page, per questionnaire, and strings.po.",
                discussion: "Entries whose source changed since the translation was made are fuzzy, with the previous source text.")

            @Argument(help: "The language to translate into.")
            var language: String

            @Option(name: .shortAndLong, help: "The folder to write into (default: po/<language>).")
            var output: String?

            @OptionGroup var contentOption: ContentOption
            @OptionGroup var templatesOption: TemplatesOption
            var content: String { contentOption.content }
            var templates: String? { templatesOption.templates }

            func run() throws {
                do {
                    let files = try Translator(content: content, templates: templates)
                        .exportPO(language: language, to: output ?? "po/\(language)")
                    print("wrote \(files.count) PO file(s) to \(output ?? "po/\(language)")/")
                } catch {
                    for diagnostic in error.diagnostics { printError(diagnostic.description) }
                    throw ExitCode.failure
                }
            }
        }

        struct Import: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Write a language's content files from translated PO files.",
                discussion: "Pages keep the source's structure (headings, ids, lists, code); a page with untranslated entries is written with draft: true. Records which source version each translated section follows.")

            @Argument(help: "The language.")
            var language: String

            @Argument(help: "The folder with the PO files (as written by 'lotse po export').")
            var folder: String

            @OptionGroup var contentOption: ContentOption
            @OptionGroup var templatesOption: TemplatesOption
            var content: String { contentOption.content }
            var templates: String? { templatesOption.templates }

            func run() throws {
                do {
                    for line in try Translator(content: content, templates: templates).importPO(language: language, from: folder) {
                        print(line)
                    }
                } catch {
                    for diagnostic in error.diagnostics { printError(diagnostic.description) }
                    throw ExitCode.failure
                }
            }
        }
    }
}
