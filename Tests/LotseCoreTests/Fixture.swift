import Foundation
import Testing
@testable import LotseCore

/// A small site written into a temporary folder (removed again when the
/// fixture goes away), built with the project's templates.
final class Fixture {
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var templates: String { repoRoot.appendingPathComponent("templates").path }
    /// 2026-11-25, so review dates do not depend on the calendar.
    static let today = Day("2026-11-25")!

    let root: URL

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    init(files: [String: String] = [:], site: String = Fixture.defaultSite) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("lotse-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try write("content/site.yaml", site)
        for (path, text) in files { try write(path, text) }
    }

    static let defaultSite = """
    base_url: https://advice.example/
    source_language: de
    languages:
      - { code: de, name: Deutsch }
      - { code: en, name: English }
      - { code: ar, name: العربية }
    office:
      name: Ausländerbehörde
      phone: "+49 331 000000"
    """

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func writeData(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    var content: String { root.appendingPathComponent("content").path }
    var output: String { root.appendingPathComponent("site").path }

    func options(strict: Bool = false, force: Bool = false, templates: String = Fixture.templates) -> BuildOptions {
        BuildOptions(content: content, templates: templates, output: output, strict: strict, force: force, today: Fixture.today)
    }

    @discardableResult
    func build(strict: Bool = false, force: Bool = false, templates: String = Fixture.templates) throws(LotseError) -> BuildSummary {
        try SiteBuilder.build(options(strict: strict, force: force, templates: templates))
    }

    /// The errors a build reports, as printed (`path:line:col: error: …`), with the fixture's folder cut off.
    func diagnostics(strict: Bool = false) -> [String] {
        do {
            let summary = try build(strict: strict)
            return summary.warnings.map { relative($0.description) }
        } catch {
            return error.diagnostics.map { relative($0.description) }
        }
    }

    func relative(_ text: String) -> String {
        text.replacingOccurrences(of: root.path + "/", with: "")
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: URL(fileURLWithPath: output).appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: URL(fileURLWithPath: output).appendingPathComponent(path).path)
    }

    static func page(_ title: String, _ body: String = "", extra: String = "") -> String {
        "---\ntitle: \(title)\n\(extra)---\n\(body)"
    }
}

extension Fixture {
    /// Every regular file below `output` (the build's marker too) with its bytes, by relative path.
    static func files(in output: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(at: output, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files[String(url.standardizedFileURL.path.dropFirst(output.standardizedFileURL.path.count + 1))] = try Data(contentsOf: url)
        }
        return files
    }

    /// Expects the output folder to hold exactly these files with these bytes (the build's marker aside).
    static func expectFolder(_ output: URL, holds files: [String: Data]) throws {
        var onDisk: [String] = []
        let enumerator = FileManager.default.enumerator(at: output, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(output.standardizedFileURL.path.count + 1))
            if relative == OutputWriter.markerName { continue }
            onDisk.append(relative)
            #expect(try Data(contentsOf: url) == files[relative], "\(relative) differs")
        }
        #expect(onDisk.sorted() == files.keys.sorted())
    }
}
