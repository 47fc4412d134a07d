import Foundation
import Testing
@testable import LotseCore

@Suite struct BundledSiteTests {
    @Test func bundledSiteBuildsWithoutErrorsOrWarnings() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("lotse-bundled-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let options = BuildOptions(content: Fixture.repoRoot.appendingPathComponent("content").path,
                                   templates: Fixture.templates, output: output.path, strict: true, today: Fixture.today)
        do {
            let summary = try SiteBuilder.build(options)
            #expect(summary.warnings.isEmpty)
            #expect(summary.languages.count >= 6)
        } catch {
            Issue.record("bundled site failed:\n\(error)")
        }
    }
}
