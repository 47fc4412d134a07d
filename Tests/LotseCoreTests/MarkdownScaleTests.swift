import Foundation
import Testing
@testable import LotseCore

/// Pages far larger than any real one (issue 11, item 7) give the same
/// results as small ones; the steps that were quadratic (numbering repeated
/// headings, mapping byte columns on one long line) are linear now. Speed is
/// measured by scripts/benchmark, never by a test; these check correctness at scale.
@Suite struct MarkdownScaleTests {
    @Test func fiftyThousandRepeatedHeadingsGetUniqueNumberedIDs() {
        let headings = (0..<50_000).map { _ in MarkdownDocument.Heading(level: 2, text: "A", explicitID: nil, line: 1, column: 1) }
        let ids = HeadingID.assign(headings)
        #expect(ids.count == 50_000)
        #expect(Set(ids).count == 50_000)
        #expect(ids[0] == "a")
        #expect(ids[1] == "a-1")
        #expect(ids[49_999] == "a-49999")
    }

    @Test func numberingSkipsIDsThatAreTaken() {
        let texts = ["A", "A-1", "A", "A", "Main"]
        let headings = texts.map { MarkdownDocument.Heading(level: 2, text: $0, explicitID: nil, line: 1, column: 1) }
        #expect(HeadingID.assign(headings, reserved: ReservedIDs.all) == ["a", "a-1", "a-2", "a-3", "main-1"])
    }

    @Test func aPageWithFiftyThousandHeadingsRendersThemAll() {
        let markdown = String(repeating: "## Schritt\n\nText\n\n", count: 50_000)
        let renderer = MarkdownRenderer(pagePaths: [""], questionnaireIDs: [])
        let log = DiagnosticLog()
        let body = renderer.render(markdown, relativePath: "index.md", origin: SourceLocation(path: "index.md", line: 4), log: log)
        #expect(!log.hasErrors)
        #expect(body.headingIDs.count == 50_000)
        #expect(body.segments.joined().contains("<h2 id=\"schritt-49999\">Schritt</h2>"))
    }

    @Test func positionsOnALineWithAHundredThousandLinksAreExact() {
        // Every link is `[ä](index.md) ` (14 characters, 15 bytes); the last one points nowhere.
        let line = String(repeating: "[ä](index.md) ", count: 99_999) + "[ä](nowhere.md)"
        let renderer = MarkdownRenderer(pagePaths: [""], questionnaireIDs: [])
        let log = DiagnosticLog()
        let body = renderer.render(line, relativePath: "index.md", origin: SourceLocation(path: "index.md", line: 4), log: log)
        #expect(body.links.count == 99_999)
        let errors = log.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.location == SourceLocation(path: "index.md", line: 4, column: 99_999 * 14 + 1))
    }

    @Test func columnMapCountsCharacters() {
        let map = ColumnMap("ab\näöü x\n")
        #expect(map.characterColumn(line: 2, byteColumn: 8) == 5)
        #expect(map.characterColumn(line: 1, byteColumn: 2) == 2)
        #expect(map.characterColumn(line: 1, byteColumn: 1) == 1)
    }
}
