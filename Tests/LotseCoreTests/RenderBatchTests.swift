import Foundation
import Testing
@testable import LotseCore

/// Rendering in batches (every language of a page on one thread, the print
/// versions sharing the office language's column) writes exactly what
/// rendering each output on its own writes.
struct RenderBatchTests {
    @Test func batchesKeepEveryLanguageOfAPageTogetherInOrder() {
        let outputs: [SiteOutput] = [.root, .page(path: "a", language: "de"), .page(path: "b", language: "de"),
                                     .questionnaire(id: "q", language: "de"), .page(path: "a", language: "en"),
                                     .sitemap, .page(path: "b", language: "en"), .page(path: "", language: "en")]
        #expect(SiteRenderer.batches(outputs) == [
            [.root], [.page(path: "a", language: "de"), .page(path: "a", language: "en")],
            [.page(path: "b", language: "de"), .page(path: "b", language: "en")],
            [.questionnaire(id: "q", language: "de")], [.sitemap], [.page(path: "", language: "en")],
        ])
        #expect(SiteRenderer.batches([]).isEmpty)
    }

    /// Every file of a site rendered through ``SiteRenderer`` against each output rendered alone, without a memo.
    private func expectBatchedRenderMatches(_ site: CompiledSite) throws {
        let templates = try #require(site.templates)
        let context = RenderContext(site: site, templates: templates, resolver: SiteLinkResolver.relative(for: site))
        let questionnaires = Dictionary(site.questionnaires.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var alone: [String: Data] = [:]
        for output in site.allOutputs {
            for file in SiteRenderer.files(output, context: context, questionnaires: questionnaires) {
                alone[file.path] = Data(file.contents.utf8)
            }
        }
        let sink = MemorySink()
        try SiteRenderer.render(site, into: sink)
        #expect(sink.files.count == alone.count)
        for (path, data) in alone { #expect(sink.files[path] == data, "\(path) differs") }
        #expect(alone.keys.contains { $0.hasSuffix("/leaflet/\(site.config.officeLanguage)/index.html") })
    }

    /// Each page and print version made with the page looked up once by the caller (``SiteRenderer/files``)
    /// against the same made looking the page up themselves, as before.
    private func expectServedPagesRenderAsLookedUp(_ site: CompiledSite) throws {
        let templates = try #require(site.templates)
        let context = RenderContext(site: site, templates: templates, resolver: SiteLinkResolver.relative(for: site))
        var leaflets = 0
        for output in site.allOutputs {
            guard case let .page(path, language) = output else { continue }
            let served = site.content.page(path, in: language)
            let page = context.renderPage(path, reader: language, served: served)
            let lookedUp = context.renderPage(path, reader: language)
            #expect(page.path == lookedUp.path)
            #expect(page.contents == lookedUp.contents, "\(language)/\(path) differs")
            let leaflet = context.renderPageLeaflet(path, reader: language, served: served)
            let leafletLookedUp = context.renderPageLeaflet(path, reader: language)
            #expect(leaflet?.path == leafletLookedUp?.path)
            #expect(leaflet?.contents == leafletLookedUp?.contents, "the print version of \(language)/\(path) differs")
            if leaflet != nil { leaflets += 1 }
        }
        #expect(leaflets > 0)
        // A page the reader is not shown: no print version, whether looked up or not.
        let reader = try #require(site.config.languages.map(\.code).first { $0 != site.config.officeLanguage })
        #expect(context.renderPageLeaflet("no/such/page", reader: reader, served: .some(nil)) == nil)
        #expect(context.renderPageLeaflet("no/such/page", reader: reader) == nil)
    }

    @Test func theBundledSitesPagesLookedUpOnceRenderAsLookedUpByEachPart() throws {
        let options = BuildOptions(content: Fixture.repoRoot.appendingPathComponent("content").path,
                                   templates: Fixture.templates, output: "unused", today: Fixture.today)
        try expectServedPagesRenderAsLookedUp(try SiteCompiler.compile(options.compileOptions))
    }

    @Test func theBundledSiteIsRenderedAsOutputByOutput() throws {
        let options = BuildOptions(content: Fixture.repoRoot.appendingPathComponent("content").path,
                                   templates: Fixture.templates, output: "unused", today: Fixture.today)
        try expectBatchedRenderMatches(try SiteCompiler.compile(options.compileOptions))
    }

    /// Packed bodies (a one-shot build) unpacked once per page for the page and its print versions.
    @Test func theBundledSiteWithPackedBodiesIsRenderedAsOutputByOutput() throws {
        let options = BuildOptions(content: Fixture.repoRoot.appendingPathComponent("content").path,
                                   templates: Fixture.templates, output: "unused", today: Fixture.today)
        var oneShot = options.compileOptions
        oneShot.keepsMarkdown = false
        oneShot.packsBodies = true
        let site = try SiteCompiler.compile(oneShot)
        #expect(site.bodies.values.allSatisfy { $0.isPacked })
        try expectBatchedRenderMatches(site)
    }

    /// The office language is not the source and lacks a page: its column is the source's, with a notice.
    @Test func anOfficeColumnShownInTheSourceLanguageIsSharedToo() throws {
        let fixture = try Fixture(files: [
            "content/de/work.md": Fixture.page("Arbeit", "Text mit [Link](index.md#x).\n\n## Antrag\n\nSo geht es.\n", extra: "reviewed: 2026-11-01\n"),
            "content/de/index.md": Fixture.page("Start", "## x\n\nHallo.\n"),
            "content/ar/work.md": Fixture.page("عمل", "نص ́مع.\n\n## الطلب\n\nهكذا.\n"),
            "content/en/index.md": Fixture.page("Home", "## x\n\nHello.\n"),
        ], site: Fixture.defaultSite + "\noffice_language: en\n")
        let site = try SiteCompiler.compile(fixture.options().compileOptions)
        try expectBatchedRenderMatches(site)
        try expectServedPagesRenderAsLookedUp(site)
        let sink = MemorySink()
        try SiteRenderer.render(site, into: sink)
        let arabic = try #require(sink.contents(of: "ar/work/leaflet/en/index.html"))
        #expect(String(decoding: arabic, as: UTF8.self).contains("class=\"fallback\""))
    }
}
