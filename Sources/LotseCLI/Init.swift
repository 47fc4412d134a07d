import ArgumentParser
import LotseCore
import LotseOptions

extension Lotse {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a new site: content/ in two languages with a home page, an advice page and a questionnaire, and a README for the office.",
            discussion: "The folder must be new or empty (hidden files such as .git are allowed). The new site builds with the templates that ship with lotse.")

        @Argument(help: "The folder for the new site.")
        var folder: String = "."

        func run() throws {
            do {
                let result = try Scaffold.newSite(in: folder, today: Day.today())
                for path in result.written { print("  wrote \(path)") }
                let cd = folder == "." ? "" : "cd \(folder) && "
                print("Created a new site in \(folder)/ (\(result.written.count) files). Next: \(cd)lotse build, and read README.md.")
            } catch {
                for diagnostic in error.diagnostics { printError(diagnostic.description) }
                throw ExitCode.failure
            }
        }
    }
}
