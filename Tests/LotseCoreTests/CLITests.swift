import Foundation
import Testing

/// The `lotse` command itself, as maintainers and scripts run it: exit status,
/// where messages go, and the summary.
@Suite struct CLITests {
    /// `lotse` is built next to the test bundle by `swift build --build-tests`.
    static var lotse: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("lotse")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return Fixture.repoRoot.appendingPathComponent(".build/debug/lotse")
    }

    static func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = lotse
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795564800"
        // The QR code cache in the fixture's folder, not in the user's (gone with the fixture).
        environment["LOTSE_CACHE_DIR"] = folder.appendingPathComponent(".cache").path
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: lotse.path)))
    func buildStatusAndGraphFromTheCommandLine() throws {
        let site = try SiteQuestionnaireTests.fixture()
        try FileManager.default.copyItem(atPath: Fixture.templates, toPath: site.root.appendingPathComponent("templates").path)

        let ok = try Self.run(["build"], in: site.root)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("Built site/"))
        #expect(ok.stdout.contains("ar (العربية): 2 pages, 1 shown in the source language"))
        #expect(ok.stdout.contains("files written, 0 warning(s)"))

        try site.write("content/de/work.md", Fixture.page("Arbeit", "[kaputt](weg.md)\n", extra: "tilte: x\n"))
        let failed = try Self.run(["build"], in: site.root)
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("content/de/work.md:5:1: error: link to a page that does not exist: 'weg.md'"))
        #expect(failed.stderr.contains("content/de/work.md:3:1: warning: unknown front matter key 'tilte'"))
        #expect(failed.stderr.contains("'site' was not changed"))
        #expect(try site.read("de/work/index.html").contains("<h1>Arbeit</h1>"))

        try site.write("content/de/work.md", Fixture.page("Arbeit", "", extra: "tilte: x\n"))
        #expect(try Self.run(["build"], in: site.root).status == 0)
        let strict = try Self.run(["build", "--strict"], in: site.root)
        #expect(strict.status != 0)

        let status = try Self.run(["status"], in: site.root)
        #expect(status.status == 0)
        #expect(status.stdout.contains("en (English): "))
        #expect(status.stdout.contains("missing:  content/en/index.md"))

        let graph = try Self.run(["graph", "can-i-work", "--lang", "ar"], in: site.root)
        #expect(graph.status == 0)
        #expect(graph.stdout.hasPrefix("digraph \"can-i-work\""))
        #expect(graph.stdout.contains("وضعك؟"))

        // The decision table carries the version the proofing page shows (the site was built above).
        let proof = try site.read("ar/can-i-work/proof/index.html")
        let version = try #require(proof.firstMatch(of: #/الإصدار ([0-9a-f]{10})/#)).output.1
        let table = try Self.run(["graph", "can-i-work", "--lang", "ar", "--table"], in: site.root)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("الإصدار \(version)"))
        let csv = try Self.run(["graph", "can-i-work", "--table", "--format", "csv"], in: site.root)
        #expect(csv.stdout.hasPrefix("#,Ihr Status?,Wie lange?,Angebot?,Angezeigte Ergebnisse,"))
        #expect(try Self.run(["graph", "can-i-work", "--svg", "--pdf"], in: site.root).status != 0)
        #expect(try Self.run(["graph", "can-i-work", "--table", "--format", "xls"], in: site.root).status != 0)
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") {
            let pdf = try Self.run(["graph", "can-i-work", "--pdf", "-o", "flow.pdf"], in: site.root)
            #expect(pdf.status == 0, "\(pdf.stderr)")
            let data = try Data(contentsOf: site.root.appendingPathComponent("flow.pdf"))
            #expect(data.starts(with: Data("%PDF".utf8)))
        }
    }

    /// Every command starts from the same compiled site, so every command
    /// reports the same error and exits non-zero on it.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: lotse.path)))
    func everyCommandReportsTheSameErrorAndFails() throws {
        let site = try SiteQuestionnaireTests.fixture()
        try FileManager.default.copyItem(atPath: Fixture.templates, toPath: site.root.appendingPathComponent("templates").path)
        try site.write("content/de/work.md", Fixture.page("Arbeit", "[kaputt](weg.md)\n"))
        let error = "content/de/work.md:4:1: error: link to a page that does not exist: 'weg.md'"
        for arguments in [["build"], ["status"], ["status", "--lang", "ar"], ["graph", "can-i-work"]] {
            let result = try Self.run(arguments, in: site.root)
            #expect(result.status != 0, "lotse \(arguments.joined(separator: " ")) exited 0")
            #expect(result.stderr.contains(error), "lotse \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        // Status still shows what it can; graph still draws the flow.
        #expect(try Self.run(["status"], in: site.root).stdout.contains("en (English): 0% current"))
        #expect(try Self.run(["graph", "can-i-work"], in: site.root).stdout.hasPrefix("digraph"))
    }
}
