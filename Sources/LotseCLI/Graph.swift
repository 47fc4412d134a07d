import ArgumentParser
import Foundation
import LotseCore
import LotseOptions

extension Lotse {
    struct Graph: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a questionnaire's flow as Graphviz DOT, or its decision table, for legal review.",
            discussion: """
                With --svg or --pdf, runs Graphviz 'dot' (if installed) and writes a drawing that fits an A4 page. \
                With --table, prints every way through the questionnaire (answers → results, linked pages and \
                their sources, scenario tests) with the version the proofing page shows.
                """)

        @Argument(help: "The questionnaire id (content/questionnaires/<id>.yaml).")
        var id: String

        @Option(help: "The language of the texts (default: the source language).")
        var lang: String?

        @OptionGroup var contentOption: ContentOption
        @OptionGroup var templatesOption: TemplatesOption

        @Flag(help: "Write SVG (through Graphviz 'dot') instead of DOT.")
        var svg = false

        @Flag(help: "Write PDF (through Graphviz 'dot') instead of DOT.")
        var pdf = false

        @Flag(help: "Print the decision table instead of the graph.")
        var table = false

        @Option(help: "The decision table's format: md, csv or html.")
        var format: DecisionTableFormat = .md

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
        var output: String?

        var content: String { contentOption.content }
        var templates: String? { templatesOption.templates }

        func validate() throws {
            if svg && pdf { throw ValidationError("choose one of --svg and --pdf") }
            if table && (svg || pdf) { throw ValidationError("--table prints text: leave out --svg and --pdf") }
        }

        func run() throws {
            let text: String
            let problems: [Diagnostic]
            do {
                if table {
                    (text, problems) = try QuestionnaireGraphExport.table(id: id, language: lang, format: format,
                                                                          content: content, templates: templates)
                } else {
                    (text, problems) = try QuestionnaireGraphExport.dot(id: id, language: lang, content: content, templates: templates)
                }
            } catch {
                for diagnostic in error.diagnostics { printError(diagnostic.description) }
                throw ExitCode.failure
            }
            for diagnostic in problems { printError(diagnostic.description) }
            var result = Data(text.utf8)
            if svg || pdf {
                guard let converted = runDot(text, format: svg ? "svg" : "pdf") else {
                    printError("lotse: --\(svg ? "svg" : "pdf") needs Graphviz's 'dot' (apt-get install graphviz)")
                    throw ExitCode.failure
                }
                result = converted
            }
            if let output {
                try result.write(to: URL(fileURLWithPath: output))
            } else {
                FileHandle.standardOutput.write(result)
            }
            if problems.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
        }

        private func runDot(_ dot: String, format: String) -> Data? {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["dot", "-T\(format)"]
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            do { try process.run() } catch { return nil }
            // Write from another thread: a large drawing fills the output pipe before dot has read all input.
            let writer = Thread {
                input.fileHandleForWriting.write(Data(dot.utf8))
                try? input.fileHandleForWriting.close()
            }
            writer.start()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return process.terminationStatus == 0 ? data : nil
        }
    }
}

extension DecisionTableFormat: ExpressibleByArgument {}
