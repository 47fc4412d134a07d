import Foundation
import Testing
@testable import LotseCore

/// Issue 9: readers are told when a translation is outdated or missing.
@Suite struct ReaderNoticeTests {
    static func site(critical: Bool = false, siteYAML: String = Fixture.defaultSite) throws -> Fixture {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", "Willkommen."),
            "content/de/fees.md": Fixture.page("Gebühren", "Es kostet 50 Euro.", extra: "reviewed: 2026-11-02\n" + (critical ? "critical: true\n" : "")),
            "content/en/fees.md": Fixture.page("Fees", "It costs 50 euros.", extra: "reviewed: 2026-11-02\n"),
            "content/ar/fees.md": Fixture.page("الرسوم", "التكلفة 50 يورو.", extra: "reviewed: 2026-11-02\n"),
        ], site: siteYAML)
        let translator = try Translator(content: site.content, templates: Fixture.templates)
        _ = try translator.markCurrent(language: "en", path: "fees.md")
        _ = try translator.markCurrent(language: "ar", path: "fees.md")
        return site
    }

    @Test func anOutdatedTranslationSaysSoAndLinksTheOriginal() throws {
        let site = try Self.site()
        try site.build()
        #expect(try !site.read("en/fees/index.html").contains("role=\"note\""))
        try site.write("content/de/fees.md", Fixture.page("Gebühren", "Es kostet 100 Euro.", extra: "reviewed: 2026-11-20\n"))
        try site.build()
        let en = try site.read("en/fees/index.html")
        #expect(en.contains("<p class=\"fallback\" role=\"note\">The German original was updated on "))
        #expect(en.contains("this translation may be out of date. <a href=\"/de/fees/\" hreflang=\"de\">Read the original.</a></p>"))
        #expect(en.contains("It costs 50 euros."))
        let ar = try site.read("ar/fees/index.html")
        #expect(ar.contains("تم تحديث النص الأصلي باللغة الألمانية"))
        #expect(ar.contains("التكلفة 50 يورو."))
    }

    @Test func aCriticalPageIsServedFromTheSourceWhileOutdated() throws {
        let site = try Self.site(critical: true)
        try site.build()
        #expect(try site.read("en/fees/index.html").contains("It costs 50 euros."))
        try site.write("content/de/fees.md", Fixture.page("Gebühren", "Es kostet 100 Euro.", extra: "reviewed: 2026-11-20\ncritical: true\n"))
        try site.build()
        let en = try site.read("en/fees/index.html")
        #expect(!en.contains("It costs 50 euros."))
        #expect(en.contains("<div class=\"body\" lang=\"de\" dir=\"ltr\">\n<p>Es kostet 100 Euro.</p>"))
        #expect(en.contains("Because it is about deadlines, fees or your legal status, it is shown in German until then."))
        #expect(en.contains("<link rel=\"canonical\" href=\"https://advice.example/de/fees/\">"))
    }

    @Test func fallbackOrderPicksAnotherTranslationAndNamesIt() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", "Willkommen."),
            "content/de/fees.md": Fixture.page("Gebühren", "Es kostet 50 Euro."),
            "content/en/fees.md": Fixture.page("Fees", "It costs 50 euros."),
        ], site: """
        base_url: https://advice.example/
        source_language: de
        languages:
          - { code: de, name: Deutsch }
          - { code: en, name: English }
          - { code: fa, name: فارسی, fallback: [en] }
          - { code: ar, name: العربية }
        """)
        try site.build()
        let fa = try site.read("fa/fees/index.html")
        #expect(fa.contains("It costs 50 euros."))
        #expect(fa.contains("<div class=\"body\" lang=\"en\" dir=\"ltr\">"))
        #expect(fa.contains("انگلیسی"))  // the notice names English, in Farsi
        #expect(fa.contains("<link rel=\"canonical\" href=\"https://advice.example/de/fees/\">"))
        // Without a fallback list: the source.
        #expect(try site.read("ar/fees/index.html").contains("Es kostet 50 Euro."))
        // The home page lists the page in the language it is shown in.
        #expect(try site.read("fa/index.html").contains("lang=\"en\" dir=\"ltr\">Fees</a>"))
    }

    @Test func aMissingQuestionnaireTextIsMarkedNotYetTranslated() throws {
        let site = try SiteQuestionnaireTests.fixture()
        let arTexts = SiteQuestionnaireTests.texts("ar").replacingOccurrences(of: "  find-job: { title: \"J ar\", body: \"Job suchen.\" }", with: "")
            .replacingOccurrences(of: "\"دولدونغ\"", with: "\"\"")
        try site.write("content/ar/questionnaires/can-i-work.yaml", arTexts)
        try site.build()
        let proof = try site.read("ar/can-i-work/proof/index.html")
        #expect(proof.contains("<strong lang=\"de\" dir=\"ltr\">Duldung</strong> <small class=\"untranslated\" lang=\"ar\" dir=\"rtl\">(لم تُترجم بعد)</small>"))
        #expect(proof.contains("<span lang=\"de\" dir=\"ltr\">J de</span> <small class=\"untranslated\" lang=\"ar\" dir=\"rtl\">(لم تُترجم بعد)</small>"))
        let start = try site.read("ar/can-i-work/index.html")
        let (html, _) = try SiteQuestionnaireTests.walk(site, language: "ar", labels: [])
        #expect(html.contains("<button type=\"submit\" lang=\"de\" dir=\"ltr\">Duldung <small class=\"untranslated\" lang=\"ar\" dir=\"rtl\">(لم تُترجم بعد)</small></button>"))
        #expect(!start.contains("untranslated"))
    }
}

