import Foundation
import Testing
@testable import LotseCore

/// `lotse serve`'s incremental rebuild: after one page changed, the updated
/// site must be what a full compile gives, and rendering only the outputs it
/// names over the old files must give the files of a full build.
@Suite struct SiteUpdateTests {
    static func site() throws -> Fixture {
        let fixture = try CompiledSiteTests.linkedSite()
        try fixture.write("content/de/work/permit.md", Fixture.page("Erlaubnis", "## Gebühren {#fees}\n\nZurück [nach Hause](../index.md)"))
        return fixture
    }

    func compile(_ fixture: Fixture) throws -> CompiledSite {
        try SiteCompiler.compile(fixture.options().compileOptions)
    }

    func render(_ site: CompiledSite, outputs: Set<SiteOutput>? = nil, into sink: MemorySink = MemorySink()) throws -> MemorySink {
        if let outputs {
            try SiteRenderer.render(site, outputs: outputs, into: sink)
        } else {
            try SiteRenderer.render(site, into: sink)
        }
        return sink
    }

    /// Writes `text` to `path`, updates `before` and holds the result against a full compile.
    @discardableResult
    func edit(_ fixture: Fixture, _ path: String, _ text: String, from before: CompiledSite, incremental: Bool = true,
              sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> CompiledSite {
        try fixture.write(path, text)
        let update = try SiteCompiler.update(before, changedFiles: [fixture.root.appendingPathComponent(path).path])
        let full = try compile(fixture)
        #expect(update.recompiledAll == !incremental, "\(path): full compile expected \(!incremental)", sourceLocation: sourceLocation)
        #expect(update.site.diagnostics.map(\.description) == full.diagnostics.map(\.description), sourceLocation: sourceLocation)
        #expect(update.site.links.edges.count == full.links.edges.count, sourceLocation: sourceLocation)
        if !full.hasErrors && !before.hasErrors {
            // The old files with only the named outputs rendered again are the new site.
            let patched = try render(update.site, outputs: update.outputs, into: try render(before))
            let expected = try render(full).files
            #expect(patched.files.count == expected.count, sourceLocation: sourceLocation)
            for (file, data) in expected where patched.files[file] != data {
                Issue.record("\(file) differs from a full build after editing \(path)", sourceLocation: sourceLocation)
            }
            if incremental { #expect(update.outputs.count < full.allOutputs.count, sourceLocation: sourceLocation) }
        }
        return update.site
    }

    @Test func editingPagesGivesWhatAFullCompileGives() throws {
        let fixture = try Self.site()
        var site = try compile(fixture)
        #expect(site.errors.isEmpty, "\(site.diagnostics)")

        // A new title: the section page listing it and the sitemap change too.
        site = try edit(fixture, "content/de/work/permit.md",
                        Fixture.page("Arbeitserlaubnis", "## Gebühren {#fees}\n\nZurück [nach Hause](../index.md)\n\nNeu."), from: site)
        // A new link out of the page, to a heading of another page.
        site = try edit(fixture, "content/de/work/permit.md",
                        Fixture.page("Arbeitserlaubnis", "## Gebühren {#fees}\n\nSiehe [Arbeit](../work.md#erlaubnis)."), from: site)
        // A translation, and an overdue review date (a warning).
        site = try edit(fixture, "content/en/work/permit.md",
                        Fixture.page("Work permit", "## Fees {#fees}\n\nBack [home](../index.md).", extra: "reviewed: 2020-01-01\n"), from: site)
        // The order of the pages in a section.
        site = try edit(fixture, "content/de/work.md", Fixture.page("Arbeit", "## Erlaubnis\n\n[Erlaubnis](work/permit.md)", extra: "order: 3\n"), from: site)
        #expect(site.warnings.count == 1)
    }

    @Test func anchorsIntoAChangedPageAreCheckedAgain() throws {
        let fixture = try Self.site()
        var site = try compile(fixture)
        // index.md links to permit#fees: renaming the heading breaks that link, in another file.
        site = try edit(fixture, "content/de/work/permit.md", Fixture.page("Erlaubnis", "## Kosten\n\nZurück [nach Hause](../index.md)"), from: site)
        #expect(site.errors.map { fixture.relative($0.description) }.contains {
            $0.hasPrefix("content/de/index.md:4:7: error: link to '#fees' on page 'work/permit'")
        })
        // Fixing it clears the other file's error again.
        site = try edit(fixture, "content/de/work/permit.md", Fixture.page("Erlaubnis", "## Kosten {#fees}\n\nZurück [nach Hause](../index.md)"), from: site)
        #expect(site.errors.isEmpty)
        // A broken link in the page itself, and its fix.
        site = try edit(fixture, "content/de/work.md", Fixture.page("Arbeit", "[kaputt](weg.md)"), from: site)
        #expect(site.errors.map { fixture.relative($0.description) } == ["content/de/work.md:4:1: error: link to a page that does not exist: 'weg.md' (no weg.md in the source language)"])
        site = try edit(fixture, "content/de/work.md", Fixture.page("Arbeit", "## Erlaubnis\n\n[Erlaubnis](work/permit.md)"), from: site)
        #expect(site.errors.isEmpty)
    }

