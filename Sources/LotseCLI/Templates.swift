import ArgumentParser
import LotseCore
import LotseOptions

extension Lotse {
    struct Templates: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Work with the templates that ship with lotse.",
            subcommands: [Export.self, Path.self])

        struct Export: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Copy the default templates, style.css and interface strings into a folder, to change them.",
                discussion: "Never overwrites: files that exist are left alone and listed. 'lotse build' uses ./templates when it exists, so 'lotse templates export templates' makes a site's own copy.")

            @Argument(help: "The folder to copy them into (created if needed).")
            var folder: String

            func run() throws {
                do {
                    let result = try Scaffold.exportTemplates(to: folder)
                    for path in result.written { print("  wrote \(path)") }
                    for path in result.skipped { print("  kept  \(path) (exists; not overwritten)") }
                    print("Exported \(result.written.count) file(s) into \(folder)/\(result.skipped.isEmpty ? "" : ", left \(result.skipped.count) existing file(s) alone").")
                } catch {
                    for diagnostic in error.diagnostics { printError(diagnostic.description) }
                    throw ExitCode.failure
                }
            }
        }

        struct Path: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Print the folder of the templates that ship with lotse (used when there is no --templates and no ./templates).")

            func run() throws {
                guard let folder = BundledResources.templates else {
                    printError(BundledResources.missingMessage)
                    throw ExitCode.failure
                }
                print(folder.resolvingSymlinksInPath().path)
            }
        }
    }
}
