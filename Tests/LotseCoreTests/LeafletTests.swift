import Foundation
import Testing
@testable import LotseCore

/// Leaflets (issue 8): what a leaflet holds for a state, `page#anchor`
/// sections, bilingual pairing with untranslated texts, `lotse leaflet`'s
/// errors, and QR codes that decode back to their URL.
@Suite struct LeafletTests {
    static let logic = """
    start: status
    questions:
      status:
        answers:
          asylum: { set: { status: asylum }, next: offer }
          permit: { set: { status: permit } }
      offer:
        answers:
          "yes": { set: { offer: "yes" } }
          "no":  { set: { offer: "no" } }
    outcomes:
      free:
        when: { status: permit }
        pages: [work, work#fees]
      apply:
        when: { offer: "yes" }
        pages: [work#application, appointments, work#fees]
      wait:
        when: { offer: "no" }
        pages: [work#fees]
    tests:
      - { answers: [permit], outcomes: [free] }
      - { answers: [asylum, "yes"], outcomes: [apply] }
      - { answers: [asylum, "no"], outcomes: [wait] }
    """

    static func texts(_ words: [String: String]) -> String {
        """
        title: "\(words["title"]!)"
        intro: "\(words["intro"]!)"
        questions:
          status:
            text: "\(words["status"]!)"
            answers: { asylum: "\(words["asylum"]!)", permit: "\(words["permit"]!)" }
          offer:
            text: "\(words["offer"]!)"
            answers: { "yes": "\(words["yes"]!)", "no": "\(words["no"]!)" }
        outcomes:
          free: { title: "\(words["free"]!)", body: "\(words["free-body"]!)" }
          apply: { title: "\(words["apply"]!)", body: "\(words["apply-body"]!)" }
          wait: { title: "\(words["wait"]!)", body: "\(words["wait-body"]!)" }
        """
    }

    static let german = ["title": "Darf ich arbeiten?", "intro": "Ein paar Fragen.", "status": "Ihr Status?", "asylum": "Asyl",
                         "permit": "Erlaubnis", "offer": "Haben Sie ein Angebot?", "yes": "Ja", "no": "Nein",
                         "free": "Sie dürfen arbeiten", "free-body": "Ohne Antrag.", "apply": "Antrag stellen",
                         "apply-body": "Stellen Sie den Antrag.", "wait": "Noch warten", "wait-body": "Bitte warten."]
    static let arabic = ["title": "هل يمكنني العمل؟", "intro": "بعض الأسئلة.", "status": "وضعك؟", "asylum": "لجوء",
                         "permit": "إذن", "offer": "هل لديك عرض عمل؟", "yes": "نعم", "no": "لا",
                         "free": "يمكنك العمل", "free-body": "بدون طلب.", "apply": "قدّم الطلب",
                         "apply-body": "قدّم الطلب الآن.", "wait": "انتظر", "wait-body": "انتظر من فضلك."]

    static let workBody = """
    Einleitung zur Arbeit.

    ## Antrag {#application}

    Antrag mit [Termin](appointments.md#booking) und [Gesetz](https://law.example/61). Siehe [Gebühren](#fees).

    ## Gebühren {#fees}

    Der Antrag kostet nichts.
    """

    static let workDE = Fixture.page("Arbeit", """
    Einleitung zur Arbeit.

    ## Antrag {#application}

    Antrag mit [Termin](appointments.md#booking) und [Gesetz](https://law.example/61). Siehe [Gebühren](#fees).

    ## Gebühren {#fees}

    Der Antrag kostet nichts.
    """, extra: "reviewed: 2026-11-02\nsources:\n  - { title: \"§ 61 AsylG\", url: \"https://law.example/61\" }\n")

    static let workAR = Fixture.page("العمل", """
    مقدمة عن العمل.

    ## الطلب {#application}

    الطلب مع [موعد](appointments.md#booking).

    ## الرسوم {#fees}

    الطلب مجاني.
    """, extra: "reviewed: 2026-11-02\n")

