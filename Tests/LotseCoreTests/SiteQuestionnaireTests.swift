import Foundation
import Testing
@testable import LotseCore

/// End-to-end: questionnaires built into pages, walked by following form actions.
@Suite struct SiteQuestionnaireTests {
    static let logic = """
    start: status
    questions:
      status:
        answers:
          asylum:  { set: { status: asylum },  next: months }
          duldung: { set: { status: duldung }, next: months }
          permit:  { set: { status: permit },  next: offer }
      months:
        answers:
          under-3: { set: { months: under-3 } }
          over-3:  { set: { months: over-3 }, next: offer }
      offer:
        answers:
          "yes": { set: { offer: "yes" } }
          "no":  { set: { offer: "no" } }
    outcomes:
      wait:
        when: { months: under-3 }
        pages: [work]
      apply:
        when: { status: [asylum, duldung], months: over-3, offer: "yes" }
        pages: [work, index]
      free:
        when: { status: permit }
        pages: [work]
      find-job:
        when: { offer: "no" }
    tests:
      - answers: [asylum, under-3]
        outcomes: [wait]
      - answers: [duldung, over-3, "yes"]
        outcomes: [apply]
      - answers: [asylum, over-3, "no"]
        outcomes: [find-job]
      - answers: [permit, "yes"]
        outcomes: [free]
      - answers: [permit, "no"]
        outcomes: [free, find-job]
    """

    static func texts(_ lang: String) -> String {
        let t = lang == "de"
            ? ["Darf ich arbeiten?", "Ihr Status?", "Asyl", "Duldung", "Erlaubnis", "Wie lange?", "unter 3", "über 3", "Angebot?", "Ja", "Nein"]
            : ["هل يمكنني العمل؟", "وضعك؟", "لجوء", "دولدونغ", "إذن", "كم من الوقت؟", "أقل من 3", "أكثر من 3", "عرض عمل؟", "نعم", "لا"]
        return """
        title: "\(t[0])"
        intro: |
          Intro *\(lang)*.
        questions:
          status:
            text: "\(t[1])"
            hint: |
              Schauen Sie auf Ihr [Dokument](../work.md).
            answers: { asylum: "\(t[2])", duldung: "\(t[3])", permit: "\(t[4])" }
          months:
            text: "\(t[5])"
            answers: { under-3: "\(t[6])", over-3: "\(t[7])" }
          offer:
            text: "\(t[8])"
            answers: { "yes": "\(t[9])", "no": "\(t[10])" }
        outcomes:
          wait: { title: "W \(lang)", body: "Warten." }
          apply: { title: "A \(lang)", body: "Beantragen." }
          free: { title: "F \(lang)", body: "Frei." }
          find-job: { title: "J \(lang)", body: "Job suchen." }
        """
    }

    static func fixture() throws -> Fixture {
        try Fixture(files: [
            "content/de/index.md": Fixture.page("Start"),
            "content/de/work.md": Fixture.page("Arbeit"),
            "content/ar/work.md": Fixture.page("العمل"),
            "content/questionnaires/can-i-work.yaml": logic,
            "content/de/questionnaires/can-i-work.yaml": texts("de"),
            "content/ar/questionnaires/can-i-work.yaml": texts("ar"),
        ])
    }

    /// The answer forms of a page: (button label, action URL).
    static func answerForms(_ html: String) -> [(label: String, action: String)] {
        let pattern = #/<form method="get" action="([^"]+)" class="answer">\s*<button type="submit">([^<]*)</button>\s*</form>/#
        return html.matches(of: pattern).map { (String($0.output.2), String($0.output.1)) }
    }

