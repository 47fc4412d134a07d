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
        #expect(question.contains("<dt>Ihr Status?</dt>\n<dd><span>Duldung</span> <a href=\"\(urls[0])\" class=\"change\""))
        #expect(question.contains("<a href=\"/de/can-i-work/\">"))
        // The hint's link is rewritten like any page link.
        let first = try site.read(String(urls[0].dropFirst()) + "index.html")
        #expect(first.contains("<a href=\"/de/work/\">Dokument</a>"))
        // The result links the outcome's pages in the reader's language, and lists the answers.
        #expect(result.contains("<a href=\"/de/work/\">Arbeit</a>"))
        #expect(result.contains("<dd><span>Ja</span> <a href="))
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
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(atPath: output.path + ".lotse-lock")
        }
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
                    var visited: [String] = []
                    /// Answers from the page at `action`, returning the page reached.
                    func play(_ answers: ArraySlice<String>, from start: String) throws -> String {
                        var action = start
                        for answer in answers {
                            let html = try String(contentsOf: output.appendingPathComponent(String(action.dropFirst()) + "index.html"), encoding: .utf8)
                            let question = try #require(logic.questions.first { q in
                                html.contains("<legend><h1>\(escape(texts.questions[q.id]?.text ?? "\u{0}"))</h1></legend>")
                            }, "\(language)/\(id): no question recognised at \(action)")
                            let label = escape(texts.questions[question.id]?.answers[answer] ?? "")
                            action = try #require(Self.answerForms(html).first { $0.label == label }, "\(language)/\(id): no answer \(answer)").action
                            visited.append(action)
                        }
                        return action
                    }
                    visited = [action]
                    action = try play(scenario.answers[...], from: action)
                    let path = visited
                    html = try String(contentsOf: output.appendingPathComponent(String(action.dropFirst()) + "index.html"), encoding: .utf8)
                    #expect(Self.outcomeIDs(html) == scenario.outcomes, "\(language)/\(id) \(scenario.answers)")
                    // Every Change link reopens a page on this path; the same answers from there lead back here.
                    guard ["de", "ar"].contains(language) else { continue }
                    let changes = html.matches(of: #/<a href="([^"]+)" class="change"/#).map { String($0.output.1) }
                    #expect(!changes.isEmpty)
                    for href in changes {
                        let step = try #require(path.firstIndex(of: href), "\(language)/\(id) \(scenario.answers): Change link \(href) is not on the path")
                        #expect(try play(scenario.answers[step...], from: href) == action)
                    }
                }
            }
        }
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}

/// Issue 13 end to end: Change links and progress on state pages, the
/// proofing page a reviewer signs off, and `lotse graph --table`.
@Suite struct SiteQuestionnaireReviewTests {
    typealias Site = SiteQuestionnaireTests

    /// "Your answers": (question, answer, Change link).
    static func changeLinks(_ html: String) -> [(question: String, answer: String, href: String)] {
        let pattern = #/<dt[^>]*>([^<]*)</dt>\s*<dd><span[^>]*>([^<]*)</span> <a href="([^"]+)" class="change"/#
        return html.matches(of: pattern).map { (String($0.output.1), String($0.output.2), String($0.output.3)) }
    }

    static func read(_ site: Fixture, _ url: String) throws -> String {
        try site.read(String(url.dropFirst()) + "index.html")
    }

    /// Answers `labels` from the page at `url`, following form actions.
    static func answer(_ site: Fixture, from url: String, labels: [String]) throws -> String {
        var html = try read(site, url)
        for label in labels {
            let form = try #require(Site.answerForms(html).first { $0.label == label }, "no answer '\(label)'")
            html = try read(site, form.action)
        }
        return html
    }