    static func fixture(logic: String = LeafletTests.logic, site: String = Fixture.defaultSite,
                        files: [String: String] = [:]) throws -> Fixture {
        try Fixture(files: [
            "content/de/index.md": Fixture.page("Start"),
            "content/de/work.md": workDE,
            "content/ar/work.md": workAR,
            "content/de/appointments.md": Fixture.page("Termine", "Vorwort.\n\n## Buchen {#booking}\n\nRufen Sie an.\n"),
            "content/questionnaires/can-i-work.yaml": logic,
            "content/de/questionnaires/can-i-work.yaml": texts(german),
            "content/ar/questionnaires/can-i-work.yaml": texts(arabic),
        ].merging(files) { $1 }, site: site)
    }

    static func context(_ site: Fixture) throws -> RenderContext {
        try SiteBuilder.prepare(site.options(), log: DiagnosticLog()).0
    }

    static func state(_ context: RenderContext, _ answers: [String]) throws -> (CompiledQuestionnaire, QuestionnaireGraph.State) {
        let (q, index) = try stateIndex(context, answers)
        return (q, q.graph.states[index])
    }

    static func stateIndex(_ context: RenderContext, _ answers: [String]) throws -> (CompiledQuestionnaire, Int) {
        let q = try #require(context.questionnaires.first)
        let walked = q.graph.walk(answers)
        #expect(walked.failedStep == nil)
        return (q, walked.state)
    }

    // MARK: What a leaflet holds

    @Test func aLeafletHoldsTheStatesOutcomesAnswersAndPageSections() throws {
        let context = try Self.context(try Self.fixture())
        let (q, apply) = try Self.stateIndex(context, ["asylum", "yes"])
        let leaflet = LeafletContent(q, state: apply)
        #expect(leaflet.outcomes == ["apply"])
        #expect(leaflet.answers == [.init(question: "status", answer: "asylum"), .init(question: "offer", answer: "yes")])
        // Sections of one page gather under it, in the order named; pages appear once.
        #expect(leaflet.pages == [.init(path: "work", anchors: ["application", "fees"]), .init(path: "appointments", anchors: nil)])

        // A whole page covers its sections.
        let (_, free) = try Self.stateIndex(context, ["permit"])
        #expect(LeafletContent(q, state: free).pages == [.init(path: "work", anchors: nil)])
    }

