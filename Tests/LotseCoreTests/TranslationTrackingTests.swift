import Foundation
import Testing
@testable import LotseCore

/// Issue 9: translations compared with the source version they were made
/// from, section by section; `lotse status` and `lotse translate`.
@Suite struct TranslationTrackingTests {
    static let permit = Fixture.page("Arbeitserlaubnis", """
        Arbeit hilft beim Ankommen.

        ## Gebühren {#fees}

        Die Erlaubnis kostet nichts.

        ## Antrag

        Stellen Sie den Antrag bei uns.
        """, extra: "reviewed: 2026-11-02\n")

    static func site() throws -> Fixture {
        try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", "Willkommen."),
            "content/de/work/permit.md": permit,
            "content/en/index.md": Fixture.page("Home", "Welcome."),
            "content/en/work/permit.md": Fixture.page("Work permit", "Work helps.\n\n## Fees {#fees}\n\nIt is free.\n\n## Application\n\nApply with us.\n",
                                                      extra: "reviewed: 2026-11-02\n"),
        ])
    }

    @Test func sectionHashesIgnoreLineEndsAndTrailingSpacesButNotSentences() {
        let base = SourceSections.body("Intro.\n\n## A {#a}\n\nOne sentence.\n")
        let crlf = SourceSections.body("Intro.  \r\n\r\n## A {#a}\t\r\nOne sentence.   \r\n\r\n")
        #expect(base.map(\.key) == ["body", "#a"])
        #expect(base.map(\.hash)[0] == crlf.map(\.hash)[0])
        #expect(SourceSections.hash("## A {#a}\n\nOne sentence.") == SourceSections.hash("## A {#a}\r\n\r\nOne sentence.  "))
        let changed = SourceSections.body("Intro.\n\n## A {#a}\n\nAnother sentence.\n")
        #expect(changed[0].hash == base[0].hash)
        #expect(changed[1].hash != base[1].hash)
        // A `#` in a code block starts no section.
        #expect(SourceSections.body("```\n# not a heading\n```\n").map(\.key) == ["body"])
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// A build cuts each source page's sections at the headings cmark found rendering the page
    /// (``MarkdownRenderer``'s `headingsAsWritten`), parsing it once: the same sections as cutting
    /// the text on its own. No headings are given where facts were filled into the text, and a
    /// text with a `\r` is cut as before.
    @Test func sectionsCutAtTheRenderedHeadingsAreTheTextsOwn() {
        let renderer = MarkdownRenderer(pagePaths: [""], questionnaireIDs: [])
        let texts = ["", "Text ohne Überschrift.\n", "## Eins\n\nText.\n\n## Zwei {#zwei}\n\nمرحبا  \n",
                     "Vorweg.\n\n```\n# kein Titel\n```\n\nSetext\n======\n\n## Zwei\n\n  \n",
                     "## A\r\n\r\nWindows.\r\n## B\r\n", "## Ä *b* `c`\n\n### D\nText  \n\n## Ä *b* `c`\n\n> ## Im Zitat\n",
                     "- Liste\n\n  ## In der Liste\n\nText\n---\n", "## {{fact}}\n\nText.\n"]
        for text in texts {
            var given: [MarkdownDocument.Heading]?
            _ = renderer.render(text, relativePath: "index.md", origin: SourceLocation(path: "index.md", line: 1), log: DiagnosticLog(),
                                headingsAsWritten: { given = $0 })
            #expect((given == nil) == text.contains("{{"), "\(text)")
            #expect(SourceSections.body(text, headings: given) == SourceSections.body(text), "\(text)")
        }
    }

    /// A build hashes ahead only the sections of source pages with a record: a section hashed when
    /// asked has the same hash, equals the one hashed ahead, and a changed text is hashed anew.
    @Test func sectionsHashedWhenAskedHaveTheSameHashes() {
        let text = "Vorweg.\n\n## Eins {#eins}\n\nمرحبا\n\n## Zwei\n\nПривіт.\n"
        let ahead = SourceSections.body(text, hashed: true)
        let asked = SourceSections.body(text, hashed: false)
        #expect(ahead.count == 3)
        #expect(asked == ahead)
        #expect(asked.map(\.hash) == ahead.map(\.hash))
        #expect(ahead.map(\.hash) == ahead.map { SourceSections.hash($0.text) })
        #expect(Set(asked) == Set(ahead))
        var changed = ahead[1]
        changed.text += " Neu."
        #expect(changed.hash == SourceSections.hash(changed.text))
        #expect(changed.hash != ahead[1].hash)
    }

    @Test func changedSectionsAreShownWithOldAndNewText() throws {
        let site = try Self.site()
        let translator = try Translator(content: site.content, templates: Fixture.templates)
        _ = try translator.markCurrent(language: "en", path: "work/permit.md")
        var status = try TranslationStatus.load(content: site.content, templates: Fixture.templates)
        let en = status.languages.first { $0.code == "en" }!
        #expect(en.items.first { $0.id == "work/permit" }?.state == .current)

        // Line ends and trailing spaces do not outdate; a new sentence does.
        try site.write("content/de/work/permit.md", Self.permit.replacingOccurrences(of: "\n", with: "  \r\n"))
        status = try TranslationStatus.load(content: site.content, templates: Fixture.templates)
        #expect(status.languages.first { $0.code == "en" }!.items.first { $0.id == "work/permit" }?.state == .current)

        try site.write("content/de/work/permit.md", Self.permit.replacingOccurrences(of: "kostet nichts.", with: "kostet 100 Euro."))
        status = try TranslationStatus.load(content: site.content, templates: Fixture.templates)
        let item = status.languages.first { $0.code == "en" }!.items.first { $0.id == "work/permit" }!
        #expect(item.state == .outdated)
        #expect(item.changes.count == 1)
        #expect(item.changes[0].section == "#fees")
        #expect(item.changes[0].old == "## Gebühren {#fees}\n\nDie Erlaubnis kostet nichts.")
        #expect(item.changes[0].new == "## Gebühren {#fees}\n\nDie Erlaubnis kostet 100 Euro.")
        let text = status.description
        #expect(text.contains("outdated: \(site.content)/en/work/permit.md"))
        #expect(text.contains("      - Die Erlaubnis kostet nichts."))
        #expect(text.contains("      + Die Erlaubnis kostet 100 Euro."))
        #expect(text.contains("missing:  \(site.content)/ar/work/permit.md"))
        #expect(text.contains("Summary: en "))
        let json = try JSONSerialization.jsonObject(with: Data(status.json.utf8)) as! [String: Any]
        let languages = json["languages"] as! [[String: Any]]
        let enJSON = languages.first { $0["code"] as? String == "en" }!
        #expect(enJSON["outdated"] as? Int == 1)
        let items = enJSON["items"] as! [[String: Any]]
        let permit = items.first { $0["id"] as? String == "work/permit" }!
        #expect(permit["state"] as? String == "outdated")
        #expect((permit["changes"] as! [[String: Any]])[0]["old"] as? String == "## Gebühren {#fees}\n\nDie Erlaubnis kostet nichts.")
        let ar = languages.first { $0["code"] as? String == "ar" }!
        #expect((ar["items"] as! [[String: Any]]).first { $0["id"] as? String == "work/permit" }?["translationFile"] as? String == "\(site.content)/ar/work/permit.md")
    }

    @Test func translateNeverOverwritesAndStartsADraft() throws {
        let site = try Self.site()
        let translator = try Translator(content: site.content, templates: Fixture.templates)
        let message = try translator.create(language: "ar", path: "de/work/permit.md")
        #expect(message.contains("created"))
        let text = try String(contentsOfFile: "\(site.content)/ar/work/permit.md", encoding: .utf8)
        #expect(text.contains("draft: true"))
        #expect(text.contains("Die Erlaubnis kostet nichts."))
        #expect(throws: LotseError.self) { try translator.create(language: "ar", path: "work/permit.md") }
        #expect(throws: LotseError.self) { try translator.create(language: "en", path: "work/permit.md") }
        // The draft is not published: Arabic readers still get the source with the notice.
        try site.build()
        #expect(try site.read("ar/work/permit/index.html").contains("class=\"fallback\""))
        let status = try TranslationStatus.load(content: site.content, templates: Fixture.templates)
        #expect(status.languages.first { $0.code == "ar" }!.items.first { $0.id == "work/permit" }?.state == .draft)
        let created = try Translator(content: site.content, templates: Fixture.templates).createAllMissing(language: "ar")
        #expect(created.count == 1)  // index.md; work/permit.md exists already
    }

    @Test func minorEditsKeepTranslationsCurrent() throws {
        let site = try Self.site()
        _ = try Translator(content: site.content, templates: Fixture.templates).markCurrent(language: "en", path: "work/permit.md")
        try site.write("content/de/work/permit.md", Self.permit.replacingOccurrences(of: "Stellen Sie", with: "Stelen Sie"))
        _ = try Translator(content: site.content, templates: Fixture.templates).markCurrent(language: "en", path: "work/permit.md")
        // The typo fix: recorded as minor, the translation stays current.
        try site.write("content/de/work/permit.md", Self.permit)
        let messages = try Translator(content: site.content, templates: Fixture.templates).minor(path: "work/permit.md")
        #expect(messages == ["en: 1 section(s) recorded as a minor edit; the translation stays current"])
        var status = try TranslationStatus.load(content: site.content, templates: Fixture.templates)
        #expect(status.languages.first { $0.code == "en" }!.items.first { $0.id == "work/permit" }?.state == .current)
        // A real change is refused as minor.
        try site.write("content/de/work/permit.md", Self.permit.replacingOccurrences(of: "Die Erlaubnis kostet nichts.", with: "Die Erlaubnis kostet 100 Euro, zahlbar bar oder mit Karte am Schalter im Erdgeschoss."))
        let refused = try Translator(content: site.content, templates: Fixture.templates).minor(path: "work/permit.md")
        #expect(refused[0].hasPrefix("en: not changed"))
        status = try TranslationStatus.load(content: site.content, templates: Fixture.templates)
        #expect(status.languages.first { $0.code == "en" }!.items.first { $0.id == "work/permit" }?.state == .outdated)
    }

    @Test func questionnaireTextsAndStringsAreTrackedPerKey() throws {
        let site = try SiteQuestionnaireTests.fixture()
        try site.write("content/de/strings.yaml", "site_title: \"Beratung Musterstadt\"\n")
        let translator = try Translator(content: site.content, templates: Fixture.templates)
        _ = try translator.create(language: "en", path: "questionnaires/can-i-work.yaml")
        _ = try translator.create(language: "en", path: "strings.yaml")
        var status = try TranslationStatus.load(content: site.content, templates: Fixture.templates)
        var en = status.languages.first { $0.code == "en" }!
        #expect(en.items.first { $0.kind == .questionnaire }?.state == .draft)
        let strings = en.items.first { $0.kind == .strings }!
        #expect(strings.state == .outdated)
        #expect(strings.changes.map(\.section) == ["site_title"])
        #expect(strings.changes[0].kind == .untranslated)
        // Translate: remove the draft line and change one text; then the source changes that key.
        let path = "content/en/questionnaires/can-i-work.yaml"
        let draft = try String(contentsOfFile: site.root.appendingPathComponent(path).path, encoding: .utf8)
        try site.write(path, draft.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n"))
        try site.write("content/en/strings.yaml", "site_title: \"Advice in Musterstadt\"\n")
        status = try TranslationStatus.load(content: site.content, templates: Fixture.templates)
        en = status.languages.first { $0.code == "en" }!
        #expect(en.items.first { $0.kind == .questionnaire }?.state == .current)
        #expect(en.items.first { $0.kind == .strings }?.state == .current)
        let source = try String(contentsOfFile: site.root.appendingPathComponent("content/de/questionnaires/can-i-work.yaml").path, encoding: .utf8)
        let title = SourceSections.yamlTexts(source).first { $0.key == "title" }!.text
        try site.write("content/de/questionnaires/can-i-work.yaml", source.replacingOccurrences(of: title, with: title + " Jetzt"))
        status = try TranslationStatus.load(content: site.content, templates: Fixture.templates)
        let q = status.languages.first { $0.code == "en" }!.items.first { $0.kind == .questionnaire }!
        #expect(q.state == .outdated)
        #expect(q.changes.map(\.section) == ["title"])
        #expect(q.changes[0].old == title)
    }

    @Test func statusReportsContentErrorsAndFailsUnderAThreshold() throws {
        let site = try Self.site()
        try FileManager.default.copyItem(atPath: Fixture.templates, toPath: site.root.appendingPathComponent("templates").path)
        guard FileManager.default.isExecutableFile(atPath: CLITests.lotse.path) else { return }
        let ok = try CLITests.run(["status", "--lang", "en"], in: site.root)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("en (English): 100% current"))
        let json = try CLITests.run(["status", "--format", "json"], in: site.root)
        #expect(json.stdout.hasPrefix("{"))
        let low = try CLITests.run(["status", "--fail-under", "90"], in: site.root)
        #expect(low.status != 0)
        #expect(low.stderr.contains("lotse: ar is "))
        #expect(low.stderr.contains("% current, below --fail-under 90"))
        #expect(!low.stderr.contains("lotse: en is"))
        try site.write("content/de/index.md", Fixture.page("Start", "[kaputt](weg.md)"))
        let broken = try CLITests.run(["status"], in: site.root)
        #expect(broken.status != 0)
        #expect(broken.stderr.contains("content/de/index.md:4:1: error: link to a page that does not exist: 'weg.md'"))
        try site.write("content/de/index.md", Fixture.page("Start", "Willkommen."))
        #expect(try CLITests.run(["translate", "ar", "work/permit.md"], in: site.root).status == 0)
        let again = try CLITests.run(["translate", "ar", "work/permit.md"], in: site.root)
        #expect(again.status != 0)
        #expect(again.stderr.contains("never overwrites"))
        // The PO route and --minor from the command line.
        let exported = try CLITests.run(["po", "export", "en", "-o", "po/en"], in: site.root)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("po/en/work/permit.po").path))
        let imported = try CLITests.run(["po", "import", "en", "po/en"], in: site.root)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("wrote content/en/work/permit.md"))
        try site.write("content/de/work/permit.md", Self.permit.replacingOccurrences(of: "Stellen Sie", with: "Bitte stellen Sie"))
        let minor = try CLITests.run(["translate", "--minor", "work/permit.md"], in: site.root)
        #expect(minor.status == 0, "\(minor.stderr)")
        #expect(minor.stdout.contains("en: 1 section(s) recorded as a minor edit"))
    }

    @Test func theBuiltSiteHasAVolunteersStatusPage() throws {
        let site = try Self.site()
        _ = try Translator(content: site.content, templates: Fixture.templates).markCurrent(language: "en", path: "work/permit.md")
        try site.write("content/de/work/permit.md", Self.permit.replacingOccurrences(of: "kostet nichts.", with: "kostet 100 Euro."))
        try site.build()
        let page = try site.read("status/index.html")
        #expect(page.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(page.contains("<h1>Stand der Übersetzungen</h1>"))
        #expect(page.contains("<h2 id=\"status-en\"><bdi lang=\"en\" dir=\"ltr\">English</bdi> <code>en</code>: "))
        #expect(page.contains("<li class=\"status-outdated\"><strong>veraltet</strong> <code dir=\"ltr\">en/work/permit.md</code> (7): <code dir=\"ltr\">#fees</code> </li>"))
        #expect(page.contains("<li class=\"status-missing\"><strong>fehlt</strong> <code dir=\"ltr\">ar/work/permit.md</code> (19)</li>"))
        #expect(try !site.read("sitemap.xml").contains("/status/"))
    }

    /// A texts file without the bytes `draft:` is no draft, decided without cutting it into lines:
    /// the same answer as cutting it (the old path, written out here).
    @Test func draftLinesAreFoundAsByCuttingTheText() {
        func byLines(_ yaml: String) -> Bool {
            yaml.split(separator: "\n").contains { (line: Substring) in
                guard line.hasPrefix("draft:") else { return false }
                let value = line.dropFirst(6).split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                return String(value).trimmingWhitespace == "true"
            }
        }
        let texts = ["", "title: a\n", "draft: true\n", "title: a\ndraft: true # later\n", "title: a\ndraft: false\n",
                     "  draft: true\n", "title: draft: true\n", "x: 1\r\ndraft: true\r\n", "draft:\u{301} true\n",
                     "title: \"é\"\ndraft:  true  \n", "draft:true", "notes: draft: true\ndraft: no\n"]
        for text in texts {
            #expect(TranslationTracking.isDraft(text) == byLines(text), "\(text.debugDescription)")
        }
        #expect(TranslationTracking.isDraft("title: a\ndraft: true\n"))
        #expect(!TranslationTracking.isDraft("title: a\n"))
    }
}
