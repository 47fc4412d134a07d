import Foundation
import Testing
@testable import LotseCore

/// Real browsers on a built fixture site: headless Chromium with JavaScript
/// disabled, and the text browsers lynx and w3m. The site is served over
/// HTTP on 127.0.0.1 because its URLs are root-relative.
@Suite(.serialized) struct BrowserTests {
    static func installed(_ path: String) -> Bool { FileManager.default.isExecutableFile(atPath: path) }
    static var browserFolder: URL { Fixture.repoRoot.appendingPathComponent("Tests/LotseCoreTests/Browser") }

    /// Serves `folder` until the returned process is terminated.
    static func serve(_ folder: String) throws -> (Process, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", browserFolder.appendingPathComponent("serve.py").path, folder]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while let byte = try pipe.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        let port = String(decoding: line, as: UTF8.self).trimmingWhitespace
        return (process, "http://127.0.0.1:\(port)")
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: installed("/usr/bin/chromium") && installed("/usr/bin/chromedriver")))
    func chromiumWithoutJavaScriptClicksThroughAPath() throws {
        let site = try SiteQuestionnaireTests.fixture()
        try site.build()
        let (server, base) = try Self.serve(site.output)
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        let result = try Self.run(["python3", Self.browserFolder.appendingPathComponent("click_through.py").path,
                                   base, "/ar/can-i-work/", "دولدونغ", "أكثر من 3", "نعم"])
        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("URL \(base)/ar/can-i-work/") && $0.hasSuffix("/?") })
        #expect(lines.filter { $0.hasPrefix("outcome-") } == ["outcome-apply"], "\(result.output)")
    }

    @Test(.enabled(if: installed("/usr/bin/lynx") && installed("/usr/bin/w3m")))
    func textBrowsersShowTheQuestionAndFollowAnAnswer() throws {
        let site = try SiteQuestionnaireTests.fixture()
        try site.build()
        let (server, base) = try Self.serve(site.output)
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        let start = try site.read("de/can-i-work/index.html")
        let first = try #require(SiteQuestionnaireTests.answerForms(start).first).action
        let question = try site.read(String(first.dropFirst()) + "index.html")
        let next = try #require(SiteQuestionnaireTests.answerForms(question).first { $0.label == "Duldung" }).action
        // A GET form with no fields submits to its action with an empty query.
        for browser in [["lynx", "-dump", "-nolist", "-display_charset=utf-8"], ["w3m", "-dump"]] {
            let page = try Self.run(browser + [base + first])
            #expect(page.status == 0)
            #expect(page.output.contains("Ihr Status?"))
            for label in ["Asyl", "Duldung", "Erlaubnis"] { #expect(page.output.contains(label)) }
            let submitted = try Self.run(browser + [base + next + "?"])
            #expect(submitted.output.contains("Wie lange?"), "\(browser[0]): \(submitted.output)")
            #expect(submitted.output.contains("Duldung"))
            // Content comes before the footer.
            let h1 = try #require(submitted.output.range(of: "Wie lange?"))
            if let footer = submitted.output.range(of: "Kontakt") { #expect(h1.lowerBound < footer.lowerBound) }
        }
    }
}
