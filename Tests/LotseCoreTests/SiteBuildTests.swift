import Foundation
import Testing
@testable import LotseCore

@Suite struct SiteBuildTests {
    @Test func fallbackPageHasNoticeSourceLanguageAndCanonical() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", "Willkommen."),
            "content/de/work/permit.md": Fixture.page("Arbeitserlaubnis", "## Gebühren {#fees}\n\nText."),
            "content/en/index.md": Fixture.page("Home", "Welcome."),
        ])
        try site.build()
        let ar = try site.read("ar/work/permit/index.html")
        #expect(ar.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(ar.contains("class=\"fallback\""))
        // The notice is written in the reader's language and names the source language in it.
        #expect(ar.contains("<p class=\"fallback\" role=\"note\">هذه الصفحة غير متوفرة بعد باللغة العربية"))
        #expect(ar.contains("الألمانية"))
        // Only the German text is marked German; the interface around it stays Arabic.
        #expect(ar.contains("<h1 lang=\"de\" dir=\"ltr\">Arbeitserlaubnis</h1>"))
        #expect(ar.contains("<div class=\"body\" lang=\"de\" dir=\"ltr\">"))
        #expect(ar.contains("<link rel=\"canonical\" href=\"https://advice.example/de/work/permit/\">"))
        #expect(ar.contains("<h2 id=\"fees\">Gebühren</h2>"))
        // A real translation has no notice and is its own canonical page.
        let en = try site.read("en/index.html")
        #expect(!en.contains("class=\"fallback\""))
        #expect(en.contains("<link rel=\"canonical\" href=\"https://advice.example/en/\">"))
        // Every page of the source language exists in every language.
        for lang in ["de", "en", "ar"] {
            #expect(site.exists("\(lang)/index.html"))
            #expect(site.exists("\(lang)/work/permit/index.html"))
        }
    }

    @Test func linksAreRewrittenToTheReadersLanguage() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", "Siehe [Arbeit](work/permit.md#fees) und [Web](https://example.org/)."),
            "content/de/work/permit.md": Fixture.page("Arbeit", "## Gebühren {#fees}\n\nZurück [nach Hause](../index.md)."),
            "content/en/work/permit.md": Fixture.page("Work", "## Fees {#fees}\n\nBack [home](../index.md)."),
        ])
        try site.build()
        #expect(try site.read("de/index.html").contains("<a href=\"/de/work/permit/#fees\">Arbeit</a>"))
        // The German home page shown as fallback in English links to the English page.
        #expect(try site.read("en/index.html").contains("<a href=\"/en/work/permit/#fees\">Arbeit</a>"))
        #expect(try site.read("ar/index.html").contains("<a href=\"/ar/work/permit/#fees\">Arbeit</a>"))
        #expect(try site.read("en/work/permit/index.html").contains("<a href=\"/en/\">home</a>"))
        #expect(try site.read("de/index.html").contains("<a href=\"https://example.org/\">Web</a>"))
    }

    @Test func brokenLinksAreErrorsWithPositions() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", "Text\nund [kaputt](nicht-da.md) hier\n\n[Anker](other.md#fehlt)\n"),
            "content/de/other.md": Fixture.page("Andere", "## Da {#da}\n\n[raus](../../etc/passwd.md)\n"),
        ])
        let messages = site.diagnostics()
        #expect(messages.contains { $0.hasPrefix("content/de/index.md:5:5: error: link to a page that does not exist: 'nicht-da.md'") })
        #expect(messages.contains { $0.hasPrefix("content/de/index.md:7:1: error: link to '#fehlt' on page 'other'") })
        #expect(messages.contains { $0.hasPrefix("content/de/other.md:6:1: error: link '../../etc/passwd.md' leads outside the language folder") })
        #expect(messages.count == 3)
        #expect(!FileManager.default.fileExists(atPath: site.output))
    }

    @Test func positionsCountCharactersNotBytes() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", "Text äö [x](nope.md)\n"),
            "content/ar/index.md": Fixture.page("البداية", "نص [x](nope.md)\n"),
        ])
        let messages = site.diagnostics()
        #expect(messages.contains { $0.hasPrefix("content/de/index.md:4:9: error: link to a page that does not exist") })
        #expect(messages.contains { $0.hasPrefix("content/ar/index.md:4:4: warning: link to a page that does not exist") })
    }

    @Test func duplicateExplicitHeadingIDsDraftLinksAndScriptLinks() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", "## A {#fees}\n\n## B {#fees}\n\n[Entwurf](later.md) [js](javascript:alert(1))\n"),
            "content/de/later.md": Fixture.page("Später", extra: "draft: true\n"),
        ])
        let messages = site.diagnostics()
        #expect(messages.contains { $0.hasPrefix("content/de/index.md:6:1: error: heading id '{#fees}' is used twice on this page (first on line 4)") })
        #expect(messages.contains { $0.hasPrefix("content/de/index.md:8:1: error: link to 'later.md', a draft page (draft: true), which is not built") })
        #expect(messages.contains { $0.hasPrefix("content/de/index.md:8:21: warning: link to 'javascript:alert(1)' removed") })
        try site.write("content/de/index.md", Fixture.page("Start", "Text [js](javascript:alert(1)) Ende\n"))
        try site.build()
        #expect(try site.read("de/index.html").contains("<p>Text js Ende</p>"))
    }

    @Test func anchorsAreCheckedInEveryLanguageTheLinkIsShownIn() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", "[Gebühren](other.md#fees)"),
            "content/de/other.md": Fixture.page("Andere", "## Gebühren {#fees}\n"),
            // The English translation forgot the explicit id.
            "content/en/other.md": Fixture.page("Other", "## Charges\n"),
        ])
        // Only the translation lacks it: a warning in the translation (issue 9), an error with --strict.
        let messages = site.diagnostics()
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("content/en/other.md:1:1: warning: this translation has no heading with id 'fees', which content/de/index.md:4:1 links to") == true)
        #expect(site.diagnostics(strict: true).contains { $0.contains("--strict") })
    }

    @Test func headingsGetStableIDsAlsoInOtherScripts() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", "## Unterlagen\n\n## Unterlagen\n\n## Was tun? {#todo}\n"),
            "content/ar/index.md": Fixture.page("البداية", "## الوثائق المطلوبة\n"),
        ])
        try site.build()
        let de = try site.read("de/index.html")
        #expect(de.contains("<h2 id=\"unterlagen\">Unterlagen</h2>"))
        #expect(de.contains("<h2 id=\"unterlagen-1\">Unterlagen</h2>"))
        #expect(de.contains("<h2 id=\"todo\">Was tun?</h2>"))
        #expect(try site.read("ar/index.html").contains("<h2 id=\"الوثائق-المطلوبة\">الوثائق المطلوبة</h2>"))
    }

    @Test func longPagesGetATableOfContents() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start"),
            "content/de/long.md": Fixture.page("Lang", "## Eins\n\n## Zwei\n\n## Drei\n"),
            "content/de/short.md": Fixture.page("Kurz", "## Eins\n"),
        ])
        try site.build()
        #expect(try site.read("de/long/index.html").contains("<li><a href=\"#eins\">Eins</a></li>"))
        #expect(!(try site.read("de/short/index.html")).contains("class=\"toc\""))
    }

    @Test func rtlAttributesAndLanguageSwitcher() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start"),
            "content/ar/index.md": Fixture.page("البداية"),
        ])
        try site.build()
        let ar = try site.read("ar/index.html")
        #expect(ar.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(ar.contains("<a href=\"/de/\" lang=\"de\" dir=\"ltr\" hreflang=\"de\">Deutsch</a>"))
        #expect(ar.contains("<span lang=\"ar\" dir=\"rtl\" aria-current=\"page\">العربية</span>"))
        let root = try site.read("index.html")
        #expect(root.contains("<li lang=\"ar\" dir=\"rtl\"><a href=\"/ar/\" hreflang=\"ar\"><span class=\"endonym\">العربية</span>"))
        #expect(Language.defaultDirection(for: "fa-AF") == .rtl)
        #expect(Language.defaultDirection(for: "ckb") == .rtl)
        #expect(Language.defaultDirection(for: "ku") == .ltr)
        #expect(Language.defaultDirection(for: "uz-Arab") == .rtl)
    }

    @Test func hreflangAndSitemapListRealTranslationsOnly() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start"),
            "content/en/index.md": Fixture.page("Home"),
            "content/de/other.md": Fixture.page("Andere", extra: "reviewed: 2026-11-02\n"),
        ])
        try site.build()
        let en = try site.read("en/index.html")
        #expect(en.contains("<link rel=\"alternate\" hreflang=\"de\" href=\"https://advice.example/de/\">"))
        #expect(en.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://advice.example/en/\">"))
        #expect(en.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://advice.example/de/\">"))
        #expect(!en.contains("hreflang=\"ar\" href=\"https://advice.example/ar/\""))
        let sitemap = try site.read("sitemap.xml")
        #expect(sitemap.contains("<loc>https://advice.example/en/</loc>"))
        #expect(!sitemap.contains("<loc>https://advice.example/ar/</loc>"))
        #expect(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://advice.example/en/\"/>"))
        #expect(sitemap.contains("<loc>https://advice.example/de/other/</loc>\n<lastmod>2026-11-02</lastmod>"))
        #expect(try site.read("robots.txt").contains("Sitemap: https://advice.example/sitemap.xml"))
        #expect(site.exists("404.html"))
        #expect(site.exists("style.css"))
    }

    @Test func failedBuildLeavesThePreviousSiteUntouched() throws {
        let site = try Fixture(files: ["content/de/index.md": Fixture.page("Start", "Version eins.")])
        try site.build()
        let before = try site.read("de/index.html")
        try site.write("content/de/index.md", Fixture.page("Start", "Version zwei [kaputt](x.md)."))
        #expect(throws: LotseError.self) { try site.build() }
        #expect(try site.read("de/index.html") == before)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: site.root.path)
        // No staging folder is left; the lock file beside the output stays.
        #expect(siblings.sorted() == ["content", "site", "site.lotse-lock"])
        // A good build replaces it.
        try site.write("content/de/index.md", Fixture.page("Start", "Version zwei."))
        try site.build()
        #expect(try site.read("de/index.html").contains("Version zwei."))
    }

    @Test func refusesToReplaceAFolderLotseDidNotMake() throws {
        let site = try Fixture(files: ["content/de/index.md": Fixture.page("Start")])
        try site.write("site/important.txt", "keep me")
        #expect(throws: LotseError.self) { try site.build() }
        #expect(try site.read("important.txt") == "keep me")
        try site.build(force: true)
        #expect(!site.exists("important.txt"))
        #expect(site.exists("de/index.html"))
    }

    @Test func neverReplacesTheContentOrTemplatesEvenWithForce() throws {
        let site = try Fixture(files: ["content/de/index.md": Fixture.page("Start")])
        for output in [site.content, site.content + "/de", site.root.path] {
            var options = site.options(force: true)
            options.output = output
            #expect(throws: LotseError.self) { try SiteBuilder.build(options) }
            #expect(FileManager.default.fileExists(atPath: site.content + "/de/index.md"))
        }
    }

    @Test func malformedFrontMatterReportsLinesInTheFile() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start"),
            "content/de/bad.md": "---\ntitle: Gut\nsummary: [nicht geschlossen\n---\nText\n",
            "content/de/unclosed.md": "---\ntitle: Offen\nText\n",
            "content/de/notitle.md": "---\nsummary: Nur Zusammenfassung\n---\n",
            "content/de/date.md": "---\ntitle: Datum\nreviewed: 2026-02-30\n---\n",
        ])
        let messages = site.diagnostics()
        // At the bracket that is never closed, not where libyaml noticed it (4:1).
        #expect(messages.contains { $0.hasPrefix("content/de/bad.md:3:10: error: invalid YAML: a value starting with '[' is read as a list that is never closed; if it is text, put it in quotes") })
        #expect(messages.contains { $0.hasPrefix("content/de/unclosed.md:1:1: error: front matter starts with '---' but has no closing") })
        #expect(messages.contains { $0.hasPrefix("content/de/notitle.md:2:1: error: front matter has no title") })
        #expect(messages.contains { $0.hasPrefix("content/de/date.md:3:11: error: reviewed must be a date") })
    }

    @Test func malformedSiteYAMLNamesTheLine() throws {
        let site = try Fixture(files: ["content/de/index.md": Fixture.page("Start")],
                               site: "base_url: https://x.example/\nsource_language: de\nlanguages:\n  - { code: de, name: Deutsch\n")
        let messages = site.diagnostics()
        #expect(messages.first?.hasPrefix("content/site.yaml:4:5: error: invalid YAML: a value starting with '{' is read as a mapping that is never closed") == true)
    }

    @Test func unknownKeysWarnAndStrictFails() throws {
        let site = try Fixture(files: ["content/de/index.md": Fixture.page("Start", extra: "tilte: Tippfehler\n")])
        let warnings = site.diagnostics()
        #expect(warnings == ["content/de/index.md:3:1: warning: unknown front matter key 'tilte'; did you mean 'title'? (known: title, summary, order, reviewed, sources, draft, critical)"])
        let strict = site.diagnostics(strict: true)
        #expect(strict.contains { $0.contains("error: --strict") })
    }

    @Test func crlfAndByteOrderMarkAreRead() throws {
        let text = "\u{FEFF}---\r\ntitle: Windows\r\nsummary: CRLF\r\n---\r\n## Kopf\r\n\r\n[Link](missing.md)\r\n"
        let site = try Fixture(files: ["content/de/index.md": text])
        let messages = site.diagnostics()
        #expect(messages == ["content/de/index.md:7:1: error: link to a page that does not exist: 'missing.md' (no missing.md in the source language)"])
        try site.write("content/de/index.md", text.replacingOccurrences(of: "[Link](missing.md)", with: "Text"))
        try site.build()
        let html = try site.read("de/index.html")
        #expect(html.contains("<h1>Windows</h1>"))
        #expect(html.contains("<h2 id=\"kopf\">Kopf</h2>"))
        #expect(!html.contains("\r"))
    }

    @Test func rawHTMLAndScriptsAreNotPassedThrough() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", "<script>alert(1)</script>\n\nText <b onclick=\"x()\">fett</b> [x](javascript:alert(1))\n"),
        ])
        try site.build()
        let html = try site.read("de/index.html")
        #expect(!html.contains("<script"))
        #expect(!html.contains("onclick"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("raw HTML omitted"))
    }

    @Test func translationWithoutSourceIsAnError() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start"),
            "content/en/orphan.md": Fixture.page("Orphan"),
        ])
        let messages = site.diagnostics()
        #expect(messages.first?.hasPrefix("content/en/orphan.md:1:1: error: translation of a page that does not exist in the source language") == true)
    }

    @Test func sectionPagesListTheirPagesAndHomeListsTheRest() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start"),
            "content/de/contact.md": Fixture.page("Kontakt"),
            "content/de/work/index.md": Fixture.page("Arbeit", extra: "order: 1\n"),
            "content/de/work/permit.md": Fixture.page("Erlaubnis", extra: "order: 2\n"),
            "content/de/work/training.md": Fixture.page("Ausbildung", extra: "order: 1\n"),
            "content/de/family/reunification.md": Fixture.page("Familiennachzug"),
        ])
        try site.build()
        let home = try site.read("de/index.html")
        for title in ["Arbeit", "Kontakt", "Familiennachzug"] { #expect(home.contains(">\(title)</a>")) }
        #expect(!home.contains(">Erlaubnis</a>"))
        let work = try site.read("de/work/index.html")
        let training = try #require(work.range(of: "<a href=\"/de/work/training/\">Ausbildung</a>"))
        let permit = try #require(work.range(of: "<a href=\"/de/work/permit/\">Erlaubnis</a>"))
        #expect(training.lowerBound < permit.lowerBound)
        #expect(!(try site.read("de/contact/index.html")).contains("pages-heading"))
    }

    @Test func twoFilesForOnePageAreAnError() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start"),
            "content/de/work.md": Fixture.page("Arbeit"),
            "content/de/work/index.md": Fixture.page("Arbeit auch"),
        ])
        #expect(site.diagnostics() == ["content/de/work/index.md:1:1: error: this file and content/de/work.md would both be the page /de/work/; remove or rename one"])
    }

    @Test func draftsAreNotBuilt() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start"),
            "content/de/later.md": Fixture.page("Später", extra: "draft: true\n"),
            "content/en/later.md": Fixture.page("Later"),
        ])
        try site.build()
        #expect(!site.exists("de/later/index.html"))
        #expect(!site.exists("en/later/index.html"))
    }

    @Test func overdueReviewIsAWarning() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", extra: "reviewed: 2026-01-10\n"),
        ])
        #expect(site.diagnostics() == ["content/de/index.md:3:11: warning: review overdue: 'Start' was last reviewed on 2026-01-10, 319 days ago (review_interval_days: 180)"])
        try site.build()
        #expect(try site.read("de/index.html").contains("10. Januar 2026"))
    }

    @Test func buildsAreDeterministic() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", "[a](a.md) [b](b/c.md)"),
            "content/de/a.md": Fixture.page("A", extra: "order: 2\n"),
            "content/de/b/c.md": Fixture.page("C", extra: "order: 1\n"),
            "content/ar/a.md": Fixture.page("أ"),
        ])
        try site.build()
        let first = try snapshot(site.output)
        try site.build()
        #expect(try snapshot(site.output) == first)
        // Home lists pages by `order`.
        let home = try site.read("de/index.html")
        let c = try #require(home.range(of: ">C</a>"))
        let a = try #require(home.range(of: ">A</a>"))
        #expect(c.lowerBound < a.lowerBound)
    }

    @Test func missingInterfaceStringsFallBackWithAWarning() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start"),
            "content/de/strings.yaml": "site_title: Meine Beratung\n",
        ], site: "base_url: https://advice.example/\nsource_language: de\nlanguages:\n  - { code: de, name: Deutsch }\n  - { code: sw, name: Kiswahili }\n")
        let warnings = site.diagnostics()
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("interface string(s) missing in 'sw', shown in de or English instead") == true)
        try site.build()
        #expect(try site.read("sw/index.html").contains("Meine Beratung"))
        #expect(try site.read("de/index.html").contains("Meine Beratung"))
    }

    @Test func templatesUsingUndefinedNamesAreErrors() throws {
        let site = try Fixture(files: ["content/de/index.md": Fixture.page("Start")])
        let templates = site.root.appendingPathComponent("templates")
        try FileManager.default.copyItem(atPath: Fixture.templates, toPath: templates.path)
        let page = templates.appendingPathComponent("page.mustache")
        let text = try String(contentsOf: page, encoding: .utf8)
        try (text + "{{s.no_such_string}}\n{{tittle}}\n").write(to: page, atomically: true, encoding: .utf8)
        do {
            try site.build(templates: templates.path)
            Issue.record("expected the build to fail")
        } catch {
            let messages = error.diagnostics.map { site.relative($0.description) }
            #expect(messages.contains { $0.contains("templates/page.mustache:") && $0.contains("no_such_string") })
            #expect(messages.contains { $0.contains("templates/page.mustache:") && $0.contains("'tittle'") })
        }
    }

    private func snapshot(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }
}

