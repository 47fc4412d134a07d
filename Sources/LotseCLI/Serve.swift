import ArgumentParser
import Foundation
import LotseCore
import LotseOptions

extension Lotse {
    /// `lotse serve`: its options are read here, and the program `lotse-serve`
    /// beside this one serves (``ServeOptions`` says why it is a program of its own).
    struct Serve: ParsableCommand {
        static let configuration = ServeOptions.configuration(commandName: "serve")

        /// Read here for `lotse serve --help` and to check them; lotse-serve reads them again.
        @OptionGroup var options: ServeOptions

        func run() throws {
            guard let program = ServeProgram.path() else {
                printError("lotse: 'lotse serve' needs the program lotse-serve beside lotse (looked in \(ServeProgram.folders.map(\.path).joined(separator: ", "))); build it with 'swift build -c release' or install both with scripts/install")
                throw ExitCode.failure
            }
            // The same process goes on as lotse-serve: the same PID for a service manager and Ctrl-C.
            // It is given the options as they were written after `serve` (checked above by the same
            // ``ServeOptions``), so an option added there reaches it without being handed on here.
            let written = CommandLine.arguments.dropFirst().drop { $0 != "serve" }.dropFirst()
            let arguments = [program] + written
            var pointers = arguments.map { strdup($0) } + [nil]
            execv(program, &pointers)
            let reason = String(cString: strerror(errno))
            printError("lotse: cannot start \(program): \(reason)")
            throw ExitCode.failure
        }
    }
}

/// Where `lotse-serve` is: beside the running `lotse` (symbolic links resolved),
/// as `swift build` and `scripts/install` put it; looked for as the files that
/// ship with lotse are (``BundledResources/executables()``).
enum ServeProgram {
    static let name = "lotse-serve"

    /// The folders `lotse-serve` is looked for in.
    static var folders: [URL] {
        var seen = Set<String>()
        return BundledResources.executables().map { $0.deletingLastPathComponent() }.filter { seen.insert($0.path).inserted }
    }

    static func path() -> String? {
        folders.lazy.map { $0.appendingPathComponent(name).path }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
