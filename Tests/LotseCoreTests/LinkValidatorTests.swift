import Foundation
import Testing
@testable import LotseCore

/// The anchor checks run on all cores, the link graph cut into parts
/// (issue 10): however it is cut, they report the same problems and drop the
/// same anchors as one pass over every link.
struct LinkValidatorTests {
    @Test func everyPartSizeGivesTheSameDiagnosticsAndDroppedAnchors() throws {
        // 4 pages with headings a0…a9; every page links to every anchor of every page (and to a
        // missing a10) 3 times: 4 × 4 × 11 × 3 = 528 links in German, as many in English,
        // whose translations lack a5…a9.
        var files: [String: String] = [:]
        let links = (0..<3).flatMap { _ in
            (0..<4).flatMap { page in (0...10).map { "[l](p\(page).md#a\($0))" } }
        }.joined(separator: "\n")
        for page in 0..<4 {
            let headings = (0..<10).map { "## H\($0) {#a\($0)}\n\nText.\n" }.joined(separator: "\n")
            let translated = (0..<5).map { "## H\($0) {#a\($0)}\n\nText.\n" }.joined(separator: "\n")
            files["content/de/p\(page).md"] = Fixture.page("P\(page)", headings + "\n" + links + "\n")
            files["content/en/p\(page).md"] = Fixture.page("P\(page)", translated + "\n" + links + "\n")
        }
        files["content/de/index.md"] = Fixture.page("Start", links + "\n")
        let fixture = try Fixture(files: files)
        let site = try SiteCompiler.compile(fixture.options().compileOptions)
        #expect(site.links.edges.count > 1_000)

        func check(partSize: Int) -> ([String], LinkValidator.DroppedAnchors) {
            let log = DiagnosticLog()
            let dropped = LinkValidator.check(content: site.content, bodies: site.bodies, questionnaires: site.questionnaires,
                                              links: site.links, log: log, partSize: partSize)
            return (log.diagnostics.map(\.description), dropped)
        }
        let (oneByOne, droppedOneByOne) = check(partSize: 1)
        #expect(oneByOne.contains { $0.contains("en/p0.md") && $0.contains("this translation has no heading with id 'a7'") })
        #expect(oneByOne.contains { $0.contains("de/index.md") && $0.contains("link to '#a10' on page 'p3'") })
        #expect(droppedOneByOne["en"]?.contains("p2#a9") == true && droppedOneByOne["de"] == nil)
        for size in [7, 256, 100_000] {
            let (diagnostics, dropped) = check(partSize: size)
            #expect(diagnostics == oneByOne)
            #expect(dropped == droppedOneByOne)
        }
    }
}
