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

    /// Where a text is shown is asked only of the languages that could show it (its own and those
    /// falling back to it): the same messages and dropped anchors as asking every language.
    @Test func narrowedReadersGiveWhatAskingEveryLanguageGives() throws {
        var files: [String: String] = [:]
        let links = (0..<3).map { page in (0...6).map { "[l](p\(page).md#a\($0))" }.joined(separator: "\n") }.joined(separator: "\n")
        let headings = (0..<6).map { "## H\($0) {#a\($0)}\n\nText.\n" }.joined(separator: "\n")
        let fewer = (0..<3).map { "## H\($0) {#a\($0)}\n\nText.\n" }.joined(separator: "\n")
        for page in 0..<3 {
            files["content/de/p\(page).md"] = Fixture.page("P\(page)", headings + "\n" + links + "\n")
            // en translates every page (lacking a3…a5), ar only p0, tr p1 (with every heading).
            files["content/en/p\(page).md"] = Fixture.page("P\(page)", fewer + "\n" + links + "\n")
        }
        files["content/ar/p0.md"] = Fixture.page("P0", fewer + "\n" + links + "\n")
        files["content/tr/p1.md"] = Fixture.page("P1", headings + "\n" + links + "\n")
        files["content/de/index.md"] = Fixture.page("Start", links + "\n")
        let fixture = try Fixture(files: files, site: """
        base_url: https://advice.example/
        source_language: de
        languages:
          - { code: de, name: Deutsch }
          - { code: en, name: English }
          - { code: fa, name: فارسی, fallback: [ar, en] }
          - { code: ar, name: العربية }
          - { code: ps, name: پښتو, fallback: [tr] }
          - { code: tr, name: Türkçe, fallback: [en] }
        """)
        let site = try SiteCompiler.compile(fixture.options().compileOptions)
        let readers = LinkValidator.Readers(config: site.content.config)
        #expect(readers.candidates(for: "en") == ["en", "fa", "tr"])
        #expect(readers.candidates(for: "ar") == ["fa", "ar"])
        #expect(readers.candidates(for: "tr") == ["ps", "tr"])
        #expect(readers.candidates(for: "de") == ["de", "en", "fa", "ar", "ps", "tr"])
        func check(narrows: Bool) -> ([String], LinkValidator.DroppedAnchors) {
            let log = DiagnosticLog()
            let dropped = LinkValidator.check(content: site.content, bodies: site.bodies, questionnaires: site.questionnaires,
                                              links: site.links, log: log, narrowsReaders: narrows)
            return (log.diagnostics.map(\.description), dropped)
        }
        let (everyLanguage, droppedEveryLanguage) = check(narrows: false)
        #expect(everyLanguage.contains { $0.contains("en/p2.md") && $0.contains("this translation has no heading with id 'a4'") })
        #expect(everyLanguage.contains { $0.contains("link to '#a6' on page 'p1'") })
        #expect(droppedEveryLanguage["fa"]?.contains("p0#a5") == true && droppedEveryLanguage["tr"]?.contains("p2#a3") == true)
        let (narrowed, droppedNarrowed) = check(narrows: true)
        #expect(narrowed == everyLanguage)
        #expect(droppedNarrowed == droppedEveryLanguage)
    }
}
