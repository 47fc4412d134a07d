import Foundation
import Testing
@testable import LotseCore

/// Change links, progress, the decision table, conditions in words and the
/// version: the engine side of reviewing and correcting a questionnaire.
@Suite struct QuestionnaireReviewTests {
    typealias Describe = QuestionnaireGraphTests

    /// `b` is asked at two different states (`route` still matters there),
    /// which merge again at `c`; `z` reaches `c` without asking `b`.
    static let merging = """
        start: a
        questions:
          a:
            answers:
              x: { set: { route: x }, next: b }
              y: { set: { route: y }, next: b }
          b:
            answers:
              ok:
                set: { b: ok }
                next: [ { when: { route: x }, to: c }, { to: c } ]
          c:
            answers:
              p: { set: { result: p } }
              q: { set: { result: q } }
        outcomes:
          p: { when: { result: p } }
          q: { when: { result: q } }
        tests:
          - { answers: [x, ok, p], outcomes: [p] }
          - { answers: [y, ok, q], outcomes: [q] }
        """

    static func graph(_ yaml: String) throws -> QuestionnaireGraph {
        let (graph, log) = QuestionnaireFixture.compile(yaml)
        return try #require(graph, "\(log.diagnostics)")
    }

    static func state(_ graph: QuestionnaireGraph, _ description: String) throws -> Int {
        try #require(graph.states.firstIndex { Describe.describe($0) == description }, "no state \(description)")
    }

    @Test func answersKnownOnEveryPathWithTheStateWhereEachWasAsked() throws {
        let work = try Self.graph(QuestionnaireFixture.work)
        let paths = StatePaths(work)
        // months{} is reached by asylum and by duldung: the page cannot know which.
        let months = try Self.state(work, "months{}")
        #expect(paths.answered[months] == [.init(question: "status", answer: nil, changeState: work.start, askedAt: [work.start])])
        let end = try Self.state(work, "#end{months=over-3,offer=yes}")
        let offer = try Self.state(work, "offer{months=over-3}")
        #expect(paths.answered[end].map(\.question) == ["status", "months", "offer"], "in the order asked")
        #expect(paths.answered[end].map(\.answer) == [nil, "over-3", "yes"])
        #expect(paths.answered[end].map(\.changeState) == [work.start, months, offer])
        let permit = try Self.state(work, "#end{offer=yes}")
        #expect(paths.answered[permit].map(\.answer) == ["permit", "yes"])
        #expect(paths.answered[work.start].isEmpty)
    }

    @Test func aQuestionAskedAtDifferentStatesIsChangedWhereEveryPathPasses() throws {
        let flow = try Self.graph(Self.merging)
        #expect(flow.states.map(Describe.describe) == ["a{}", "b{route=x}", "b{route=y}", "c{}", "#end{result=p}", "#end{result=q}"])
        let paths = StatePaths(flow)
        let c = try Self.state(flow, "c{}")
        let b = paths.answered[c].first { $0.question == "b" }
        #expect(b?.answer == "ok")
        #expect(b?.askedAt == [1, 2])
        // Not b{route=x} or b{route=y}: a reader who came by the other one would land on a
        // page that shows an answer they never gave. The start is on every path.
        #expect(b?.changeState == flow.start)
        // On b{route=x} itself, `a` is known.
        #expect(paths.answered[1] == [.init(question: "a", answer: "x", changeState: flow.start, askedAt: [flow.start])])

        // A path that skips b: b is no longer asked on every path to c.
        let skipping = Self.merging.replacingOccurrences(of: "      y: { set: { route: y }, next: b }",
                                                         with: "      y: { set: { route: y }, next: b }\n      z: { set: { route: z }, next: c }")
            .replacingOccurrences(of: "outcomes: [q] }", with: "outcomes: [q] }\n  - { answers: [z, p], outcomes: [p] }")
        let skip = try Self.graph(skipping)
        let skipC = try Self.state(skip, "c{}")
        #expect(StatePaths(skip).answered[skipC].map(\.question) == ["a"])
    }

    @Test func progressCountsTheLongestWayHereAndOnward() throws {
        let work = try Self.graph(QuestionnaireFixture.work)
        let paths = StatePaths(work)
        func progress(_ description: String) throws -> [Int]? {
            try paths.progress[Self.state(work, description)].map { [$0.number, $0.ofAtMost] }
        }
        #expect(try progress("status{}") == [1, 3])
        #expect(try progress("months{}") == [2, 3])
        #expect(try progress("offer{}") == [2, 2], "permit skips months")
        #expect(try progress("offer{months=over-3}") == [3, 3])
        #expect(try progress("#end{offer=yes}") == nil)
        // Numbers never go back along a path, and "at most" is never too small.
        for (index, state) in work.states.enumerated() {
            for transition in state.transitions {
                if let here = paths.progress[index], let next = paths.progress[transition.target] {
                    #expect(next.number > here.number)
                }
            }
        }
    }

