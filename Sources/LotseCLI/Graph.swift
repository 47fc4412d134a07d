import ArgumentParser
import Foundation
import LotseCore

extension Lotse {
    struct Graph: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a questionnaire's flow as Graphviz DOT, for legal review.",
            discussion: "With --svg, runs Graphviz 'dot' (if installed) and prints SVG instead.")

        @Argument(help: "The questionnaire id (content/questionnaires/<id>.yaml).")
        var id: String

        @Option(help: "The language of the texts (default: the source language).")
        var lang: String?

        @OptionGroup var contentOption: ContentOption
        @OptionGroup var templatesOption: TemplatesOption

        @Flag(help: "Write SVG (through Graphviz 'dot') instead of DOT.")
        var svg = false

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
        var output: String?

        var content: String { contentOption.content }
        var templates: String? { templatesOption.templates }

        func run() throws {
            let dot: String
            let problems: [Diagnostic]
            do {
                (dot, problems) = try QuestionnaireGraphExport.dot(id: id, language: lang, content: content, templates: templates)
            } catch {
                for diagnostic in error.diagnostics { printError(diagnostic.description) }
                throw ExitCode.failure
            }
            for diagnostic in problems { printError(diagnostic.description) }
            var result = Data(dot.utf8)
            if svg {
                guard let converted = runDot(dot) else {
                    printError("lotse: --svg needs Graphviz's 'dot' (apt-get install graphviz)")
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

        private func runDot(_ dot: String) -> Data? {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["dot", "-Tsvg"]
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            do { try process.run() } catch { return nil }
            input.fileHandleForWriting.write(Data(dot.utf8))
            try? input.fileHandleForWriting.close()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return process.terminationStatus == 0 ? data : nil
        }
    }
}
