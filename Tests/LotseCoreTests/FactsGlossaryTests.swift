import Foundation
import Testing
@testable import LotseCore

/// Issue 9: shared facts and the glossary of official terms.
@Suite struct FactsGlossaryTests {
    static let facts = """
    office:
      name: Ausländerbehörde Testdorf
      phone: "+49 30 1234-5"
      opening_hours: { de: "Mo 9–12 Uhr", en: "Mon 9 am–12 pm" }
    fees:
      permit: "100 €"
    """

    @Test func factsFillPagesQuestionnairesAndTheFooterInEveryLanguage() throws {
        let site = try SiteQuestionnaireTests.fixture()
        try site.write("content/site.yaml", """
        base_url: https://advice.example/
        source_language: de
        languages:
          - { code: de, name: Deutsch }
          - { code: en, name: English }
          - { code: ar, name: العربية }
        """)
        try site.write("content/facts.yaml", Self.facts)
        try site.write("content/de/work.md", Fixture.page("Arbeit", "Rufen Sie an: [{{office.phone}}](tel:{{office.phone}}). Gebühr: `{{fees.permit}}`, Zeiten: {{office.opening_hours}}.\n"))
        try site.write("content/en/work.md", Fixture.page("Work", "Call [{{office.phone}}](tel:{{office.phone}}). Fee: {{fees.permit}}. Hours: {{office.opening_hours}}.\n"))
        let texts = SiteQuestionnaireTests.texts("de").replacingOccurrences(of: "\"Darf ich arbeiten?\"", with: "\"Darf ich arbeiten? ({{fees.permit}})\"")
        try site.write("content/de/questionnaires/can-i-work.yaml", texts)
        try site.build(strict: true)
        let de = try site.read("de/work/index.html")
        #expect(de.contains("<a href=\"tel:+49301234-5\">+49 30 1234-5</a>"))
        #expect(de.contains("<code>100 €</code>"))
        #expect(de.contains("Zeiten: Mo 9–12 Uhr."))
        let en = try site.read("en/work/index.html")
        #expect(en.contains("Hours: Mon 9 am–12 pm."))
        #expect(en.contains("Fee: 100 €."))
        // The footer uses the same facts.
        #expect(en.contains("<strong>Ausländerbehörde Testdorf</strong>"))
        #expect(en.contains("Mon 9 am–12 pm</bdi>"))
        #expect(try site.read("de/can-i-work/index.html").contains("<h1>Darf ich arbeiten? (100 €)</h1>"))
        // The hash is of the placeholder, not the value: changing a fact outdates nothing.
        _ = try Translator(content: site.content, templates: Fixture.templates).markCurrent(language: "en", path: "work.md")
        try site.write("content/facts.yaml", Self.facts.replacingOccurrences(of: "100 €", with: "120 €"))
        try site.build(strict: true)
        #expect(try site.read("en/work/index.html").contains("Fee: 120 €."))
        #expect(try site.read("de/work/index.html").contains("<code>120 €</code>"))
        let status = try TranslationStatus.load(content: site.content, templates: Fixture.templates)
        #expect(status.languages.first { $0.code == "en" }!.items.first { $0.id == "work" }?.state == .current)
    }

    @Test func anUnknownFactIsAnErrorAtItsPosition() throws {
        let site = try Fixture(files: [
            "content/facts.yaml": Self.facts,
            "content/de/index.md": Fixture.page("Start", "Text\nTelefon: {{office.fon}} und äö {{fees.nope}}\n"),
            "content/de/questionnaires/q.yaml": "title: \"Q {{nope}}\"\nintro: Hallo\nquestions:\n  a:\n    text: \"A?\"\n    answers: { x: \"X\" }\noutcomes:\n  o: { title: O, body: B }\n",
            "content/questionnaires/q.yaml": "start: a\nquestions:\n  a:\n    answers:\n      x: { set: { f: x } }\noutcomes:\n  o: {}\ntests:\n  - answers: [x]\n    outcomes: [o]\n",
        ])
        let messages = site.diagnostics()
        #expect(messages.contains { $0.hasPrefix("content/de/index.md:5:10: error: unknown fact '{{office.fon}}' (facts: fees.permit, office.name, office.opening_hours, office.phone)") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("content/de/index.md:5:32: error: unknown fact '{{fees.nope}}'") })
        #expect(messages.contains { $0.hasPrefix("content/de/questionnaires/q.yaml:1:10: error: unknown fact '{{nope}}'") }, "\(messages)")
    }