    /// The proof that Change links are right, on the fixtures and every bundled questionnaire:
    /// for every scenario, each Change link on its result page goes to a state on the
    /// scenario's own path, and answering the same again from there reaches the same result.
    @Test(arguments: ["work", "merging", "can-i-work", "can-my-family-join", "my-residence-prospects"])
    func changeLinksLeadToAStateOnThePathAndBackToTheSameResult(_ name: String) throws {
        let logic: QuestionnaireLogic
        let graph: QuestionnaireGraph
        switch name {
        case "work", "merging":
            let yaml = name == "work" ? QuestionnaireFixture.work : Self.merging
            logic = try #require(QuestionnaireFixture.load(yaml).logic)
            graph = try Self.graph(yaml)
        default:
            let text = try String(contentsOf: Fixture.repoRoot.appendingPathComponent("content/questionnaires/\(name).yaml"), encoding: .utf8)
            logic = try #require(QuestionnaireLogic.load(text: text, id: name, displayPath: name, log: DiagnosticLog()))
            graph = try #require(QuestionnaireGraph.explore(logic, pageExists: { _ in true }, log: DiagnosticLog()))
        }
        let paths = StatePaths(graph)
        for scenario in logic.tests {
            var trail = [graph.start]
            for answer in scenario.answers { trail.append(try #require(graph.states[trail.last!].target(of: answer))) }
            let end = trail.last!
            #expect(!paths.answered[end].isEmpty)
            for answered in paths.answered[end] {
                let step = try #require(trail.firstIndex(of: answered.changeState), "\(name) \(scenario.answers): Change for \(answered.question) leaves the path")
                #expect(paths.dominates(answered.changeState, end))
                if answered.askedAt.count == 1 {
                    #expect(graph.states[answered.changeState].question == answered.question)
                    if let answer = answered.answer { #expect(scenario.answers[step] == answer) }
                }
                let again = graph.walk(Array(scenario.answers[step...]), from: answered.changeState)
                #expect(again == end, "\(name) \(scenario.answers): answering again from \(answered.question)")
            }
        }
        // Everywhere, not only on the scenarios' paths: the Change state is on every way here.
        for index in graph.states.indices {
            for answered in paths.answered[index] {
                #expect(paths.dominates(answered.changeState, index))
                #expect(answered.askedAt.allSatisfy { paths.dominates(answered.changeState, $0) })
            }
        }
    }

    @Test func decisionTableMergesAnswersThatLeadTheSameWay() throws {
        let work = try Self.graph(QuestionnaireFixture.work)
        let table = DecisionTable(work)
        let rows = table.rows.map { row in
            row.steps.map { "\($0.question)=\($0.answers.joined(separator: "|"))" }.joined(separator: " ") + " => " + row.outcomes.joined(separator: ",")
        }
        #expect(rows == [
            "status=asylum|duldung months=under-3 => wait",
            "status=asylum|duldung months=over-3 offer=yes => apply",
            "status=asylum|duldung months=over-3 offer=no => search",
            "status=permit offer=yes => apply",
            "status=permit offer=no => search",
        ])
        #expect(!table.isTruncated)
        #expect(table.row(following: ["duldung", "over-3", "no"]) == 2)
        #expect(table.row(following: ["permit"]) == nil)
        let truncated = DecisionTable(work, limit: 2)
        #expect(truncated.rows.count == 2 && truncated.isTruncated)
    }

    @Test(arguments: ["can-i-work", "can-my-family-join", "my-residence-prospects"])
    func everyScenarioOfTheBundledQuestionnairesIsARowWithItsOutcomes(_ id: String) throws {
        let text = try String(contentsOf: Fixture.repoRoot.appendingPathComponent("content/questionnaires/\(id).yaml"), encoding: .utf8)
        let logic = try #require(QuestionnaireLogic.load(text: text, id: id, displayPath: id, log: DiagnosticLog()))
        let graph = try #require(QuestionnaireGraph.explore(logic, pageExists: { _ in true }, log: DiagnosticLog()))
        let table = DecisionTable(graph)
        #expect(!table.isTruncated)
        #expect(Set(table.rows.map(\.end)) == Set(graph.states.indices.filter { graph.states[$0].isEnd }), "every end state is in the table")
        for scenario in logic.tests {
            let row = try #require(table.row(following: scenario.answers), "\(id) \(scenario.answers)")
            #expect(Set(table.rows[row].outcomes) == Set(scenario.outcomes))
        }
    }

    @Test func conditionsInWordsInTwoLanguages() throws {
        let logic = try #require(QuestionnaireFixture.load(QuestionnaireFixture.work).logic)
        let german = try QuestionnaireDOTTests.german(logic)
        let condition = try #require(QuestionnaireFixture.load("""
            start: a
            questions: { a: { answers: { x: { set: { status: asylum } } } } }
            outcomes:
              o:
                when:
                  status: [asylum, duldung]
                  any: [ { months: over-3 }, { not: { offer: "no" } } ]
            """).logic?.outcomes.first?.when)
        let de = ConditionWords(logic: logic, texts: german, strings: Self.strings("de"))
        #expect(de.words(condition) == "Welches Dokument haben Sie? – Antwort: Aufenthaltsgestattung oder Duldung und "
                + "(Wie lange sind Sie schon hier? – Antwort: Mehr als 3 Monate oder Haben Sie ein \"Jobangebot\"? – jede Antwort außer Nein)")
        #expect(de.words(nil) == "immer")
        let arabicTexts = try #require(QuestionnaireTexts.load(text: QuestionnaireTextsTests.arabic, language: "ar",
                                                               displayPath: QuestionnaireTextsTests.arabicPath, source: german,
                                                               logic: logic, log: DiagnosticLog()))
        let ar = ConditionWords(logic: logic, texts: arabicTexts, strings: Self.strings("ar"))
        #expect(ar.words(logic.outcomes[0].when) == "منذ متى أنت هنا؟ – الإجابة: أقل من 3 أشهر")
        #expect(ar.words(condition).contains(" و ("))
        #expect(!ar.words(condition).contains(" and ") && !ar.words(condition).contains(" or "))
        // Where an answer leads, with a conditional next.
        let branching = try #require(QuestionnaireFixture.load(QuestionnaireFixture.work(
            replacing: "{ set: { months: over-3 }, next: offer }",
            with: "{ set: { months: over-3 }, next: [ { when: { status: asylum }, to: offer } ] }")).logic)
        let words = ConditionWords(logic: branching, texts: german, strings: Self.strings("de"))
        #expect(words.leadsTo(branching.questions[1].answers[1].next)
                == "wenn Welches Dokument haben Sie? – Antwort: Aufenthaltsgestattung: Haben Sie ein \"Jobangebot\"?; sonst: Ende: Ergebnisse")
    }

    /// The shipped interface strings of a language.
    static func strings(_ language: String) -> [String: String] {
        let url = Fixture.repoRoot.appendingPathComponent("templates/strings/\(language).yaml")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        var table: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            table[String(line[..<colon])] = value
        }
        return table
    }

    @Test func everyShippedLanguageHasTheReviewStrings() throws {
        let keys = ["q_cond_is", "q_cond_is_not", "q_cond_and", "q_cond_or", "q_cond_not", "q_cond_always", "q_cond_if",
                    "progress", "change", "lang_tag", "root_greeting", "review_version", "review_date", "decision_table",
                    "decision_table_intro", "table_answers", "table_outcomes", "table_pages", "scenario_tests",
                    "scenario_passed", "scenario_failed", "signoff_heading", "signoff_reviewed_by", "signoff_reviewed_on",
                    "signoff_signature"]
        let english = Self.strings("en")
        for language in ["de", "en", "ar", "uk", "fa", "tr", "ru", "ps", "ku", "ti"] {
            let table = Self.strings(language)
            for key in keys {
                #expect(!(table[key] ?? "").isEmpty, "\(language): \(key)")
                if language != "en", !["lang_tag", "review_version"].contains(key) {
                    #expect(table[key] != english[key], "\(language): \(key) is still English")
                }
            }
        }
    }

    @Test func versionChangesWithTheLogicAndTextsOnly() throws {
        let logic = try #require(QuestionnaireFixture.load(QuestionnaireFixture.work).logic)
        let texts = try QuestionnaireDOTTests.german(logic)
        let version = QuestionnaireVersion.make(logic, texts: texts)
        #expect(version.count == 10)
        // Comments, blank lines and quoting do not change it.
        let reformatted = try #require(QuestionnaireFixture.load("# reviewed\n" + QuestionnaireFixture.work
            .replacingOccurrences(of: "start: status", with: "start: \"status\"\n")).logic)
        #expect(QuestionnaireVersion.make(reformatted, texts: texts) == version)
        // Neither does the order of keys in the texts file.
        let reordered = try #require(QuestionnaireTexts.load(
            text: QuestionnaireTextsTests.german.replacingOccurrences(of: "title: Darf ich arbeiten?\n", with: "") + "\ntitle: Darf ich arbeiten?",
            language: "de", displayPath: QuestionnaireTextsTests.germanPath, source: nil, logic: logic, log: DiagnosticLog()))
        #expect(QuestionnaireVersion.make(logic, texts: reordered) == version)
        // Where an answer leads, what it sets, when an outcome shows, and any text do.
        let changes = [
            ("next: offer }\n  months", "}\n  months"),
            ("{ set: { months: under-3 } }", "{ set: { months: under-3 }, next: offer }"),
            ("when: { months: under-3 }", "when: { months: [under-3, over-3] }"),
            ("pages: [advice]", "pages: [advice, appointments]"),
        ]
        for (old, new) in changes {
            let changed = try #require(QuestionnaireFixture.load(QuestionnaireFixture.work(replacing: old, with: new)).logic, "\(old)")
            #expect(QuestionnaireVersion.make(changed, texts: texts) != version, "\(old) → \(new)")
        }
        var edited = texts
        edited.questions["months"]?.answers["over-3"] = "Mehr als drei Monate"
        #expect(QuestionnaireVersion.make(logic, texts: edited) != version)
        #expect(QuestionnaireVersion.make(logic, texts: .fallback(language: "en", source: texts)) != version, "one version per language")
    }
}
