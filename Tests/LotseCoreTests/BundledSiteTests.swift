import Foundation
import Testing
@testable import LotseCore

@Suite struct BundledSiteTests {
    /// The bundled site is judged on the day its content was last reviewed (the latest `reviewed:`
    /// in content/), not on Fixture.today: a page reviewed after Fixture.today would otherwise be
    /// "in the future". Move this forward when the content is reviewed again.
    static let contentReviewDay = Day("2026-12-01")!

    @Test func bundledSiteBuildsWithoutErrorsOrWarnings() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("lotse-bundled-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(atPath: output.path + ".lotse-lock")
        }
        let options = BuildOptions(content: Fixture.repoRoot.appendingPathComponent("content").path,
                                   templates: Fixture.templates, output: output.path, strict: true, today: Self.contentReviewDay)
        do {
            let summary = try SiteBuilder.build(options)
            #expect(summary.warnings.isEmpty)
            #expect(summary.languages.count >= 6)
        } catch {
            Issue.record("bundled site failed:\n\(error)")
        }
    }
}
