import Foundation
import Testing
@testable import LotseCore

/// The compiled model every command starts from: its pages, link graph and
/// dependencies, and rendering it through the disk and memory sinks.
@Suite struct CompiledSiteTests {
    static func linkedSite() throws -> Fixture {
        try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", "Siehe [Gebühren](work/permit.md#fees) und [Web](https://example.org/).\n\n[Fragebogen](questionnaires/can-i-work.yaml)"),
            "content/de/work.md": Fixture.page("Arbeit", "## Erlaubnis\n\n[Erlaubnis](work/permit.md)"),
            "content/de/work/permit.md": Fixture.page("Erlaubnis", "## Gebühren {#fees}\n\nZurück [nach Hause](../index.md#oben)"),
            "content/en/work/permit.md": Fixture.page("Permit", "## Fees {#fees}\n\nBack [home](../index.md)."),
            "content/questionnaires/can-i-work.yaml": SiteQuestionnaireTests.logic,
            "content/de/questionnaires/can-i-work.yaml": SiteQuestionnaireTests.texts("de"),
        ])
    }

    func compile(_ site: Fixture) throws -> CompiledSite {
        try SiteCompiler.compile(site.options().compileOptions)
    }

    func renderedPaths(_ site: CompiledSite) throws -> [String] {
        let sink = MemorySink()
        try SiteRenderer.render(site, into: sink)
        return sink.files.keys.sorted()
    }

    @Test func linkGraphNamesEveryLinkWithItsPlaceAndWhoLinksToAPage() throws {
        let fixture = try Self.linkedSite()
        // permit.md links to an anchor the home page lacks (see the next test): not here.
        try fixture.write("content/de/work/permit.md", Fixture.page("Erlaubnis", "## Gebühren {#fees}\n\nZurück [nach Hause](../index.md)"))
        let site = try compile(fixture)
        #expect(site.errors.isEmpty, "\(site.diagnostics)")
        func describe(_ edges: [LinkGraph.Edge]) -> [String] {
            edges.map { edge in
                let from: String
                switch edge.from {
                case let .page(path, language): from = "page \(language)/\(path)"
                case let .questionnaire(id, language): from = "questionnaire \(id) \(language)"
                }
                let anchor = edge.target.fragment.map { "#\($0)" } ?? ""
                return "\(from) -> \(edge.target.kind.rawValue) \(edge.target.path)\(anchor) at \(fixture.relative(edge.location.description))"
            }.sorted()
        }
        #expect(describe(site.links.edges) == [
            "page de/ -> page work/permit#fees at content/de/index.md:4:7",
            "page de/ -> questionnaire can-i-work at content/de/index.md:6:1",
            "page de/work -> page work/permit at content/de/work.md:6:1",
            "page de/work/permit -> page  at content/de/work/permit.md:6:8",
            "page en/work/permit -> page  at content/en/work/permit.md:6:6",
            "questionnaire can-i-work de -> page work at content/de/questionnaires/can-i-work.yaml:8:21",
        ])
        #expect(describe(site.links.links(to: "work/permit")) == [
            "page de/ -> page work/permit#fees at content/de/index.md:4:7",
            "page de/work -> page work/permit at content/de/work.md:6:1",
        ])
        #expect(describe(site.links.links(to: "can-i-work", kind: .questionnaire)).count == 1)
        #expect(describe(site.links.links(from: fixture.content + "/de/work.md")).count == 1)

        // Every page in every language, with what it is.
        #expect(site.page("work/permit", language: "en")?.kind == .translation)
        #expect(site.page("work/permit", language: "ar")?.kind == .fallback)
        #expect(site.page("work/permit", language: "ar")?.file == fixture.content + "/de/work/permit.md")
        #expect(site.page("work/permit", language: "de")?.kind == .source)
        #expect(site.page("work/permit", language: "de")?.headingIDs == ["fees"])
        #expect(site.pages.count == 3 * 3)
        #expect(site.questionnaireIDs == ["can-i-work"])

        // The manifest says what each file is.
        let manifest = site.manifest
        #expect(manifest.files.first { $0.path == "ar/work/index.html" }?.kind == "section")
        #expect(manifest.files.first { $0.path == "ar/work/permit/index.html" }?.fallback == true)
        #expect(manifest.files.first { $0.path == "en/work/permit/index.html" }?.source == fixture.content + "/en/work/permit.md")
        let rendered = try renderedPaths(site)
        #expect(manifest.files.map(\.path).sorted() == rendered)
    }

    @Test func anchorsAreCheckedOnTheModelAlsoFromQuestionnaireTexts() throws {
        let fixture = try Self.linkedSite()
        var texts = SiteQuestionnaireTests.texts("de")
        texts = texts.replacingOccurrences(of: "(../work.md)", with: "(../work/permit.md#gone)")
        try fixture.write("content/de/questionnaires/can-i-work.yaml", texts)
        let site = try compile(fixture)
        let messages = site.errors.map { fixture.relative($0.description) }
        #expect(messages.contains { $0.hasPrefix("content/de/work/permit.md:6:8: error: link to '#oben' on page 'index'") })
        #expect(messages.contains { $0.hasPrefix("content/de/questionnaires/can-i-work.yaml:8:21: error: link to '#gone' on page 'work/permit', but content/en/work/permit.md has no heading") })
        // Each diagnostic belongs to the file it is about.
        #expect(site.diagnostics(in: fixture.content + "/de/questionnaires/can-i-work.yaml").count >= 1)
        #expect(throws: LotseError.self) { try SiteRenderer.render(site, into: MemorySink()) }
    }

    @Test func textThatLooksLikeTheOldLanguageTokenComesOutUnchanged() throws {
        let fixture = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", "Wort lotse-lang-7f3a im Text, `lotse-lang-7f3a` als Code, [Web](https://example.org/lotse-lang-7f3a/) und [Seite](other.md#lotse-lang-7f3a)."),
            "content/de/other.md": Fixture.page("Andere", "## Anker {#lotse-lang-7f3a}\n"),
        ])
        try fixture.build()
        for language in ["de", "en", "ar"] {
            let html = try fixture.read("\(language)/index.html")
            #expect(html.contains("Wort lotse-lang-7f3a im Text, <code>lotse-lang-7f3a</code> als Code"))
            #expect(html.contains("<a href=\"https://example.org/lotse-lang-7f3a/\">Web</a>"))
            #expect(html.contains("<a href=\"/\(language)/other/#lotse-lang-7f3a\">Seite</a>"))
        }
    }

    @Test func aResolverCanMakeAbsoluteURLs() throws {
        let fixture = try Self.linkedSite()
        try fixture.write("content/de/work/permit.md", Fixture.page("Erlaubnis", "## Gebühren {#fees}\n"))
        let site = try compile(fixture)
        let sink = MemorySink()
        try SiteRenderer.render(site, into: sink, resolver: SiteLinkResolver.absolute(for: site))
        let home = String(decoding: try #require(sink.contents(of: "ar/index.html")), as: UTF8.self)
        #expect(home.contains("<a href=\"https://advice.example/ar/work/permit/#fees\">Gebühren</a>"))
        #expect(home.contains("<a href=\"https://advice.example/ar/can-i-work/\">Fragebogen</a>"))
        // URLs are escaped as cmark escapes them.
        #expect(HTML.escapeHref("/de/a/#ü'&x") == "/de/a/#%C3%BC&#x27;&amp;x")
    }

    @Test func memorySinkAndDiskSinkGiveIdenticalBytesForTheBundledSite() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("lotse-sinks-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(atPath: output.path + ".lotse-lock")
        }
        let options = BuildOptions(content: Fixture.repoRoot.appendingPathComponent("content").path,
                                   templates: Fixture.templates, output: output.path, today: Fixture.today)
        let site = try SiteCompiler.compile(options.compileOptions)
        try SiteBuilder.write(site, options: options)
        let memory = MemorySink()
        let count = try SiteRenderer.render(site, into: memory)
        let files = memory.files
        #expect(files.count == count)
        try Fixture.expectFolder(output, holds: files)
        #expect(files.count > 1000)
    }

    @Test func outputsDependingOnAChangedFileAndRenderingOnlyThose() throws {
        let fixture = try Self.linkedSite()
        try fixture.write("content/de/work/permit.md", Fixture.page("Erlaubnis", "## Gebühren {#fees}\n"))
        let site = try compile(fixture)
        #expect(site.errors.isEmpty, "\(site.diagnostics)")
        let permit = site.outputs(dependingOn: fixture.content + "/de/work/permit.md")
        // The page in every language, its section page where it is shown in German,
        // the home page linking to it (in every language it is shown in), the sitemap.
        #expect(permit == [
            .page(path: "work/permit", language: "de"), .page(path: "work/permit", language: "en"), .page(path: "work/permit", language: "ar"),
            .page(path: "work", language: "de"), .page(path: "work", language: "ar"), .page(path: "work", language: "en"),
            .page(path: "", language: "de"), .page(path: "", language: "en"), .page(path: "", language: "ar"),
            .sitemap,
        ])
        let translation = site.outputs(dependingOn: fixture.content + "/en/work/permit.md")
        #expect(translation.contains(.page(path: "work/permit", language: "en")))
        #expect(!translation.contains(.root) && !translation.contains(.questionnaire(id: "can-i-work", language: "en")))
        #expect(translation.contains(.page(path: "work", language: "en")))
        // The work page is listed on the questionnaire's results.
        #expect(site.outputs(dependingOn: fixture.content + "/de/work.md").contains(.questionnaire(id: "can-i-work", language: "ar")))
        // Texts: every page of the languages showing them (the navigation names the questionnaire).
        let texts = site.outputs(dependingOn: fixture.content + "/de/questionnaires/can-i-work.yaml")
        #expect(texts.contains(.page(path: "work/permit", language: "en")))
        #expect(!texts.contains(.root))
        #expect(site.outputs(dependingOn: fixture.content + "/site.yaml") == Set(site.allOutputs))
        #expect(site.outputs(dependingOn: fixture.content + "/de/new-page.md") == Set(site.allOutputs))

        let sink = MemorySink()
        try SiteRenderer.render(site, outputs: [.page(path: "work/permit", language: "ar"), .sitemap], into: sink)
        // A page's output is the page and its bilingual print version (leaflet beside the office language).
        #expect(sink.files.keys.sorted() == ["ar/work/permit/index.html", "ar/work/permit/leaflet/de/index.html", "sitemap.xml"])
        let whole = MemorySink()
        try SiteRenderer.render(site, into: whole)
        #expect(sink.contents(of: "ar/work/permit/index.html") == whole.contents(of: "ar/work/permit/index.html"))
    }

    @Test func manifestOfTheBundledSiteCoversEveryOutputFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lotse-manifest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("site")
        let manifestFile = folder.appendingPathComponent("manifest.json")
        let options = BuildOptions(content: Fixture.repoRoot.appendingPathComponent("content").path, templates: Fixture.templates,
                                   output: output.path, today: Fixture.today, manifest: manifestFile.path)
        try SiteBuilder.build(options)
        let manifest = try JSONDecoder().decode(BuildManifest.self, from: Data(contentsOf: manifestFile))
        #expect(manifest.version == 1)

        var written: [String] = []
        let enumerator = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil)!
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            let relative = String(url.standardizedFileURL.path.dropFirst(output.standardizedFileURL.path.count + 1))
            if relative != OutputWriter.markerName { written.append(relative) }
        }
        #expect(manifest.files.map(\.path).sorted() == written.sorted())
        #expect(Set(manifest.files.map(\.path)).count == manifest.files.count)

        // Every kind is there, in every language; every answer leads to a page of the site.
        let urls = Set(manifest.files.map(\.url))
        let kinds = Set(manifest.files.map(\.kind))
        #expect(kinds == ["root", "404", "home", "advice", "questionnaire", "question", "result", "proofing", "leaflet", "glossary",
                          "status", "sitemap", "robots", "headers", "css"])
        for language in manifest.languages {
            let own = manifest.files.filter { $0.language == language.code }
            #expect(Set(own.map(\.kind)) == ["home", "advice", "questionnaire", "question", "result", "proofing", "leaflet", "glossary"],
                    "\(language.code)")
        }
        for file in manifest.files {
            for transition in file.transitions ?? [] { #expect(urls.contains(transition.to), "\(file.path): \(transition.answer)") }
            if file.kind == "question" { #expect(file.question != nil && file.state != nil && !(file.transitions ?? []).isEmpty) }
            if file.kind == "result" { #expect(file.outcomes != nil && file.state != nil) }
            if file.kind == "advice" || file.kind == "home" { #expect(file.source?.hasSuffix(".md") == true && file.fallback != nil) }
        }
        #expect(manifest.files.contains { $0.kind == "advice" && $0.fallback == true })
        // Scenario tests, for the browser walk: following the answers' transitions ends on their outcomes.
        #expect(!manifest.questionnaires.isEmpty)
        let byURL = Dictionary(manifest.files.map { ($0.url, $0) }, uniquingKeysWith: { a, _ in a })
        struct Lost: Error { var url: String? }
        func page(_ url: String?) throws -> BuildManifest.File {
            guard let url, let file = byURL[url] else { throw Lost(url: url) }
            return file
        }
        for q in manifest.questionnaires {
            #expect(!q.scenarios.isEmpty)
            for scenario in q.scenarios {
                for language in manifest.languages {
                    var current = try page(page(q.start[language.code]).transitions?.first?.to)
                    for answer in scenario.answers {
                        current = try page(current.transitions?.first { $0.answer == answer }?.to)
                    }
                    #expect(current.kind == "result" && current.outcomes == scenario.outcomes, "\(scenario.name) in \(language.code)")
                }
            }
        }
    }
}