    @Test func aPageThatCannotBeReadKeepsItsPlaceAndReportsWhy() throws {
        let fixture = try Self.site()
        let site = try compile(fixture)
        let path = "content/de/work.md"
        try fixture.write(path, "---\ntitle: [unclosed\n---\n")
        let broken = try SiteCompiler.update(site, changedFiles: [fixture.root.appendingPathComponent(path).path])
        #expect(!broken.recompiledAll)
        #expect(broken.site.hasErrors)
        #expect(broken.site.errors.allSatisfy { $0.location?.path.hasSuffix(path) ?? false }, "\(broken.site.errors)")
        // Fixed again: the same as a full compile.
        try edit(fixture, path, Fixture.page("Arbeit", "## Erlaubnis\n\n[Erlaubnis](work/permit.md)"), from: broken.site)
    }

    @Test func changesTheModelCannotTakeInPlaceCompileEverything() throws {
        let fixture = try Self.site()
        let site = try compile(fixture)
        func update(_ path: String, _ text: String?) throws -> SiteUpdate {
            let url = fixture.root.appendingPathComponent(path)
            if let text { try fixture.write(path, text) } else { try FileManager.default.removeItem(at: url) }
            return try SiteCompiler.update(site, changedFiles: [url.path])
        }
        #expect(try update("content/de/new.md", Fixture.page("Neu")).recompiledAll)
        #expect(try update("content/de/work.md", Fixture.page("Arbeit", extra: "draft: true\n")).recompiledAll)
        #expect(try update("content/en/work/permit.md", nil).recompiledAll)
        let config = try update("content/site.yaml", Fixture.defaultSite.replacingOccurrences(of: "  - { code: ar, name: العربية }\n", with: ""))
        #expect(config.recompiledAll)
        #expect(config.site.languages.count == 2)
        #expect(config.outputs == Set(config.site.allOutputs))
    }

    /// Renders `site` and returns the file at `path` as text.
    func file(_ path: String, of site: CompiledSite) throws -> String {
        String(decoding: try render(site).files[path] ?? Data(), as: UTF8.self)
    }

    @Test func factsAndTheGlossaryReRenderEverythingThatUsesThem() throws {
        let fixture = try Self.site()
        try fixture.write("content/facts.yaml", FactsGlossaryTests.facts)
        try fixture.write("content/glossary.yaml", FactsGlossaryTests.glossary)
        try fixture.write("content/de/work.md", Fixture.page("Arbeit", "## Erlaubnis\n\nGebühr: {{fees.permit}}, eine [Duldung](glossary:duldung).\n\n[Erlaubnis](work/permit.md)"))
        var site = try compile(fixture)
        #expect(site.errors.isEmpty, "\(site.diagnostics)")
        #expect(try file("de/work/index.html", of: site).contains("100 €"))

        site = try edit(fixture, "content/facts.yaml", FactsGlossaryTests.facts.replacingOccurrences(of: "100 €", with: "120 €"),
                        from: site, incremental: false)
        #expect(try file("de/work/index.html", of: site).contains("120 €"))
        site = try edit(fixture, "content/glossary.yaml",
                        FactsGlossaryTests.glossary.replacingOccurrences(of: "No deportation for now.", with: "Deportation suspended."),
                        from: site, incremental: false)
        #expect(try file("en/glossary/index.html", of: site).contains("Deportation suspended."))
        // A page using both, edited: only the page is read again, facts and glossary still filled in.
        site = try edit(fixture, "content/de/work.md",
                        Fixture.page("Arbeit", "## Erlaubnis\n\nNeu: {{fees.permit}}, eine [Duldung](glossary:duldung).\n\n[Erlaubnis](work/permit.md)"),
                        from: site)
        let work = try file("de/work/index.html", of: site)
        #expect(work.contains("Neu: 120 €") && work.contains("/de/glossary/#duldung"))
    }