    @Test func changeLinksReopenTheQuestionAndContinueToTheSameResult() throws {
        let site = try Site.fixture()
        try site.build()
        let scenarios: [[String]] = [["Asyl", "unter 3"], ["Duldung", "über 3", "Ja"], ["Asyl", "über 3", "Nein"], ["Erlaubnis", "Ja"], ["Erlaubnis", "Nein"]]
        for labels in scenarios {
            let (result, urls) = try Site.walk(site, language: "de", labels: labels)
            let links = Self.changeLinks(result)
            #expect(links.map(\.answer) == labels, "\(labels)")
            for (step, link) in links.enumerated() {
                // The link is the very page the question was asked on, on this path.
                #expect(link.href == urls[step])
                let page = try Self.read(site, link.href)
                #expect(page.contains("<legend><h1>\(link.question)</h1></legend>"))
                // Answering the same again reaches the same result page.
                let again = try Self.answer(site, from: link.href, labels: Array(labels[step...]))
                #expect(Site.outcomeIDs(again) == Site.outcomeIDs(result))
                #expect(again == result)
            }
        }
        // Changing one answer continues correctly: "über 3" instead of "unter 3".
        let (result, _) = try Site.walk(site, language: "de", labels: ["Asyl", "unter 3"])
        let months = try #require(Self.changeLinks(result).last)
        #expect(Site.outcomeIDs(try Self.answer(site, from: months.href, labels: ["über 3", "Nein"])) == ["find-job"])
        // Question pages after the first have them too; the first has none.
        let (question, urls) = try Site.walk(site, language: "ar", labels: ["لجوء", "أكثر من 3"])
        #expect(Self.changeLinks(question).map(\.href) == Array(urls[0...1]))
        #expect(question.contains("aria-label=\"تغيير: وضعك؟\">تغيير</a>"))
        #expect(Self.changeLinks(try Self.read(site, urls[0])).isEmpty)
    }

    @Test func questionPagesSayHowFarAlongTheReaderIs() throws {
        let site = try Site.fixture()
        try site.build()
        let (_, urls) = try Site.walk(site, language: "de", labels: ["Asyl", "über 3"])
        let pages = try urls.map { try Self.read(site, $0) }
        #expect(pages[0].contains("<p class=\"progress\">Frage 1 von höchstens 3</p>"))
        #expect(pages[1].contains("<p class=\"progress\">Frage 2 von höchstens 3</p>"))
        #expect(pages[2].contains("<p class=\"progress\">Frage 3 von höchstens 3</p>"))
        let permit = try Site.walk(site, language: "ar", labels: ["إذن"]).html
        #expect(permit.contains("<p class=\"progress\">السؤال 2 من 2 على الأكثر</p>"), "permit skips one question")
    }