/// Issue 9: a translator's mistake never takes the site down.
@Suite struct TranslatorMistakeTests {
    @Test func aHeadingIDOnlyATranslationLacksIsAWarningInThatTranslation() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", "Siehe [Gebühren](permit.md#fees)."),
            "content/de/permit.md": Fixture.page("Erlaubnis", "## Gebühren {#fees}\n\nText.\n\n## Antrag {#apply}\n\nText."),
            "content/en/index.md": Fixture.page("Home", "See [fees](permit.md#fees)."),
            "content/en/permit.md": Fixture.page("Permit", "## Costs\n\nText.\n\n## Application {#apply}\n\nText."),
        ])
        let summary = try site.build()
        let messages = summary.warnings.map { site.relative($0.description) }
        #expect(messages.count == 1, "\(messages)")
        #expect(messages.first?.hasPrefix("content/en/permit.md:1:1: warning: this translation has no heading with id 'fees', which content/en/index.md:4:5 links to; give that heading '{#fees}' (its source content/de/permit.md has the ids: apply, fees)") == true, "\(messages)")
        // The link leads to the top of the English page; German keeps its anchor.
        #expect(try site.read("en/index.html").contains("<a href=\"/en/permit/\">fees</a>"))
        #expect(try site.read("de/index.html").contains("<a href=\"/de/permit/#fees\">Gebühren</a>"))
        // --strict makes it an error.
        #expect(throws: LotseError.self) { try site.build(strict: true) }
        // The source's own broken anchor stays an error at the link.
        try site.write("content/de/index.md", Fixture.page("Start", "Siehe [Gebühren](permit.md#kosten)."))
        #expect(site.diagnostics().contains { $0.hasPrefix("content/de/index.md:4:7: error: link to '#kosten' on page 'permit'") })
    }
}

@Suite struct QuestionnaireFallbackOrderTests {
    @Test func aLanguageWithoutTextsGetsItsFallbackLanguagesTexts() throws {
        let site = try SiteQuestionnaireTests.fixture()
        try site.write("content/site.yaml", """
        base_url: https://advice.example/
        source_language: de
        languages:
          - { code: de, name: Deutsch }
          - { code: ar, name: العربية }
          - { code: fa, name: فارسی, fallback: [ar] }
        """)
        try site.build(strict: true)
        let fa = try site.read("fa/can-i-work/index.html")
        #expect(fa.contains("<h1 lang=\"ar\" dir=\"rtl\">هل يمكنني العمل؟</h1>"))
        #expect(fa.contains("عربی"))  // the notice names Arabic, in Farsi
        #expect(fa.contains("<link rel=\"canonical\" href=\"https://advice.example/de/can-i-work/\">"))
        // Marking every existing translation current at once.
        let done = try Translator(content: site.content, templates: Fixture.templates).markAllCurrent(language: "ar")
        #expect(done.count == 2)  // work.md and the questionnaire
    }
}
