import Foundation
import Testing
@testable import LotseCore

/// A one-shot `lotse build` keeps every rendered page body compressed until
/// its pages are written (``PackedSegments``, peak memory, issue 10): packed
/// bodies give back exactly the HTML plain ones give, and the build writes
/// exactly what the model `lotse serve` keeps (plain bodies, with Markdown) renders.
struct PackedBodiesTests {
    private func body(_ segments: [String]) -> RenderedBody {
        let links = (0..<max(segments.count - 1, 0)).map { index in
            RenderedBody.SiteLink(target: LinkTarget(kind: index % 3 == 2 ? .questionnaire : .page, path: "work/p\(index)",
                                                     fragment: index % 2 == 0 ? "ü-\(index)" : nil),
                                  location: SourceLocation(path: "content/de/a.md", line: index + 1))
        }
        return RenderedBody(segments: segments, links: links, headingIDs: [], toc: [])
    }

    @Test func packedSegmentsGiveBackTheSameBytesAndHTML() {
        var random = SystemRandomNumberGenerator()
        let words = ["<p>", "Aufenthalt", "الإقامة", "посвідка", "ናይ", "😀", "&amp;", "</p>\n", "<a href=\"", " "]
        var cases: [[String]] = [[""], ["<p>nur Text</p>\n"], ["", ""], ["<a href=\"", "\">x</a>", ""]]
        for _ in 0..<40 {
            let count = Int.random(in: 1...12, using: &random)
            cases.append((0..<count).map { _ in
                (0..<Int.random(in: 0...400, using: &random)).map { _ in words.randomElement(using: &random)! }.joined()
            })
        }
        cases.append([String(repeating: "<p>Absatz mit Text.</p>\n", count: 20_000), "\">Link</a>"])
        let resolver = SiteLinkResolver(prefix: "https://advice.example/")
        for segments in cases {
            let plain = body(segments)
            var packed = plain
            packed.pack()
            #expect(packed.isPacked && !plain.isPacked)
            #expect(packed.segments == segments)
            for reader in ["de", "ar"] {
                #expect(packed.html(reader: reader, resolver: resolver) == plain.html(reader: reader, resolver: resolver))
            }
            // Setting segments again keeps them plain.
            packed.segments = segments
            #expect(!packed.isPacked && packed.html(reader: "de", resolver: resolver) == plain.html(reader: "de", resolver: resolver))
        }
    }

    @Test func aOneShotBuildWritesWhatTheKeptModelRenders() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("lotse-packed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let options = BuildOptions(content: Fixture.repoRoot.appendingPathComponent("content").path,
                                   templates: Fixture.templates, output: output.path, today: Fixture.today)
        // The model serve, status and po use: plain bodies, Markdown kept.
        let kept = try SiteCompiler.compile(options.compileOptions)
        #expect(!kept.bodies.isEmpty && kept.bodies.values.allSatisfy { !$0.isPacked })
        #expect(kept.content.sourcePages.values.contains { !$0.body.isEmpty })
        var oneShot = options.compileOptions
        oneShot.keepsMarkdown = false
        oneShot.packsBodies = true
        let packed = try SiteCompiler.compile(oneShot)
        #expect(packed.bodies.count == kept.bodies.count && packed.bodies.values.allSatisfy(\.isPacked))
        // The link graph (for serve) is kept unless asked not to; a build renders without it.
        oneShot.keepsLinkGraph = false
        let withoutGraph = try SiteCompiler.compile(oneShot)
        #expect(!kept.links.edges.isEmpty && withoutGraph.links.edges.isEmpty && withoutGraph.diagnostics.count == kept.diagnostics.count)

        try SiteBuilder.build(options)
        let memory = MemorySink()
        try SiteRenderer.render(kept, into: memory)
        let files = memory.files
        try Fixture.expectFolder(output, holds: files)
        #expect(files.count > 1000)
    }
}