    @Test func aFactInATitleOrSummaryIsAWarningAtThePage() throws {
        let site = try Fixture(files: [
            "content/facts.yaml": Self.facts,
            "content/de/index.md": "---\ntitle: \"Anrufen: {{office.phone}}\"\nsummary: \"Gebühr {{fees.permit}}\"\nreviewed: 2026-11-01\n---\nText\n",
        ])
        let messages = site.diagnostics()
        #expect(messages.contains { $0.hasPrefix("content/de/index.md:1:1: warning: title uses a fact placeholder") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("content/de/index.md:1:1: warning: summary uses a fact placeholder") }, "\(messages)")
    }

    @Test func theOldOfficeBlockIsStillRead() throws {
        let site = try Fixture(files: ["content/de/index.md": Fixture.page("Start", "Tel. {{office.phone}}")])
        try site.build(strict: true)
        #expect(try site.read("de/index.html").contains("Tel. +49 331 000000"))
    }

    static let glossary = """
    terms:
      aufenthaltserlaubnis:
        original: Aufenthaltserlaubnis
        de: { explanation: "Erlaubnis zu bleiben." }
        en: { term: residence permit, explanation: "Permission to stay." }
        ar: { term: تصريح إقامة, explanation: "إذن بالبقاء." }
      duldung:
        original: Duldung
        en: { term: tolerated stay, explanation: "No deportation for now." }
        ar: { term: وقف الترحيل, explanation: "لا ترحيل حاليًا." }
      bescheid:
        original: Bescheid
        en: { term: decision, explanation: "A written decision." }
    """

    @Test func glossaryLinksShowTheTermAndTheGermanOriginal() throws {
        let site = try Fixture(files: [
            "content/glossary.yaml": Self.glossary,
            "content/de/index.md": Fixture.page("Start", "Ihre [Aufenthaltserlaubnis](glossary:aufenthaltserlaubnis)."),
            "content/en/index.md": Fixture.page("Home", "Your [residence permit](glossary:aufenthaltserlaubnis) and [](glossary:duldung)."),
            "content/ar/index.md": Fixture.page("البداية", "[تصريح الإقامة](glossary:aufenthaltserlaubnis) الخاص بكم."),
        ])
        try site.build(strict: true)
        #expect(try site.read("de/index.html").contains("<p>Ihre <a href=\"/de/glossary/#aufenthaltserlaubnis\">Aufenthaltserlaubnis</a>.</p>"))
        let en = try site.read("en/index.html")
        #expect(en.contains("<a href=\"/en/glossary/#aufenthaltserlaubnis\">residence permit (<bdi lang=\"de\" dir=\"ltr\">Aufenthaltserlaubnis</bdi>)</a>"))
        #expect(en.contains("<a href=\"/en/glossary/#duldung\">tolerated stay (<bdi lang=\"de\" dir=\"ltr\">Duldung</bdi>)</a>"))
        #expect(try site.read("ar/index.html").contains("<a href=\"/ar/glossary/#aufenthaltserlaubnis\">تصريح الإقامة (<bdi lang=\"de\" dir=\"ltr\">Aufenthaltserlaubnis</bdi>)</a> الخاص بكم."))
        // The glossary page: terms in the reader's alphabet, with the original and the explanation.
        let page = try site.read("en/glossary/index.html")
        let order = ["id=\"bescheid\"", "id=\"aufenthaltserlaubnis\"", "id=\"duldung\""].map { page.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())  // decision, residence permit, tolerated stay
        #expect(page.contains("<dt id=\"aufenthaltserlaubnis\"><span>residence permit</span> (<bdi lang=\"de\" dir=\"ltr\">Aufenthaltserlaubnis</bdi>)</dt>\n<dd>Permission to stay.</dd>"))
        // A term not translated into Arabic is shown in the source language and marked.
        let ar = try site.read("ar/glossary/index.html")
        #expect(ar.contains("<dt id=\"bescheid\"><span lang=\"de\" dir=\"ltr\">Bescheid</span> <small class=\"untranslated\" lang=\"ar\" dir=\"rtl\">(لم تُترجم بعد)</small></dt>"))
        #expect(ar.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(try !site.read("sitemap.xml").contains("status"))
    }

    @Test func anUnknownTermIsAnErrorInTheSourceAndAWarningInATranslation() throws {
        let site = try Fixture(files: [
            "content/glossary.yaml": Self.glossary,
            "content/de/index.md": Fixture.page("Start", "Eine [Duldung](glossary:dulding)."),
            "content/en/index.md": Fixture.page("Home", "A [toleration](glossary:tolerated)."),
        ])
        let messages = site.diagnostics()
        #expect(messages.contains { $0.hasPrefix("content/de/index.md:4:6: error: unknown glossary term 'dulding' (terms: aufenthaltserlaubnis, bescheid, duldung)") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("content/en/index.md:4:3: warning: unknown glossary term 'tolerated'") }, "\(messages)")
    }
}
