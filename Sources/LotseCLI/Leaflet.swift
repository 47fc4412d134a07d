import ArgumentParser
import Foundation
import LotseCore
import LotseOptions

extension Lotse {
    struct Leaflet: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write one result's leaflet as a single self-contained HTML file, to print or mail.",
            discussion: """
            The answers are answer ids in the order asked (see 'lotse graph ID' or the proofing page). \
            With --with, the leaflet is bilingual: the client's language and this one side by side. \
            The file holds its CSS and QR code and loads nothing. The printed date is today \
            (SOURCE_DATE_EPOCH when set).
            """)

        @Option(help: "The questionnaire id (content/questionnaires/<id>.yaml).")
        var questionnaire: String

        @Option(help: "Answer ids in the order asked, separated by commas, e.g. asylum,over-6,yes.")
        var answers: String

        @Option(help: "The client's language.")
        var lang: String

        @Option(name: .customLong("with"), help: "A second language, side by side (usually the office language).")
        var with: String?

        @Option(help: "The content folder.")
        var content = "content"

        @Option(help: "The templates folder.")
        var templates = "templates"

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
        var output: String?

        func run() throws {
            let list = answers.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let html: String
            do {
                html = try LeafletExport.html(questionnaire: questionnaire, answers: list, language: lang, with: with,
                                              content: content, templates: templates)
            } catch {
                for diagnostic in error.diagnostics { printError(diagnostic.description) }
                throw ExitCode.failure
            }
            if let output {
                try Data(html.utf8).write(to: URL(fileURLWithPath: output))
            } else {
                FileHandle.standardOutput.write(Data(html.utf8))
            }
        }
    }
}