@Suite struct TranslationStatusTests {
    /// A translation with no record of its source version is judged by review dates.
    @Test func untrackedTranslationsFallBackToReviewDates() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", extra: "reviewed: 2026-11-01\n"),
            "content/de/a.md": Fixture.page("A", extra: "reviewed: 2026-11-01\n"),
            "content/en/index.md": Fixture.page("Home", extra: "reviewed: 2026-11-01\n"),
            "content/en/a.md": Fixture.page("A", extra: "reviewed: 2026-09-01\n"),
        ])
        let status = try TranslationStatus.load(content: site.content, templates: Fixture.templates)
        let en = try #require(status.languages.first { $0.code == "en" })
        #expect(en.count(.missing) == 0)
        let outdated = en.items.filter { $0.state == .outdated }
        #expect(outdated.map { site.relative($0.translationFile) } == ["content/en/a.md"])
        #expect(outdated.first?.note == "no record of its source version; the source was reviewed on 2026-11-01, the translation on 2026-09-01")
        let ar = try #require(status.languages.first { $0.code == "ar" })
        #expect(ar.items.filter { $0.state == .missing && $0.kind == .page }.map { site.relative($0.sourceFile) } == ["content/de/index.md", "content/de/a.md"])
        #expect(try site.build().outdatedTranslations == 1)
    }
}

@Suite struct OfficeTests {
    @Test func officeFieldsCanBeLocalized() throws {
        let site = try Fixture(files: ["content/de/index.md": Fixture.page("Start")], site: """
        base_url: https://advice.example/
        source_language: de
        languages:
          - { code: de, name: Deutsch }
          - { code: ar, name: العربية }
          - { code: en, name: English }
        office:
          name: Ausländerbehörde
          opening_hours: { de: "Mo 9–12 Uhr", ar: "الاثنين 9–12" }
        """)
        try site.build()
        #expect(try site.read("de/index.html").contains("Mo 9–12 Uhr"))
        #expect(try site.read("ar/index.html").contains("الاثنين 9–12"))
        // No English text: the source language's.
        #expect(try site.read("en/index.html").contains("Mo 9–12 Uhr"))
        #expect(try site.read("en/index.html").contains("<strong>Ausländerbehörde</strong>"))
    }
}
