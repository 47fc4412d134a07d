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
        let toc = (0..<(segments.count % 5)).map { index in
            RenderedBody.TOCEntry(id: index == 1 ? "a:b" : "abschnitt-\(index)", text: index == 2 ? "" : "Überschrift \(index) – ☂", level: 2)
        }
        return RenderedBody(segments: segments, links: links, headingIDs: [], toc: toc)
    }

    /// The parts after a packed body's HTML are written as bytes straight from the links and contents.
    @Test func packedPartBytesAreThePartsStrings() {
        for count in [1, 2, 5, 9, 13] {
            let body = body((0..<count).map { "<p>\($0)</p>" })
            let strings = RenderedBody.packedParts(links: body.links, toc: body.toc)
            let (bytes, lengths) = RenderedBody.packedPartBytes(links: body.links, toc: body.toc)
            #expect(bytes == Array(strings.joined().utf8))
            #expect(lengths == strings.map(\.utf8.count))
        }
        let toc = [RenderedBody.TOCEntry(id: "x", text: "", level: 12), RenderedBody.TOCEntry(id: "", text: "t", level: -1)]
        let links = [RenderedBody.SiteLink(target: LinkTarget(kind: .page, path: "", fragment: ""), location: SourceLocation(path: "a.md"))]
        let (bytes, lengths) = RenderedBody.packedPartBytes(links: links, toc: toc)
        let strings = RenderedBody.packedParts(links: links, toc: toc)
        #expect(bytes == Array(strings.joined().utf8))
        #expect(lengths == strings.map(\.utf8.count))
    }

    /// The link targets and table of contents packed after a body's HTML are read back from their
    /// bytes as they were written, also where a Character would join across the cut: a path or
    /// fragment starting with a combining mark, an id with a colon, empty parts, any level.
    @Test func thePartsAfterAPackedBodyReadBackAsTheyWerePacked() {
        let targets = [LinkTarget(kind: .page, path: "work/permit", fragment: "ü-1"),
                       LinkTarget(kind: .questionnaire, path: "family", fragment: nil),
                       LinkTarget(kind: .page, path: "\u{301}x/\u{64B}", fragment: "\u{301}a"),
                       LinkTarget(kind: .page, path: "", fragment: ""),
                       LinkTarget(kind: .questionnaire, path: "q", fragment: "#:")]
        let links = targets.map { RenderedBody.SiteLink(target: $0, location: SourceLocation(path: "content/de/a.md")) }
        let toc = [RenderedBody.TOCEntry(id: "a:b", text: "Überschrift – ☂", level: 2),
                   RenderedBody.TOCEntry(id: "\u{301}id", text: "", level: 12),
                   RenderedBody.TOCEntry(id: "", text: "\u{301}t:", level: -1),
                   RenderedBody.TOCEntry(id: "x", text: "y", level: 0)]
        func described(_ toc: [RenderedBody.TOCEntry]) -> [String] { toc.map { "\($0.level) \($0.id) \($0.text)" } }
        let (bytes, lengths) = RenderedBody.packedPartBytes(links: links, toc: toc)
        var ranges: [Range<Int>] = []
        for length in lengths { ranges.append((ranges.last?.upperBound ?? 0)..<((ranges.last?.upperBound ?? 0) + length)) }
        let parts = bytes.withUnsafeBufferPointer { RenderedBody.parts($0, ranges[...], links: links.count, toc: toc.count) }
        #expect(parts.targets == targets)
        #expect(described(parts.toc) == described(toc))
        // And through a packed body, unpacked once for a page or asked for its table of contents.
        var body = RenderedBody(segments: ["<p>"] + targets.map { _ in "\">x</a>" }, links: links, headingIDs: [], toc: toc)
        body.pack()
        #expect(body.isPacked && body.unpacked().targets == targets)
        #expect(described(body.unpacked().toc) == described(toc) && described(body.toc) == described(toc))
    }

    /// The LZ4 states are used again (``LZ4Streams``): texts packed one after another, from two
    /// threads, small and above 64 KB, alike and unlike, each unpack to themselves alone.
    @Test func reusedCompressionStatesPackEachTextOnItsOwn() async {
        let words = ["Aufenthalt", "إقامة", "дозвіл", " ", "\n", "<p>", "</p>", "§ 25 AufenthG", "ትግርኛ", "a"]
        func text(_ seed: Int, _ count: Int) -> [String] {
            var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 | 1
            return (0..<3).map { _ in
                (0..<count).map { _ in
                    state ^= state << 13; state ^= state >> 7; state ^= state << 17
                    return words[Int(state % UInt64(words.count))]
                }.joined()
            }
        }
        await withTaskGroup(of: Bool.self) { group in
            for worker in 0..<2 {
                group.addTask {
                    var ok = true
                    for round in 0..<60 {
                        let segments = text(worker * 1_000 + round, [3, 40, 400, 9_000][round % 4])
                        guard let packed = PackedSegments(segments) else { return false }
                        ok = ok && packed.segments == segments
                    }
                    return ok
                }
            }
            for await ok in group { #expect(ok) }
        }
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
            #expect(packed.toc.map { "\($0.level) \($0.id) \($0.text)" } == plain.toc.map { "\($0.level) \($0.id) \($0.text)" })
            for reader in ["de", "ar"] {
                #expect(packed.html(reader: reader, resolver: resolver) == plain.html(reader: reader, resolver: resolver))
            }
            // Its links' locations let go (a build, once the link graph has them): the HTML is made from the packed targets.
            var released = packed
            released.releaseLinks()
            #expect(released.links.isEmpty && released.segments == segments && released.toc.count == plain.toc.count)
            for reader in ["de", "ar"] {
                #expect(released.html(reader: reader, resolver: resolver) == plain.html(reader: reader, resolver: resolver))
            }
            // A plain body keeps its links: they are how its HTML is made.
            var stillPlain = plain
            stillPlain.releaseLinks()
            #expect(stillPlain.links.count == plain.links.count)
            // Setting segments again keeps them plain.
            packed.segments = segments
            #expect(!packed.isPacked && packed.html(reader: "de", resolver: resolver) == plain.html(reader: "de", resolver: resolver))
        }
    }

    /// A body unpacked once for a page and its print version (``UnpackedBody``) joins to exactly
    /// what the packed or plain body joins to, and gives the same table of contents.
    @Test func anUnpackedBodyJoinsAsThePackedAndPlainOnesDo() {
        var random = SystemRandomNumberGenerator()
        let words = ["<p>", "Aufenthalt", "الإقامة", "посвідка", "😀", "&amp;", "</p>\n", "<h2 id=\"a\">", " "]
        var cases: [[String]] = [[""], ["<p>nur Text</p>\n"], ["", ""], ["<a href=\"", "\">x</a>", ""]]
        for _ in 0..<30 {
            cases.append((0..<Int.random(in: 1...12, using: &random)).map { _ in
                (0..<Int.random(in: 0...200, using: &random)).map { _ in words.randomElement(using: &random)! }.joined()
            })
        }
        let resolvers: [any LinkResolver] = [SiteLinkResolver(prefix: "https://advice.example/"), SiteLinkResolver(prefix: "/")]
        for segments in cases {
            let plain = body(segments)
            var packed = plain
            packed.pack()
            var released = packed
            released.releaseLinks()
            for kept in [plain, packed, released] {
                let unpacked = kept.unpacked()
                #expect(unpacked.toc.map { "\($0.level) \($0.id) \($0.text)" } == plain.toc.map { "\($0.level) \($0.id) \($0.text)" })
                for resolver in resolvers {
                    for reader in ["de", "ar"] {
                        #expect(unpacked.htmlBytes(reader: reader, resolver: resolver) == kept.htmlBytes(reader: reader, resolver: resolver))
                    }
                }
            }
        }
        // A plain body without links is its first segment, as ``RenderedBody/html(reader:resolver:)`` gives it.
        let unlinked = RenderedBody(segments: ["<p>a</p>", "<p>b</p>"], links: [], headingIDs: [], toc: [])
        #expect(unlinked.unpacked().htmlBytes(reader: "de", resolver: SiteLinkResolver(prefix: "/")) == Array("<p>a</p>".utf8))
        #expect(RenderedBody(segments: [], links: [], headingIDs: [], toc: []).unpacked().htmlBytes(reader: "de", resolver: SiteLinkResolver(prefix: "/")).isEmpty)
    }

    /// The memo unpacks each body of a page once, and lets them go for the next page.
    @Test func theMemoKeepsOnlyTheCurrentPagesBodies() {
        var first = body(["<p>eins ", "</p>"])
        first.pack()
        var second = body(["<p>zwei ", "</p>"])
        second.pack()
        let memo = UnpackedBodyMemo()
        let resolver = SiteLinkResolver(prefix: "/")
        #expect(memo.body("de/a", path: "a", of: first).htmlBytes(reader: "de", resolver: resolver) == first.htmlBytes(reader: "de", resolver: resolver))
        // The same key on the same page: the body unpacked before (even when handed another).
        #expect(memo.body("de/a", path: "a", of: second).htmlBytes(reader: "de", resolver: resolver) == first.htmlBytes(reader: "de", resolver: resolver))
        // Another page: made again.
        #expect(memo.body("de/a", path: "b", of: second).htmlBytes(reader: "de", resolver: resolver) == second.htmlBytes(reader: "de", resolver: resolver))
    }

    @Test func aOneShotBuildWritesWhatTheKeptModelRenders() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("lotse-packed-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(atPath: output.path + ".lotse-lock")
        }
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
        // Once compiled, a build's bodies hold no link list of their own (their targets are packed), the
        // same tables of contents, and no translation keeps where its Markdown was to be read again.
        #expect(packed.bodies.values.allSatisfy { $0.links.isEmpty } && kept.bodies.values.contains { !$0.links.isEmpty })
        for (key, body) in kept.bodies {
            #expect(packed.bodies[key]!.toc.map(\.id) == body.toc.map(\.id) && packed.bodies[key]!.toc.map(\.text) == body.toc.map(\.text))
        }
        #expect(kept.bodies.values.contains { !$0.toc.isEmpty })
        #expect(packed.content.translations.values.allSatisfy { $0.values.allSatisfy { $0.deferredBody == nil } })
        // The link graph (for serve) is kept unless asked not to; a build renders without it.
        oneShot.keepsLinkGraph = false
        let withoutGraph = try SiteCompiler.compile(oneShot)
        #expect(!kept.links.edges.isEmpty && withoutGraph.links.edges.isEmpty && withoutGraph.diagnostics.count == kept.diagnostics.count)

        // Only the links with an anchor are in a build's graph while it is checked, and it finds the same.
        #expect(withoutGraph.diagnostics.map(\.description) == kept.diagnostics.map(\.description))

        try SiteBuilder.build(options)
        let memory = MemorySink()
        try SiteRenderer.render(kept, into: memory)
        let files = memory.files
        try Fixture.expectFolder(output, holds: files)
        #expect(files.count > 1000)
    }

    /// The sitemap, the largest file, is written in parts as it is made: the parts
    /// joined are the sitemap a sink that takes whole files gets.
    @Test func theSitemapInPartsIsTheWholeSitemap() throws {
        let (context, _) = try SiteBuilder.prepare(BuildOptions(content: Fixture.repoRoot.appendingPathComponent("content").path,
                                                                templates: Fixture.templates, output: "unused", today: Fixture.today),
                                                   log: DiagnosticLog())
        let whole = context.renderSitemap()
        #expect(whole.path == "sitemap.xml" && whole.contents.hasSuffix("</urlset>\n"))
        var parts: [(String, Int)] = []
        context.renderSitemap(partSize: 512) { parts.append(($0, $1)) }
        #expect(parts.count > 3 && parts.map(\.0).joined() == whole.contents)
        // Every part comes with the estimate a whole is sized by (the site has more than 16 pages).
        #expect(context.content.pagePaths.count > 16 && parts.allSatisfy { $0.1 > 0 })
        let memory = MemorySink()
        try memory.write("sitemap.xml") { emit in context.renderSitemap(partSize: 512) { part, _ in emit(part) } }
        #expect(memory.contents(of: "sitemap.xml") == Data(whole.contents.utf8))
    }

    /// The disk writer knows no list of the paths it wrote: creating each file
    /// anew in the staging folder is what refuses a second write of a path.
    @Test func theWriterRefusesASecondWriteOfAPath() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("lotse-twice-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(atPath: output.path + ".lotse-lock")
        }
        let writer = try OutputWriter(output: output, displayPath: "site", force: false)
        try writer.write(OutputFile(path: "de/a/index.html", contents: "eins"))
        #expect(throws: LotseError.self) { try writer.write(OutputFile(path: "de/a/index.html", contents: "zwei")) }
        do {
            try writer.write("de/a/index.html") { emit in emit("drei") }
            Issue.record("a second write of the path was not refused")
        } catch {
            #expect(error.description.contains("two pages would be written to the same file 'de/a/index.html'"))
        }
        try writer.write("sitemap.xml") { emit in
            emit("<urlset>\n")
            emit("</urlset>\n")
        }
        #expect(writer.fileCount == 2)
        try writer.commit()
        #expect(try String(contentsOf: output.appendingPathComponent("de/a/index.html"), encoding: .utf8) == "eins")
        #expect(try String(contentsOf: output.appendingPathComponent("sitemap.xml"), encoding: .utf8) == "<urlset>\n</urlset>\n")
    }

    /// The translation status page, of which a build makes one, is rendered by
    /// swift-mustache alone (no skeleton made and kept for it): the same bytes
    /// the skeletons give.
    @Test func theStatusPageRenderedOnceIsWhatItsSkeletonGives() throws {
        var (context, _) = try SiteBuilder.prepare(BuildOptions(content: Fixture.repoRoot.appendingPathComponent("content").path,
                                                                templates: Fixture.templates, output: "unused", today: Fixture.today),
                                                   log: DiagnosticLog())
        let recorder = ViewModelRecorder()
        context.templates.recorder = recorder
        let page = try #require(context.renderStatusPage())
        let model = try #require(recorder.models.first { $0.template == "status" }?.model)
        #expect(page.contents.contains("<html") && page.contents == context.templates.render(model, template: "status"))
    }
}

extension RenderedBody {
    /// The parts packed after a body's HTML as Strings, written the plain way: the
    /// reference that ``packedPartBytes(links:toc:)`` (the only writer Lotse has) is checked against.
    static func packedParts(links: [SiteLink], toc: [TOCEntry]) -> [String] {
        var parts: [String] = []
        for link in links {
            parts.append((link.target.kind == .page ? "p" : "q") + link.target.path)
            parts.append(link.target.fragment.map { "#" + $0 } ?? "")
        }
        for entry in toc {
            parts.append("\(entry.level):\(entry.id)")
            parts.append(entry.text)
        }
        return parts
    }
}