    @Test func aLeafletListsTheAnswersEveryPathToItsStateGave() throws {
        // In the bundled my-residence-prospects, "4 to 6 years" and "3 to 4 years" set the same
        // years fact, and "children: yes" sets the fact "6 years or more" sets too: answers must
        // come from the paths into the state, not from the first answer setting each fact.
        let options = BuildOptions(content: Fixture.repoRoot.appendingPathComponent("content").path,
                                   templates: Fixture.templates, output: "", today: Fixture.today)
        let context = try SiteBuilder.prepare(options, log: DiagnosticLog()).0
        let q = try #require(context.questionnaires.first { $0.id == "my-residence-prospects" })
        let walked = q.graph.walk(["duldung", "27-plus", "clarified", "none", "4-to-6", "yes", "yes", "none"])
        #expect(walked.failedStep == nil)
        let answers = LeafletContent(q, state: walked.state).answers.map { "\($0.question)/\($0.answer)" }
        // "none" and "small" convictions lead to the same state, so neither can be claimed.
        #expect(answers == ["status/duldung", "age/27-plus", "identity/clarified", "years/4-to-6",
                            "children/yes", "german/yes", "activity/none"])
    }

    @Test func anchorSectionsAreCutAtHeadingsOfTheSameLevel() {
        let html = "<p>intro</p>\n<h2 id=\"a\">A</h2>\n<p>a</p>\n<h3 id=\"a1\">A1</h3>\n<p>a1</p>\n<h2 id=\"b\">B</h2>\n<p>b</p>\n"
        #expect(BodySections.split(html).map(\.id) == [nil, "a", "b"])
        #expect(BodySections.section(html, id: "a")?.html == "<h2 id=\"a\">A</h2>\n<p>a</p>\n<h3 id=\"a1\">A1</h3>\n<p>a1</p>\n")
        #expect(BodySections.section(html, id: "a1")?.html == "<h3 id=\"a1\">A1</h3>\n<p>a1</p>\n")
        #expect(BodySections.section(html, id: "nope") == nil)
        #expect(BodySections.demoteHeadings("<h2 id=\"a\">A</h2><h5>x</h5><hr>", by: 2) == "<h4>A</h4><h6>x</h6><hr>")
    }

    @Test func aSectionNamedWithItsPartIsPrintedOnce() {
        let html = "<p>intro</p>\n<h2 id=\"a\">A</h2>\n<p>a</p>\n<h3 id=\"a1\">A1</h3>\n<p>a1</p>\n<h3 id=\"a2\">A2</h3>\n<p>a2</p>\n<h2 id=\"b\">B</h2>\n<p>b</p>\n"
        // The same section twice, or a part after its whole: once.
        #expect(BodySections.sections(html, ids: ["a", "a", "a1", "b"]).map(\.id) == ["a", "b"])
        // Parts first, then their whole: the whole takes the first part's place.
        #expect(BodySections.sections(html, ids: ["b", "a2", "a1", "a"]).map(\.id) == ["b", "a"])
        // Sibling parts both print; an unknown id is skipped.
        #expect(BodySections.sections(html, ids: ["a2", "nope", "a1"]).map(\.id) == ["a2", "a1"])
        #expect(BodySections.sections(html, ids: ["a1", "a"]).map(\.html) == [BodySections.section(html, id: "a")!.html])
    }

    @Test func aLeafletPrintsASectionOnceWhenOutcomesNameItAndAPartOfIt() throws {
        let logic = Self.logic
            .replacingOccurrences(of: "pages: [work#application, appointments, work#fees]", with: "pages: [work#forms, appointments]")
            .replacingOccurrences(of: "tests:\n", with: "  both:\n    when: { status: asylum }\n    pages: [work#application]\ntests:\n")
            .replacingOccurrences(of: "outcomes: [apply] }", with: "outcomes: [apply, both] }")
            .replacingOccurrences(of: "outcomes: [wait] }", with: "outcomes: [wait, both] }")
        let work = Self.workDE.replacingOccurrences(of: "## Gebühren {#fees}", with: "### Formulare {#forms}\n\nDas Formular A.\n\n## Gebühren {#fees}")
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start"),
            "content/de/work.md": work,
            "content/de/appointments.md": Fixture.page("Termine", "Vorwort.\n\n## Buchen {#booking}\n\nRufen Sie an.\n"),
            "content/questionnaires/can-i-work.yaml": logic,
            "content/de/questionnaires/can-i-work.yaml": Self.texts(Self.german)
                .replacingOccurrences(of: "outcomes:\n", with: "outcomes:\n  both: { title: \"Beides\", body: \"Auch.\" }\n"),
        ])
        #expect(site.diagnostics().filter { $0.contains("error") } == [])
        try site.build()
        let context = try Self.context(site)
        let (q, apply) = try Self.state(context, ["asylum", "yes"])
        #expect(LeafletContent(q, state: q.graph.states.firstIndex { $0.id == apply.id }!).pages.first == .init(path: "work", anchors: ["forms", "application"]))
        let html = try site.read("de/\(q.id)/\(apply.id)/leaflet/index.html")
        // #forms is a part of #application: the form is printed once, inside its section.
        #expect(html.components(separatedBy: "Das Formular A.").count == 2)
        #expect(html.components(separatedBy: "<h4>Antrag</h4>").count == 2)
        #expect(html.contains("<h5>Formulare</h5>"))
    }

    static let scopedSources = """
    reviewed: 2026-11-02
    sources:
      - { title: "§ 61 AsylG", url: "https://law.example/61", sections: [application] }
      - { title: "§ 69 AufenthG", url: "https://law.example/69", sections: ["#fees"] }
      - { title: "§ 1 Allgemein", url: "https://law.example/1" }

    """

    @Test func aLeafletCitesOnlyTheSourcesOfTheSectionsItPrints() throws {
        let arabic = Self.workAR.replacingOccurrences(of: "reviewed: 2026-11-02\n", with: """
            reviewed: 2026-11-02
            sources:
              - { title: "المادة 61", url: "https://law.example/61" }
              - { title: "المادة 69", url: "https://law.example/69" }

            """)
        let site = try Self.fixture(files: [
            "content/de/work.md": Fixture.page("Arbeit", Self.workBody, extra: Self.scopedSources),
            "content/ar/work.md": arabic,
        ])
        #expect(site.diagnostics().filter { $0.contains("error") } == [])
        try site.build()
        let context = try Self.context(site)
        let (q, wait) = try Self.state(context, ["asylum", "no"])   // prints only work#fees
        let html = try site.read("de/\(q.id)/\(wait.id)/leaflet/index.html")
        #expect(html.contains("§ 69 AufenthG") && html.contains("§ 1 Allgemein"))
        #expect(!html.contains("§ 61 AsylG"))
        // The Arabic page has no `sections:`: its sources are scoped like the German ones with the same url.
        let bilingual = try site.read("ar/\(q.id)/\(wait.id)/leaflet/de/index.html")
        #expect(bilingual.contains("المادة 69") && !bilingual.contains("المادة 61"))
        // The whole page printed (the bilingual print version of the page): every source.
        let page = try site.read("ar/work/leaflet/de/index.html")
        #expect(page.contains("§ 61 AsylG") && page.contains("§ 69 AufenthG") && page.contains("المادة 61"))
        // A section id is checked like an anchor.
        let broken = try Self.fixture(files: ["content/de/work.md": Fixture.page("Arbeit", Self.workBody,
                                                                                  extra: Self.scopedSources.replacingOccurrences(of: "[application]", with: "[nope]"))])
        #expect(broken.diagnostics().contains { $0.hasPrefix("content/de/work.md:5:") && $0.contains("error: source '§ 61 AsylG' names section '#nope', but") },
                "\(broken.diagnostics())")
    }

    /// A page's review line and sources, written as bytes, are what interpolating them wrote: texts
    /// with characters to escape, a page shown in its source language (marked) and in its own.
    @Test func aPagesMetaLineIsWhatInterpolationWrote() throws {
        let sources = """
            reviewed: 2026-11-02
            sources:
              - { title: "§ 61 AsylG & \\"Klage\\" <neu>", url: "https://law.example/61?a=1&b='2'" }
              - { title: "Étape 2", url: "https://law.example/é" }
              - { title: "§ 1", url: "https://law.example/1" }

            """
        let site = try Self.fixture(files: ["content/de/appointments.md": Fixture.page("Termine", "Vorwort.\n\n## Buchen {#booking}\n\nRufen Sie an.\n", extra: sources)])
        let context = try Self.context(site)
        var checked = 0
        for language in ["de", "ar"] {
            let (page, isFallback) = try #require(context.content.page("appointments", in: language))
            let written = isFallback ? context.source : language
            #expect(isFallback == (language == "ar"))
            func marked(_ html: String) -> String {
                written == language ? html
                    : "<span lang=\"\(written)\" dir=\"\(context.language(written).direction.rawValue)\">" + html + "</span>"
            }
            var expected = ""
            if let reviewed = page.reviewed {
                expected += "<p class=\"meta\">\(HTML.escape(context.dateText("last_reviewed", language: language, date: reviewed)))</p>"
            }
            let links = page.sources.map { marked("<a class=\"plain\" href=\"\(HTML.escape($0.url))\">\(HTML.escape($0.title))</a>") }
            expected += "<p class=\"meta sources\">\(HTML.escape(context.strings(language)["sources"] ?? "")): " + links.joined(separator: "; ") + "</p>"
            #expect(page.sources.count == 3 && expected.contains("&amp;") && expected.contains("&quot;") && expected.contains("&lt;"))
            for shift in [0, 2] {
                let parts = context.pageParts("appointments", anchors: nil, language: language, shift: shift, withTitle: shift == 2)
                let meta = try #require(parts.last)
                #expect(meta.kind == "meta")
                #expect(meta.html == expected)
                checked += 1
            }
        }
        #expect(checked == 4)
    }

    @Test func anUnknownAnchorIsAnErrorAtItsPosition() throws {
        let site = try Self.fixture(logic: Self.logic.replacingOccurrences(of: "pages: [work#fees]\n", with: "pages: [work#nope]\n"))
        let errors = site.diagnostics()
        #expect(errors.contains { $0.hasPrefix("content/questionnaires/can-i-work.yaml:20:13: error: outcome 'wait' names '#nope' on page 'work', but content/de/work.md has no heading with that id") },
                "\(errors)")
    }

    // MARK: The built leaflets

    @Test func theLeafletPrintsTheNamedSectionsWithAbsoluteLinks() throws {
        let site = try Self.fixture()
        try site.build()
        let context = try Self.context(site)
        let (q, apply) = try Self.state(context, ["asylum", "yes"])
        let path = "\(q.id)/\(apply.id)"
        let html = try site.read("de/\(path)/leaflet/index.html")
        #expect(html.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(!html.contains("hreflang"))
        #expect(html.contains("<h1><span class=\"headline\" lang=\"de\" dir=\"ltr\">Darf ich arbeiten?</span><br></h1>"))
        #expect(html.contains("Gedruckt am 25. November 2026"))
        // Outcomes first, then the answers, then the advice text, contact, disclaimer, notes.
        let order = ["Antrag stellen", "Auf Grund Ihrer Antworten", "Ihr Status?", "Asyl", "Was Sie wissen sollten",
                     "<h4>Antrag</h4>", "<h4>Gebühren</h4>", "Zuletzt geprüft", "§ 61 AsylG", "<h3>Termine</h3>", "Rufen Sie an.",
                     "Kontakt", "Dolmetscher", "erste Orientierung", "Notizen / nächster Termin"]
        var from = html.startIndex
        for text in order {
            let found = try #require(html.range(of: text, range: from..<html.endIndex), "'\(text)' missing or out of order")
            from = found.upperBound
        }
        // Only the sections named: not the page's introduction.
        #expect(!html.contains("Einleitung zur Arbeit"))
        #expect(html.contains("href=\"https://advice.example/de/appointments/#booking\""))
        #expect(html.contains("href=\"https://advice.example/de/work/#fees\""))
        #expect(html.contains("href=\"https://law.example/61\""))
        // Sources are cited by their title; their address is not printed after them (class plain).
        #expect(html.contains("<a class=\"plain\" href=\"https://law.example/61\">§ 61 AsylG</a>"))
        #expect(html.contains("<a href=\"https://law.example/61\">Gesetz</a>"))
        // Heading ids are dropped: one leaflet holds several pages.
        #expect(!html.contains("id=\"fees\""))
        // The QR code leads to the same result online.
        #expect(html.contains("<svg class=\"qr\""))
        #expect(html.contains("aria-label=\"QR-Code: https://advice.example/de/\(path)/\""))
        #expect(html.components(separatedBy: "<path ").count == 2)

        // The result page links its leaflets; the office language has no bilingual one.
        let result = try site.read("ar/\(path)/index.html")
        #expect(result.contains("href=\"/ar/\(path)/leaflet/\""))
        #expect(result.contains("href=\"/ar/\(path)/leaflet/de/\""))
        #expect(!site.exists("de/\(path)/leaflet/de/index.html"))
        #expect(!(try site.read("sitemap.xml")).contains("leaflet"))
    }

    @Test func theBilingualLeafletPairsSectionsAndMarksUntranslatedText() throws {
        let site = try Self.fixture()
        try site.build()
        let context = try Self.context(site)
        let (q, apply) = try Self.state(context, ["asylum", "yes"])
        let html = try site.read("ar/\(q.id)/\(apply.id)/leaflet/de/index.html")
        #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(html.contains("class=\"leaflet bilingual\""))
        let rows = html.components(separatedBy: "<div class=\"row ").dropFirst()
        // Every row has two cells, the client's language first, each with its own lang and dir.
        for row in rows {
            #expect(row.components(separatedBy: "<div class=\"cell\"").count == 3, "\(row.prefix(200))")
        }
        let outcome = try #require(rows.first { $0.hasPrefix("outcome") })
        #expect(outcome.contains("<div class=\"cell\" lang=\"ar\" dir=\"rtl\">\n<h3>قدّم الطلب</h3>"))
        #expect(outcome.contains("<div class=\"cell\" lang=\"de\" dir=\"ltr\">\n<h3>Antrag stellen</h3>"))
        let application = try #require(rows.first { $0.contains("<h4>الطلب</h4>") })
        #expect(application.contains("<h4>Antrag</h4>"))
        #expect(application.contains("href=\"https://advice.example/ar/appointments/#booking\""))
        #expect(application.contains("href=\"https://advice.example/de/appointments/#booking\""))
        // The appointments page has no Arabic translation: German text, marked, with a notice in Arabic.
        let title = try #require(rows.first { $0.hasPrefix("page-title") && $0.contains("Termine") })
        #expect(title.contains("<p class=\"fallback\">هذه الصفحة غير متوفرة بعد"))
        #expect(title.contains("<div lang=\"de\" dir=\"ltr\"><h3>Termine</h3></div>"))
        #expect(html.contains("طُبعت في"))
        #expect(html.contains("Gedruckt am"))

        // English has no questionnaire texts and no pages: German throughout, marked, with the notice.
        let english = try site.read("en/\(q.id)/\(apply.id)/leaflet/de/index.html")
        #expect(english.contains("<p class=\"fallback\" role=\"note\">This page is not yet available in English."))
        #expect(english.contains("<span class=\"headline\" lang=\"de\" dir=\"ltr\">Darf ich arbeiten?</span>"))
        #expect(english.contains("<div class=\"cell\" lang=\"en\" dir=\"ltr\">\n<div lang=\"de\" dir=\"ltr\"><h3>Antrag stellen</h3></div>"))
    }

    @Test func advicePagesHaveABilingualPrintVersion() throws {
        let site = try Self.fixture()
        try site.build()
        let html = try site.read("ar/work/leaflet/de/index.html")
        #expect(html.contains("<span class=\"headline\" lang=\"ar\" dir=\"rtl\">العمل</span><br><span class=\"headline\" lang=\"de\" dir=\"ltr\">Arbeit</span>"))
        #expect(html.contains("Einleitung zur Arbeit"))
        #expect(html.contains("مقدمة عن العمل"))
        #expect(try site.read("ar/work/index.html").contains("href=\"/ar/work/leaflet/de/\""))
        #expect(!site.exists("de/work/leaflet/de/index.html"))
        #expect(!(try site.read("de/work/index.html")).contains("/leaflet/"))
    }

    @Test func theOfficeLanguageIsASiteSetting() throws {
        let site = try Self.fixture(site: Fixture.defaultSite + "\noffice_language: en\n")
        try site.build()
        let context = try Self.context(site)
        let (q, apply) = try Self.state(context, ["asylum", "yes"])
        #expect(site.exists("ar/\(q.id)/\(apply.id)/leaflet/en/index.html"))
        #expect(site.exists("de/\(q.id)/\(apply.id)/leaflet/en/index.html"))
        #expect(!site.exists("en/\(q.id)/\(apply.id)/leaflet/en/index.html"))

        let wrong = try Self.fixture(site: Fixture.defaultSite + "\noffice_language: fr\n")
        let errors = wrong.diagnostics()
        #expect(errors.contains { $0.contains("content/site.yaml:10:18: error: office_language 'fr' is not in the languages list") }, "\(errors)")
    }

    // MARK: Styles under the Content-Security-Policy

    @Test func siteLeafletsLinkTheirPrintStylesheetAndThePolicyAllowsNoInlineStyle() throws {
        let site = try Self.fixture()
        try site.build()
        let context = try Self.context(site)
        let (q, apply) = try Self.state(context, ["asylum", "yes"])
        let css = try String(contentsOfFile: Fixture.templates + "/leaflet.css", encoding: .utf8)
        #expect(try site.read("leaflet.css") == css)
        for path in ["de/\(q.id)/\(apply.id)/leaflet/index.html", "ar/\(q.id)/\(apply.id)/leaflet/de/index.html", "ar/work/leaflet/de/index.html"] {
            let html = try site.read(path)
            #expect(html.contains("<link rel=\"stylesheet\" href=\"/style.css\">\n<link rel=\"stylesheet\" href=\"/leaflet.css\">"), "\(path)")
            #expect(!html.contains("<style"), "\(path)")
        }
        // No page of the site carries inline CSS, so the policy needs no 'unsafe-inline' and no hash.
        let files = FileManager.default.enumerator(atPath: site.output)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".html") }
        #expect(!files.isEmpty)
        for file in files {
            let html = try site.read(file)
            #expect(!html.contains("<style") && !html.contains(" style=\""), "\(file)")
        }
        let headers = try site.read("_headers")
        #expect(headers.contains("Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self' data:;"))
        #expect(!headers.contains("unsafe") && !headers.contains("sha256-"))
        // The manifest names leaflet.css as a stylesheet from the templates.
        let listed = try SiteCompiler.compile(site.options().compileOptions).manifest.files.first { $0.path == "leaflet.css" }
        #expect(listed?.kind == "css")
        #expect(listed?.url == "/leaflet.css")
    }

    // MARK: lotse leaflet

    @Test func theCommandWritesOneSelfContainedLeaflet() throws {
        let site = try Self.fixture()
        let html = try LeafletExport.html(questionnaire: "can-i-work", answers: ["asylum", "yes"], language: "ar", with: "de",
                                          content: site.content, templates: Fixture.templates, today: Fixture.today)
        #expect(html.contains("<style>/* Lotse default stylesheet"))
        #expect(html.contains("<style>/* Leaflets: one result"))
        #expect(!html.contains("<link rel=\"stylesheet\""))
        #expect(!html.contains("src="))
        #expect(html.contains("قدّم الطلب") && html.contains("Antrag stellen"))
        // Its own answers, in the order given.
        #expect(html.contains("<dl><dt>وضعك؟</dt><dd>لجوء</dd></dl>"))
    }

    @Test func theCommandExplainsAWrongAnswerList() throws {
        let site = try Self.fixture()
        func error(_ answers: [String], language: String = "de", with: String? = nil, id: String = "can-i-work") -> String {
            do {
                _ = try LeafletExport.html(questionnaire: id, answers: answers, language: language, with: with,
                                           content: site.content, templates: Fixture.templates, today: Fixture.today)
                return ""
            } catch {
                return error.diagnostics.map(\.description).joined(separator: "\n")
            }
        }
        #expect(error(["asylum", "maybe"]) == "lotse: error: answer 2 'maybe' is not an answer of question 'offer' (“Haben Sie ein Angebot?”); it accepts: yes, no")
        #expect(error(["asylum"]) == "lotse: error: the answers stop at question 'offer' (“Haben Sie ein Angebot?”) before a result; add one of: yes, no")
        #expect(error([]) == "lotse: error: the answers stop at question 'status' (“Ihr Status?”) before a result; add one of: asylum, permit")
        #expect(error(["permit", "yes"]) == "lotse: error: answer 2 'yes' comes after the end: the questionnaire ends after 'permit' (1 answer(s) are enough)")
        #expect(error(["permit"], language: "fr").contains("'fr' is not a language of this site"))
        #expect(error(["permit"], with: "de").contains("--with names the same language as --lang"))
        #expect(error(["permit"], id: "nope").contains("no questionnaire 'nope'"))
    }

    // MARK: QR codes

    static func tool(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Encodes, draws as SVG, renders to PNG (librsvg) and decodes (zbar): the
    /// result must be the URL itself. Needs zbar-tools and librsvg2-bin
    /// (scripts/install-check-tools installs them).
    @Test func qrCodesDecodeToTheirURL() throws {
        let rsvg = try #require(Self.tool("rsvg-convert"), "rsvg-convert is missing: apt-get install librsvg2-bin")
        let zbar = try #require(Self.tool("zbarimg"), "zbarimg is missing: apt-get install zbar-tools")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lotse-qr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let urls = ["https://beratung.musterstadt.example/ar/can-i-work/amzgchf2vz/",
                    "https://advice.example/de/",
                    "https://city.example/advice/uk/my-residence-prospects/q8zq9mv4nn/?x=1&y=%C3%BC#fees",
                    "https://beratung.example/fa/خانواده/"]
        for (index, url) in urls.enumerated() {
            let code = try #require(QRCode(url))
            let svg = code.svg(label: "QR: \(url)")
            #expect(svg.components(separatedBy: "<path ").count == 2, "one path")
            #expect(!svg.contains("<image") && !svg.contains("<script"))
            let svgFile = folder.appendingPathComponent("\(index).svg")
            let pngFile = folder.appendingPathComponent("\(index).png")
            try Data(svg.utf8).write(to: svgFile)
            let (status, _) = try Self.run(rsvg, ["--width", "400", "--background-color", "white", "-o", pngFile.path, svgFile.path])
            #expect(status == 0)
            let (decoded, text) = try Self.run(zbar, ["--raw", "-q", "-Sbinary", pngFile.path])
            #expect(decoded == 0)
            #expect(text.trimmingCharacters(in: .newlines) == url)
        }
    }
}