    @Test func proofingPageIsWhatAReviewerSignsOff() throws {
        let site = try Site.fixture()
        try site.write("content/de/work.md", Fixture.page("Arbeit", extra: "sources:\n  - { title: \"§ 61 AsylG\", url: \"https://www.gesetze-im-internet.de/asylvfg_1992/__61.html\" }\n"))
        try site.build()
        let proof = try site.read("ar/can-i-work/proof/index.html")
        let version = try #require(proof.firstMatch(of: #/<p class="version"><strong>الإصدار ([0-9a-f]{10})</strong> · أُنشئ في ([^<]+)</p>/#))
        #expect(!version.output.2.isEmpty)
        // Conditions in words, in Arabic, with the ids as small print.
        #expect(proof.contains("<em>يظهر عندما: وضعك؟ – الإجابة: لجوء أو دولدونغ و كم من الوقت؟ – الإجابة: أكثر من 3 و عرض عمل؟ – الإجابة: نعم</em>"))
        #expect(proof.contains("<small><code>status is asylum or duldung and months is over-3 and offer is yes</code></small>"))
        let words = proof.replacing(#/<code>[^<]*</code>/#, with: "")
        #expect(!words.contains("otherwise") && !words.contains(" or ") && !words.contains(" and "), "no English in Arabic conditions")
        // The decision table: one row per way through.
        #expect(proof.matches(of: #/<tr id="row-\d+">/#).count == 8)
        #expect(proof.contains("<th scope=\"col\"><span>وضعك؟</span> <small><code>status</code></small></th>"), "one column per question")
        #expect(proof.contains("<tr id=\"row-7\"><th scope=\"row\">7</th><td>إذن</td><td>–</td><td>نعم</td>"), "permit skips the months question")
        #expect(proof.contains("<li class=\"scenario\"><span>دولدونغ · أكثر من 3 · نعم</span><br>"))
        // Outcome pages with their sources (the Arabic page has none of its own: German sources, tagged).
        #expect(proof.contains("§ 61 AsylG") == false, "the Arabic page is translated and has no sources")
        let german = try site.read("de/can-i-work/proof/index.html")
        #expect(german.contains("<li><a href=\"https://www.gesetze-im-internet.de/asylvfg_1992/__61.html\">§ 61 AsylG</a></li>"))
        // Scenario tests with their result, and the blank sign-off block.
        #expect(proof.matches(of: #/<strong class="passed">ناجح</strong>/#).count == 5)
        #expect(german.contains("<dt>Geprüft von</dt><dd class=\"blank\"></dd>"))
        // English has no texts: the page is German with a notice, and conditions are wholly German, marked so.
        let english = try site.read("en/can-i-work/proof/index.html")
        #expect(english.contains("class=\"fallback\""))
        #expect(english.contains("<em lang=\"de\" dir=\"ltr\">Wird angezeigt, wenn: Ihr Status? – Antwort: Erlaubnis</em>"))
        #expect(english.contains("<span lang=\"de\" dir=\"ltr\">Führt zu: Wie lange?</span>"))
        // `lotse graph --table` prints the same version.
        let (table, _) = try QuestionnaireGraphExport.table(id: "can-i-work", language: "ar", format: .md, content: site.content,
                                                            templates: Fixture.templates)
        #expect(table.contains("الإصدار \(version.output.1)"))
        #expect(table.contains("| 1 | وضعك؟ – لجوء `asylum`<br>كم من الوقت؟ – أقل من 3 `under-3` | W ar `wait` |"), "\(table)")
        let csv = try QuestionnaireGraphExport.table(id: "can-i-work", language: "de", format: .csv, content: site.content,
                                                     templates: Fixture.templates).text
        #expect(csv.split(separator: "\r\n").count == 1 + 8)
        #expect(csv.hasPrefix("#,Ihr Status?,Wie lange?,Angebot?,Angezeigte Ergebnisse,Verlinkte Seiten,Quellen,answer ids,outcome ids,version\r\n"))
        #expect(csv.contains("\r\n5,Duldung,über 3,Ja,A de,\"Arbeit\nStart\",§ 61 AsylG <https://www.gesetze-im-internet.de/asylvfg_1992/__61.html>,status=duldung months=over-3 offer=yes,apply,"), "\(csv)")
        #expect(csv.contains("\r\n7,Erlaubnis,–,Ja,F de,Arbeit,"))
        let html = try QuestionnaireGraphExport.table(id: "can-i-work", language: "ar", format: .html, content: site.content,
                                                      templates: Fixture.templates).text
        #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"))
    }

    @Test func listsTagTitlesInAnotherLanguageAndTheChooserGreetsInEvery() throws {
        let site = try Site.fixture()
        try site.write("content/de/only-german.md", Fixture.page("Nur Deutsch"))
        try site.build()
        let arabicHome = try site.read("ar/index.html")
        #expect(arabicHome.contains("<a href=\"/ar/only-german/\" lang=\"de\" dir=\"ltr\">Nur Deutsch</a> <span class=\"lang-tag\">(الألمانية)</span>"))
        #expect(!arabicHome.contains("<a href=\"/ar/work/\">العمل</a> <span class=\"lang-tag\">"), "translated pages have no tag")
        let english = try site.read("en/index.html")
        #expect(english.contains(">Darf ich arbeiten?</a> <span class=\"lang-tag\">(German)</span>"))
        let root = try site.read("index.html")
        #expect(root.contains("<span lang=\"ar\" dir=\"rtl\">أهلًا وسهلًا! يرجى اختيار لغتك.</span>"))
        #expect(root.contains("<span lang=\"de\" dir=\"ltr\">Willkommen! Bitte wählen Sie Ihre Sprache.</span>"))
        #expect(root.contains("<span lang=\"en\" dir=\"ltr\">Welcome! Please choose your language.</span>"))
    }
}
