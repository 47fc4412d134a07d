import Foundation
import Testing
@testable import LotseCore

/// `lotse init`, `lotse templates export` and the templates that ship with
/// the binary, run as a new site owner would: in a folder outside the
/// repository that has no templates/.
@Suite struct InitTests {
    static func emptyFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lotse-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CLITests.lotse.path)))
    func initThenStrictBuildInAnEmptyFolderOutsideTheRepository() throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(!folder.path.hasPrefix(Fixture.repoRoot.path))

        let created = try CLITests.run(["init", "office-site"], in: folder)
        #expect(created.status == 0, "\(created.stderr)")
        let site = folder.appendingPathComponent("office-site")
        for path in ["README.md", "content/site.yaml", "content/de/index.md", "content/en/index.md", "content/de/appointments.md",
                     "content/questionnaires/first-steps.yaml", "content/de/questionnaires/first-steps.yaml",
                     "content/en/questionnaires/first-steps.yaml"] {
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path), "\(path)")
        }
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("templates").path))
        // Review dates are the day of init (here SOURCE_DATE_EPOCH's), so nothing is overdue.
        let index = try String(contentsOf: site.appendingPathComponent("content/de/index.md"), encoding: .utf8)
        #expect(index.contains("reviewed: 2026-11-25"))

        let built = try CLITests.run(["build", "--strict"], in: site)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stderr.isEmpty, "\(built.stderr)")
        #expect(built.stdout.contains("0 warning(s)"))
        #expect(built.stdout.contains("1 questionnaire(s)"))
        let home = try String(contentsOf: site.appendingPathComponent("site/en/index.html"), encoding: .utf8)
        #expect(home.contains("Do I need an appointment?"))

        // Never into a folder that holds something.
        let again = try CLITests.run(["init", "office-site"], in: folder)
        #expect(again.status != 0)
        #expect(again.stderr.contains("'office-site' is not empty"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CLITests.lotse.path)))
    func exportedTemplatesAreUsedAndNeverOverwritten() throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CLITests.run(["init"], in: folder).status == 0)

        try Data("/* mine */\n".utf8).write(to: folder.appendingPathComponent("mine.css"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: folder.appendingPathComponent("mine.css"), to: folder.appendingPathComponent("templates/style.css"))
        let exported = try CLITests.run(["templates", "export", "templates"], in: folder)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.contains("wrote templates/page.mustache"))
        #expect(exported.stdout.contains("wrote templates/strings/de.yaml"))
        #expect(exported.stdout.contains("kept  templates/style.css (exists; not overwritten)"))
        #expect(try String(contentsOf: folder.appendingPathComponent("templates/style.css"), encoding: .utf8) == "/* mine */\n")

        // ./templates is now the site's own: a change there shows in the site.
        let page = folder.appendingPathComponent("templates/page.mustache")
        let text = try String(contentsOf: page, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "<article>", with: "<article class=\"ours\">").utf8).write(to: page)
        let built = try CLITests.run(["build", "--strict"], in: folder)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("site/de/appointments/index.html"), encoding: .utf8).contains("<article class=\"ours\">"))
        #expect(try String(contentsOf: folder.appendingPathComponent("site/style.css"), encoding: .utf8) == "/* mine */\n")

        // A mistake in the site's templates is reported there.
        try Data(text.replacingOccurrences(of: "<article>", with: "<article>{{titel}}").utf8).write(to: page)
        let failed = try CLITests.run(["build"], in: folder)
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("templates/page.mustache:4:10: error: 'titel' is not in the view model of 'page'"), "\(failed.stderr)")
    }

    @Test func templatesAreLookedUpInOrder() throws {
        // Explicit beats everything.
        #expect(try BuildOptions.templatesFolder("x/y").display == "x/y")
        // Otherwise the bundled ones (the tests run in the repository, which has ./templates).
        let bundled = try #require(BundledResources.templates)
        #expect(FileManager.default.fileExists(atPath: bundled.appendingPathComponent("strings/en.yaml").path))
        #expect(FileManager.default.fileExists(atPath: bundled.appendingPathComponent("style.css").path))
        // The bundled copy is the repository's templates/, file for file.
        let repo = ContentTree.files(in: URL(fileURLWithPath: Fixture.templates), displayPrefix: "").map(\.relativePath)
        let shipped = ContentTree.files(in: bundled, displayPrefix: "").map(\.relativePath)
        #expect(repo == shipped)
    }
}
