import Foundation
import Testing
@testable import LotseCore

@Suite struct BundledSiteTests {
    /// The day the bundled content was last reviewed (its newest `reviewed:` date). A fixed day keeps
    /// the test independent of the calendar; move it forward when the content's review dates move,
    /// since a review date after "today" is a warning.
    static let contentReviewed = Day("2026-12-01")!

    @Test func bundledSiteBuildsWithoutErrorsOrWarnings() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("lotse-bundled-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let options = BuildOptions(content: Fixture.repoRoot.appendingPathComponent("content").path,
                                   templates: Fixture.templates, output: output.path, strict: true, today: Self.contentReviewed)
        do {
            let summary = try SiteBuilder.build(options)
            #expect(summary.warnings.isEmpty)
            #expect(summary.languages.count >= 6)
        } catch {
            Issue.record("bundled site failed:\n\(error)")
        }
    }
}
