import ArgumentParser
import Foundation
import LotseAllocator
import LotseCore
import LotseOptions

extension Lotse {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the site from content and templates into the output folder.",
            discussion: "Writes into a new folder and swaps it in only when the whole build succeeded. 'Today' for review dates comes from SOURCE_DATE_EPOCH when set.")

        @OptionGroup var contentOption: ContentOption
        @OptionGroup var templatesOption: TemplatesOption

        @Option(help: "The output folder; replaced on success.")
        var output = "site"

        @OptionGroup var strictOption: StrictOption
        @OptionGroup var cacheOption: CacheOption

        @Flag(help: "Replace an output folder that Lotse did not create.")
        var force = false

        var content: String { contentOption.content }
        var templates: String? { templatesOption.templates }
        var strict: Bool { strictOption.strict }

        @Option(help: "Also write a JSON list of every output file with its kind, language and source (see docs/manifest.md).")
        var manifest: String?

        func run() throws {
            // The phase timings start with what the build allocates with (see Sources/LotseAllocator).
            if ProcessInfo.processInfo.environment["LOTSE_TIMINGS"] != nil {
                printError("allocator: \(String(cString: lotse_allocator_name()))")
            }
            let options = BuildOptions(content: content, templates: templates, output: output, strict: strict, force: force, manifest: manifest,
                                       cacheDirectory: cacheOption.directory)
            do {
                let summary = try SiteBuilder.build(options)
                for warning in summary.warnings { printError(warning.description) }
                print("Built \(output)/")
                print(summary.description)
            } catch {
                for diagnostic in error.diagnostics { printError(diagnostic.description) }
                let errors = error.errors.count
                printError("lotse: build failed with \(errors) error(s), \(error.warnings.count) warning(s); \(error.outputState ?? "'\(output)' was not changed")")
                throw ExitCode.failure
            }
        }
    }
}