    @Test func aPageAnOutcomeNamesIsPrintedAgainInTheLeaflets() throws {
        let fixture = try Self.site()
        // The outcome 'free' prints one section of the work page.
        try fixture.write("content/questionnaires/can-i-work.yaml",
                          SiteQuestionnaireTests.logic.replacingOccurrences(of: "    when: { status: permit }\n    pages: [work]",
                                                                             with: "    when: { status: permit }\n    pages: [\"work#erlaubnis\"]"))
        var site = try compile(fixture)
        #expect(site.errors.isEmpty, "\(site.diagnostics)")
        let leaflets = try render(site).files.keys.filter { $0.contains("/leaflet/") && $0.contains("can-i-work") }
        #expect(!leaflets.isEmpty)

        // A new text (same title): the results' leaflets print it.
        site = try edit(fixture, "content/de/work.md", Fixture.page("Arbeit", "## Erlaubnis\n\nNeuer Text.\n\n[Erlaubnis](work/permit.md)"), from: site)
        let printed = try render(site).files.filter { $0.key.contains("can-i-work") && $0.key.contains("/leaflet/") }
        #expect(printed.values.contains { String(decoding: $0, as: UTF8.self).contains("Neuer Text.") })
        // The section the outcome names is gone: an error at the outcome, in the questionnaire's file.
        site = try edit(fixture, "content/de/work.md", Fixture.page("Arbeit", "## Anders\n\n[Erlaubnis](work/permit.md)"), from: site)
        #expect(site.errors.map { fixture.relative($0.description) }.contains { $0.hasPrefix("content/questionnaires/can-i-work.yaml:") && $0.contains("names '#erlaubnis'") },
                "\(site.errors)")
        // And back.
        site = try edit(fixture, "content/de/work.md", Fixture.page("Arbeit", "## Erlaubnis\n\nWieder da.\n\n[Erlaubnis](work/permit.md)"), from: site)
        #expect(site.errors.isEmpty)
    }

    @Test func aSourceReviewedAfterItsTranslationMarksItOutdatedOnThePageAndTheStatusPage() throws {
        let fixture = try Self.site()
        try fixture.write("content/en/work/permit.md",
                          Fixture.page("Permit", "## Fees {#fees}\n\nBack [home](../index.md).", extra: "reviewed: 2026-10-01\n"))
        var site = try compile(fixture)
        #expect(site.errors.isEmpty, "\(site.diagnostics)")
        #expect(!site.content.isOutdated("work/permit", in: "en"))
        site = try edit(fixture, "content/de/work/permit.md",
                        Fixture.page("Erlaubnis", "## Gebühren {#fees}\n\nZurück [nach Hause](../index.md)\n\nNeu geprüft.", extra: "reviewed: 2026-11-20\n"),
                        from: site)
        #expect(site.content.isOutdated("work/permit", in: "en"))
        #expect(site.tracking.first { $0.code == "en" }?.items.first { $0.id == "work/permit" }?.state == .outdated)
        // The translation brought up to date: current again.
        site = try edit(fixture, "content/en/work/permit.md",
                        Fixture.page("Permit", "## Fees {#fees}\n\nBack [home](../index.md).", extra: "reviewed: 2026-11-21\n"), from: site)
        #expect(!site.content.isOutdated("work/permit", in: "en"))
    }

    /// A translation with a record of its source version: the source's sections are hashed
    /// once for all languages (kept in the model), and an edit of the source replaces them.
    @Test func anEditOfARecordedSourceOutdatesItsTranslationAsAFullCompileDoes() throws {
        let fixture = try Self.site()
        try fixture.write("content/en/work/permit.md", Fixture.page("Permit", "## Fees {#fees}\n\nBack [home](../index.md)."))
        let translator = try Translator(content: fixture.content, templates: Fixture.templates)
        _ = try translator.markCurrent(language: "en", path: "work/permit.md")
        var site = try compile(fixture)
        #expect(site.errors.isEmpty, "\(site.diagnostics)")
        #expect(!site.content.isOutdated("work/permit", in: "en"))
        #expect(site.content.sourceSections["work/permit"] == SourceSections.page(site.content.sourcePages["work/permit"]!))
        site = try edit(fixture, "content/de/work/permit.md",
                        Fixture.page("Erlaubnis", "## Gebühren {#fees}\n\nZurück [nach Hause](../index.md)\n\nNeuer Satz."), from: site)
        let full = try compile(fixture)
        #expect(site.content.isOutdated("work/permit", in: "en"))
        #expect(site.tracking == full.tracking)
        #expect(site.content.sourceSections["work/permit"] == SourceSections.page(full.content.sourcePages["work/permit"]!))
        #expect(site.tracking.first { $0.code == "en" }?.items.first { $0.id == "work/permit" }?.changes.map(\.section) == ["#fees"])
    }
}
