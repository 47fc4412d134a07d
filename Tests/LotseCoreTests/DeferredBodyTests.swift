import Foundation
import Testing
@testable import LotseCore

/// A one-shot build lets each translation's Markdown go once its front
/// matter is parsed and reads the file again when rendering it
/// (``DeferredBody``, peak memory, issue 10): the text read again is the one
/// loaded, and a file saved in between fails the build at its path instead of
/// making a page of two versions.
struct DeferredBodyTests {
    private func site() throws -> Fixture {
        try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", "Willkommen.\n\n[Arbeit](work.md)\n"),
            "content/de/work.md": Fixture.page("Arbeit", "## Erlaubnis\n\nText.\n"),
            "content/en/work.md": Fixture.page("Work", "## Permit\n\nText, see [home](index.md).\n"),
            "content/ar/work.md": "\u{FEFF}---\r\ntitle: العمل\r\n---\r\n## التصريح\r\n\r\nنص.\r\n",
        ])
    }

    @Test func translationsAreReadAgainAsLoadedSourcePagesKeepTheirs() throws {
        let fixture = try site()
        let content = URL(fileURLWithPath: fixture.content)
        let kept = try ContentLoader.load(contentDir: content, displayPath: "content", log: DiagnosticLog())
        let log = DiagnosticLog()
        let deferred = try ContentLoader.load(contentDir: content, displayPath: "content", log: log, defersTranslationBodies: true)
        #expect(deferred.sourcePages["work"]!.deferredBody == nil && deferred.sourcePages["work"]!.body == kept.sourcePages["work"]!.body)
        for language in ["en", "ar"] {
            let page = try #require(deferred.translations[language]?["work"])
            #expect(page.body.isEmpty && kept.translations[language]!["work"]!.deferredBody == nil)
            #expect(try #require(page.deferredBody).read(log: log) == kept.translations[language]!["work"]!.body)
            #expect(page.bodyLineOffset == kept.translations[language]!["work"]!.bodyLineOffset)
        }
        #expect(log.diagnostics.isEmpty)
    }

    /// The bundled site loaded for a build (translations' front matter only, ``SourceText/decodeHead(_:)``)
    /// holds the pages loading it whole holds, with the same bodies read again; the sitemap's
    /// `reviewed(_:in:)` gives each served page's date as `page(_:in:)` does.
    @Test func theBundledSiteLoadsAlikeWithBodiesDeferred() throws {
        let content = Fixture.repoRoot.appendingPathComponent("content")
        let kept = try ContentLoader.load(contentDir: content, displayPath: "content", log: DiagnosticLog())
        let log = DiagnosticLog()
        let deferred = try ContentLoader.load(contentDir: content, displayPath: "content", log: log, defersTranslationBodies: true)
        #expect(log.diagnostics.isEmpty)
        for (language, pages) in kept.translations {
            #expect(pages.count == deferred.translations[language]?.count)
            for (path, page) in pages {
                let other = try #require(deferred.translations[language]?[path])
                #expect(other.title == page.title && other.summary == page.summary && other.order == page.order)
                #expect(other.reviewed == page.reviewed && other.reviewedLocation == page.reviewedLocation)
                #expect(other.bodyLineOffset == page.bodyLineOffset && other.draft == page.draft)
                #expect(try #require(other.deferredBody).read(log: log) == page.body)
            }
        }
        for path in kept.sourcePages.keys {
            for language in kept.config.languages.map(\.code) + ["xx"] {
                #expect(kept.reviewed(path, in: language) == kept.page(path, in: language)?.page.reviewed)
            }
        }
        #expect(log.diagnostics.isEmpty)
    }

    @Test func aFileSavedBetweenLoadingAndRenderingIsAnError() throws {
        let fixture = try site()
        let log = DiagnosticLog()
        let content = try ContentLoader.load(contentDir: URL(fileURLWithPath: fixture.content), displayPath: "content", log: log,
                                             defersTranslationBodies: true)
        try fixture.write("content/en/work.md", Fixture.page("Work", "## Permit\n\nNew text.\n"))
        #expect(content.translations["en"]!["work"]!.deferredBody!.read(log: log) == nil)
        #expect(log.diagnostics.map(\.description).contains { $0.contains("en/work.md") && $0.contains("changed while the site was being built") })
        try FileManager.default.removeItem(atPath: fixture.content + "/ar/work.md")
        #expect(content.translations["ar"]!["work"]!.deferredBody!.read(log: log) == nil)
        #expect(log.diagnostics.map(\.description).contains { $0.contains("ar/work.md") && $0.contains("cannot read") })
    }

    @Test func aBuildGivesWhatTheKeptModelGives() throws {
        let fixture = try site()
        try fixture.build()
        let kept = try SiteCompiler.compile(fixture.options().compileOptions)
        let memory = MemorySink()
        try SiteRenderer.render(kept, into: memory)
        for (path, data) in memory.files {
            #expect(FileManager.default.contents(atPath: fixture.output + "/" + path) == data, "\(path) differs")
        }
        #expect(memory.files.keys.contains("ar/work/index.html"))
    }
}