    static func outcomeIDs(_ html: String) -> [String] {
        html.matches(of: #/<h2 id="outcome-([^"]+)"/#).map { String($0.output.1) }
    }

    /// Follows form actions from the start page, choosing answers by their label.
    static func walk(_ site: Fixture, language: String, labels: [String]) throws -> (html: String, urls: [String]) {
        var html = try site.read("\(language)/can-i-work/index.html")
        var urls: [String] = []
        let start = try #require(answerForms(html).first)
        urls.append(start.action)
        html = try site.read(String(start.action.dropFirst()) + "index.html")
        for label in labels {
            let form = try #require(answerForms(html).first { $0.label == label }, "no answer '\(label)' on \(urls.last ?? "")")
            #expect(form.action.hasPrefix("/\(language)/can-i-work/"))
            urls.append(form.action)
            html = try site.read(String(form.action.dropFirst()) + "index.html")
        }
        return (html, urls)
    }

    @Test func everyScenarioLeadsToItsOutcomesByFollowingFormActions() throws {
        let site = try Self.fixture()
        try site.build()
        let labels: [String: [String: String]] = [
            "de": ["asylum": "Asyl", "duldung": "Duldung", "permit": "Erlaubnis", "under-3": "unter 3", "over-3": "über 3", "yes": "Ja", "no": "Nein"],
            "ar": ["asylum": "لجوء", "duldung": "دولدونغ", "permit": "إذن", "under-3": "أقل من 3", "over-3": "أكثر من 3", "yes": "نعم", "no": "لا"],
        ]
        let scenarios: [([String], [String])] = [
            (["asylum", "under-3"], ["wait"]), (["duldung", "over-3", "yes"], ["apply"]),
            (["asylum", "over-3", "no"], ["find-job"]), (["permit", "yes"], ["free"]), (["permit", "no"], ["free", "find-job"]),
        ]
        var pathsByLanguage: [String: [[String]]] = [:]
        for language in ["de", "ar"] {
            for (answers, outcomes) in scenarios {
                let (html, urls) = try Self.walk(site, language: language, labels: answers.map { labels[language]![$0]! })
                #expect(Self.outcomeIDs(html) == outcomes, "\(language) \(answers)")
                pathsByLanguage[language, default: []].append(urls.map { $0.replacingOccurrences(of: "/\(language)/", with: "/") })
            }
        }
        // The same step has the same URL in every language, so the language switcher keeps the step.
        #expect(pathsByLanguage["de"] == pathsByLanguage["ar"])
        // English has no texts: it falls back to German with a notice.
        let (html, _) = try Self.walk(site, language: "en", labels: ["Asyl", "unter 3"])
        #expect(Self.outcomeIDs(html) == ["wait"])
        #expect(html.contains("class=\"fallback\""))
    }

    @Test func statePagesAreOpaquePrivateAndAccessible() throws {
        let site = try Self.fixture()
        try site.build()
        let (result, urls) = try Self.walk(site, language: "de", labels: ["Duldung", "über 3", "Ja"])
        for url in urls {
            let id = url.split(separator: "/").last.map(String.init) ?? ""
            #expect(id.count == 10)
            for answer in ["asylum", "duldung", "permit", "under", "over", "yes"] { #expect(!url.contains(answer)) }
            let html = try site.read(String(url.dropFirst()) + "index.html")
            #expect(html.contains("<meta name=\"robots\" content=\"noindex\">"))
            #expect(html.contains("<meta name=\"referrer\" content=\"no-referrer\">"))
            #expect(!html.contains("formaction"))
            #expect(!html.contains("<script"))
        }
        let question = try site.read(String(urls[1].dropFirst()) + "index.html")
        #expect(question.contains("<legend><h1>Wie lange?</h1></legend>"))
        // Answers so far, and a way back to the start.
        #expect(question.contains("<dt>Ihr Status?</dt>\n<dd>Duldung</dd>"))
        #expect(question.contains("<a href=\"/de/can-i-work/\">"))
        // The hint's link is rewritten like any page link.
        let first = try site.read(String(urls[0].dropFirst()) + "index.html")
        #expect(first.contains("<a href=\"/de/work/\">Dokument</a>"))
        // The result links the outcome's pages in the reader's language, and lists the answers.
        #expect(result.contains("<a href=\"/de/work/\">Arbeit</a>"))
        #expect(result.contains("<dd>Ja</dd>"))
        // Home page and navigation link the questionnaire.
        let home = try site.read("de/index.html")
        #expect(home.contains("<a href=\"/de/can-i-work/\">Darf ich arbeiten?</a>"))
    }

    @Test func equivalentStatesShareOnePage() throws {
        let site = try Self.fixture()
        try site.build()
        // "asylum, over-3" and "duldung, over-3" both ask about an offer with the
        // same facts still mattering ("status" matters for `apply`), so they differ;
        // but "permit" skips months: its offer question is a different state too.
        let viaAsylum = try Self.walk(site, language: "de", labels: ["Asyl", "über 3"]).urls.last
        let viaDuldung = try Self.walk(site, language: "de", labels: ["Duldung", "über 3"]).urls.last
        // status asylum/duldung only matter as "one of" for `apply`, but the engine keys states by
        // value, so they are separate pages: check that identical paths share one.
        #expect(viaAsylum != viaDuldung)
        let again = try Self.walk(site, language: "de", labels: ["Asyl", "über 3"]).urls.last
        #expect(viaAsylum == again)
    }

    @Test func aSingleMissingTextIsShownInTheSourceLanguageAndMarkedSo() throws {
        let site = try Self.fixture()
        // English translates everything but the "Duldung" answer and the outcome "W".
        let english = Self.texts("ar")
            .replacingOccurrences(of: "duldung: \"دولدونغ\", ", with: "")
            .replacingOccurrences(of: "  wait: { title: \"W ar\", body: \"Warten.\" }\n", with: "")
        try site.write("content/en/questionnaires/can-i-work.yaml", english)
        let warnings = site.diagnostics()
        #expect(warnings.contains { $0.contains("questions.status.answers.duldung") }, "\(warnings)")
        let first = try Self.walk(site, language: "en", labels: []).html
        #expect(first.contains("<button type=\"submit\" lang=\"de\" dir=\"ltr\">Duldung <small class=\"untranslated\" lang=\"en\" dir=\"ltr\">(not yet translated)</small></button>"))
        #expect(first.contains("<button type=\"submit\">لجوء</button>"))
        let result = try Self.walk(site, language: "en", labels: ["لجوء", "أقل من 3"]).html
        #expect(result.contains("<h2 id=\"outcome-wait\" lang=\"de\" dir=\"ltr\">W de <small class=\"untranslated\" lang=\"en\" dir=\"ltr\">(not yet translated)</small></h2>"))
        #expect(!result.contains("class=\"fallback\""))
    }

    @Test func proofingPageListsEverything() throws {
        let site = try Self.fixture()
        try site.build()
        let proof = try site.read("ar/can-i-work/proof/index.html")
        #expect(proof.contains("<meta name=\"robots\" content=\"noindex\">"))
        for text in ["وضعك؟", "لجوء", "دولدونغ", "W ar", "A ar", "F ar", "J ar"] { #expect(proof.contains(text), "\(text)") }
        #expect(proof.contains("<html lang=\"ar\" dir=\"rtl\">"))
    }

    @Test func stateURLsAreStableAcrossBuilds() throws {
        let site = try Self.fixture()
        try site.build()
        let first = try Self.walk(site, language: "de", labels: ["Duldung", "über 3", "Ja"]).urls
        // Reordering the questions in the file does not move any URL.
        let reordered = Self.logic.replacingOccurrences(of: "start: status", with: "start: status\n")
        try site.write("content/questionnaires/can-i-work.yaml", reordered)
        try site.build()
        #expect(try Self.walk(site, language: "de", labels: ["Duldung", "über 3", "Ja"]).urls == first)
    }

    @Test func bundledQuestionnairesWalkInEveryLanguage() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("lotse-bundled-q-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let content = Fixture.repoRoot.appendingPathComponent("content")
        try SiteBuilder.build(BuildOptions(content: content.path, templates: Fixture.templates, output: output.path, today: Fixture.today))
        let log = DiagnosticLog()
        let site = try ContentLoader.load(contentDir: content, displayPath: "content", log: log)
        #expect(site.questionnaireLogic.count >= 3)
        for (id, file) in site.questionnaireLogic {
            let logic = try #require(QuestionnaireLogic.load(text: file.text, id: id, displayPath: file.displayPath, log: log))
            for language in site.config.languages.map(\.code) {
                let textsFile = site.questionnaireTexts[language]?[id] ?? site.questionnaireTexts[site.config.sourceLanguage]![id]!
                let texts = try #require(QuestionnaireTexts.load(text: textsFile.text, language: language, displayPath: textsFile.displayPath,
                                                                 source: nil, logic: logic, log: log))
                for scenario in logic.tests {
                    var html = try String(contentsOf: output.appendingPathComponent("\(language)/\(id)/index.html"), encoding: .utf8)
                    var action = try #require(Self.answerForms(html).first).action
                    for answer in scenario.answers {
                        html = try String(contentsOf: output.appendingPathComponent(String(action.dropFirst()) + "index.html"), encoding: .utf8)
                        let question = try #require(logic.questions.first { q in
                            html.contains("<legend><h1>\(escape(texts.questions[q.id]?.text ?? "\u{0}"))</h1></legend>")
                        }, "\(language)/\(id): no question recognised at \(action)")
                        let label = escape(texts.questions[question.id]?.answers[answer] ?? "")
                        action = try #require(Self.answerForms(html).first { $0.label == label }, "\(language)/\(id): no answer \(answer)").action
                    }
                    html = try String(contentsOf: output.appendingPathComponent(String(action.dropFirst()) + "index.html"), encoding: .utf8)
                    #expect(Self.outcomeIDs(html) == scenario.outcomes, "\(language)/\(id) \(scenario.answers)")
                }
            }
        }
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
