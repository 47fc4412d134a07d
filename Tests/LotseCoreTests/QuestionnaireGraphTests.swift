import Testing
@testable import LotseCore

@Suite struct QuestionnaireGraphTests {
    typealias Fact = QuestionnaireLogic.Fact

    /// `question{fact=value,…}` for each state, for readable comparisons.
    static func describe(_ state: QuestionnaireGraph.State) -> String {
        (state.question ?? "#end") + "{" + state.facts.map(\.description).joined(separator: ",") + "}"
    }

    @Test func exploresAndMergesEquivalentStates() throws {
        let (graph, log) = QuestionnaireFixture.compile(QuestionnaireFixture.work)
        let work = try #require(graph, "\(log.diagnostics)")
        #expect(log.diagnostics.isEmpty, "\(log.diagnostics)")
        #expect(work.states.map(Self.describe) == [
            "status{}",
            // asylum and duldung: `status` is read by nothing later, so both reach this one state.
            "months{}",
            "offer{}",
            "#end{months=under-3}",
            "offer{months=over-3}",
            "#end{offer=yes}",
            "#end{offer=no}",
            "#end{months=over-3,offer=yes}",
            "#end{months=over-3,offer=no}",
        ])
        let start = work.states[work.start]
        #expect(start.question == "status")
        #expect(start.transitions.map(\.answer) == ["asylum", "duldung", "permit"])
        #expect(start.target(of: "asylum") == 1 && start.target(of: "duldung") == 1)
        #expect(work.states[3].outcomes == ["wait"])
        #expect(work.states[7].outcomes == ["apply"])
        #expect(work.states[1].outcomes == [], "question states show no outcomes")
        #expect(work.walk(["permit", "yes"]) == (5, nil))
        #expect(work.walk(["permit", "maybe"]) == (2, 1))
    }

    @Test func aFactStillReadByAnOutcomeKeepsStatesApart() throws {
        let yaml = QuestionnaireFixture.work(replacing: "when: { offer: \"no\" }",
                                             with: "when: { offer: \"no\", status: [asylum, duldung, permit] }")
        let (graph, log) = QuestionnaireFixture.compile(yaml)
        let work = try #require(graph, "\(log.diagnostics)")
        let start = work.states[work.start]
        #expect(start.target(of: "asylum") != start.target(of: "duldung"))
        #expect(work.states[start.target(of: "asylum")!].facts == [Fact("status", "asylum")])
    }

    @Test func aFactReadByALaterConditionalNextMattersUntilThere() throws {
        let yaml = """
            start: a
            questions:
              a:
                answers:
                  x: { set: { route: x }, next: b }
                  y: { set: { route: y }, next: b }
              b:
                answers:
                  go:
                    next: [ { when: { route: x }, to: c }, { to: d } ]
              c:
                answers:
                  ok: { set: { result: c } }
              d:
                answers:
                  ok: { set: { result: d } }
            outcomes:
              c: { when: { result: c } }
              d: { when: { result: d } }
            tests:
              - { answers: [x, go, ok], outcomes: [c] }
              - { answers: [y, go, ok], outcomes: [d] }
            """
        let (graph, log) = QuestionnaireFixture.compile(yaml)
        let flow = try #require(graph, "\(log.diagnostics)")
        #expect(log.diagnostics.isEmpty, "\(log.diagnostics)")
        #expect(flow.states.map(Self.describe) == [
            "a{}", "b{route=x}", "b{route=y}", "c{}", "d{}", "#end{result=c}", "#end{result=d}",
        ])
    }

    @Test func laterAnswersOverwriteFacts() throws {
        let yaml = """
            start: a
            questions:
              a: { answers: { x: { set: { f: "1" }, next: b } } }
              b: { answers: { y: { set: { f: "2" } }, z: {} } }
            outcomes:
              one: { when: { f: "1" } }
              two: { when: { f: "2" } }
            """
        let (logic, loadLog) = QuestionnaireFixture.load(yaml)
        let log = DiagnosticLog()
        let loaded = try #require(logic, "\(loadLog.diagnostics)")
        let graph = try #require(QuestionnaireGraph.explore(loaded, pageExists: { _ in true }, stateLimit: 10, log: log))
        #expect(graph.states.map(Self.describe) == ["a{}", "b{f=1}", "#end{f=2}", "#end{f=1}"])
        #expect(log.errorLines == [])
    }

    // MARK: State ids

    @Test func stateIDsAreShortOpaqueAndStable() throws {
        let id = StateID.make(questionnaire: "work", question: "status", facts: [])
        #expect(id == "rtygftedi6", "changing ids breaks readers' bookmarks")
        #expect(StateID.canonicalKey(questionnaire: "work", question: nil, facts: [Fact("offer", "yes"), Fact("months", "over-3")])
            == "work\n#end\nmonths=over-3\noffer=yes\n")
        #expect(StateID.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(StateID.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)

        let (graph, _) = QuestionnaireFixture.compile(QuestionnaireFixture.work)
        let work = try #require(graph)
        let letters = Set("abcdefghijkmnpqr")
        let alphabet = Set("abcdefghijkmnpqrstuvwxyz23456789")
        for state in work.states {
            #expect(state.id.count == 10)
            #expect(letters.contains(state.id.first!))
            #expect(state.id.allSatisfy(alphabet.contains))
            for fact in state.facts { #expect(!state.id.contains(fact.value)) }
        }
        #expect(Set(work.states.map(\.id)).count == work.states.count)
        #expect(work.states[work.start].id == id)
        #expect(StateID.make(questionnaire: "other", question: "status", facts: []) != id)
    }

    @Test func stateIDsDoNotDependOnFileOrder() throws {
        let reordered = """
            start: status
            questions:
              offer:
                answers:
                  "no":  { set: { offer: "no" } }
                  "yes": { set: { offer: "yes" } }
              months:
                answers:
                  over-3:  { set: { months: over-3 }, next: offer }
                  under-3: { set: { months: under-3 } }
              status:
                answers:
                  permit:  { set: { status: permit },  next: offer }
                  duldung: { set: { status: duldung }, next: months }
                  asylum:  { set: { status: asylum },  next: months }
            outcomes:
              search: { when: { offer: "no" }, pages: [advice] }
              apply: { when: { offer: "yes" }, pages: [work/permit, appointments] }
              wait: { when: { months: under-3 }, pages: [work/permit] }
            """
        let original = try #require(QuestionnaireFixture.compile(QuestionnaireFixture.work).graph)
        let other = try #require(QuestionnaireFixture.compile(reordered).graph)
        func ids(_ graph: QuestionnaireGraph) -> [String: String] {
            Dictionary(uniqueKeysWithValues: graph.states.map { (Self.describe($0), $0.id) })
        }
        #expect(ids(original) == ids(other))
        #expect(original.states.map(\.id) != other.states.map(\.id), "the order of states does differ")
    }

    @Test func collidingStateIDsAreAnError() throws {
        let logic = try #require(QuestionnaireFixture.load(QuestionnaireFixture.work).logic)
        let log = DiagnosticLog()
        let graph = QuestionnaireGraph.explore(logic, pageExists: { _ in true }, stateLimit: 100, log: log,
                                               makeID: { _, question, _ in question == "months" ? "same" : "s" + (question ?? "end") })
        #expect(graph == nil)
        #expect(log.errorLines.contains { $0.contains("get the same id 'soffer': question 'offer' with facts [] and question 'offer' with facts [months=over-3]") })
        #expect(log.errorLines.allSatisfy { $0.hasPrefix("1:1: ") })
    }

    // MARK: Errors found while exploring

    @Test func unreachableQuestionIsAnError() {
        let yaml = QuestionnaireFixture.work(replacing: "      \"no\":  { set: { offer: \"no\" } }\n",
                                             with: "      \"no\":  { set: { offer: \"no\" } }\n  extra:\n    answers:\n      maybe: { set: { offer: \"no\" } }\n")
        let (graph, log) = QuestionnaireFixture.compile(yaml)
        #expect(graph == nil)
        #expect(log.errorLines == ["16:3: question 'extra' can never be reached from start 'status'"])
    }

    @Test func outcomeNeverShownIsAnError() {
        let yaml = QuestionnaireFixture.work(replacing: "    pages: [advice]\n",
                                             with: "    pages: [advice]\n  never:\n    when: { months: under-3, offer: \"yes\" }\n")
        let (graph, log) = QuestionnaireFixture.compile(yaml)
        #expect(graph == nil)
        #expect(log.errorLines == ["26:3: outcome 'never' is never shown: no finished path has facts for which its when holds (when: months is under-3 and offer is yes)"])
    }

    @Test func aLoopIsAnError() {
        let yaml = QuestionnaireFixture.work(replacing: "\"no\":  { set: { offer: \"no\" } }",
                                             with: "\"no\":  { set: { offer: \"no\" }, next: status }")
        let (graph, log) = QuestionnaireFixture.compile(yaml)
        #expect(graph == nil)
        #expect(log.errorLines.contains("15:7: a path can loop forever: answer 'no' of question 'offer' leads back to an earlier step with the same facts (status --asylum--> months --over-3--> offer --no--> status)"),
                "\(log.errorLines)")
    }

    @Test func aPathEndingWithoutOutcomeIsAnError() {
        let yaml = QuestionnaireFixture.work(replacing: "when: { offer: \"no\" }", with: "when: { offer: \"no\", status: permit }")
        let (graph, log) = QuestionnaireFixture.compile(yaml)
        #expect(graph == nil)
        #expect(log.errorLines == [
            "15:7: a finished path matches no outcome: answer 'no' of question 'offer' ends the questionnaire with no outcome's when holding, e.g. after asylum, over-3, no (facts: months=over-3, offer=no, status=asylum)",
        ])
    }

    @Test func theIssuesExampleEndsWithoutOutcomeForPermit() {
        let yaml = QuestionnaireFixture.work(replacing: "when: { offer: \"yes\" }", with: "when: { status: [asylum, duldung], months: over-3, offer: \"yes\" }")
        let (_, log) = QuestionnaireFixture.compile(yaml)
        #expect(log.has(.error, at: "14:7", "a finished path matches no outcome: answer 'yes' of question 'offer' ends the questionnaire with no outcome's when holding, e.g. after permit, yes (facts: offer=yes, status=permit)"),
                "\(log.errorLines)")
    }

    @Test func aWhenMustTestFactsAndValuesThatAnswersSet() {
        let unknownFact = QuestionnaireFixture.work(replacing: "when: { months: under-3 }", with: "when: { month: under-3 }")
        let (_, log) = QuestionnaireFixture.compile(unknownFact)
        #expect(log.has(.error, at: "18:13", "when tests fact 'month', but no answer sets it (facts set by answers: months, offer, status)"),
                "\(log.errorLines)")

        let unknownValue = QuestionnaireFixture.work(replacing: "when: { months: under-3 }", with: "when: { months: [under-3, under-6] }")
        let (_, log2) = QuestionnaireFixture.compile(unknownValue)
        #expect(log2.errorLines == ["18:31: when tests whether months is 'under-6', but no answer sets months to 'under-6' (values set: over-3, under-3)"])

        let inNext = QuestionnaireFixture.work(replacing: "{ set: { months: over-3 }, next: offer }",
                                               with: "{ set: { months: over-3 }, next: [ { when: { status: permt }, to: offer }, { to: offer } ] }")
        let (_, log3) = QuestionnaireFixture.compile(inNext)
        #expect(log3.has(.error, at: "11:69", "when tests whether status is 'permt'"), "\(log3.errorLines)")
    }

    @Test func outcomePagesMustExist() {
        let yaml = QuestionnaireFixture.work(replacing: "pages: [work/permit, appointments]", with: "pages: [work/permit, appointment]")
        let (graph, log) = QuestionnaireFixture.compile(yaml)
        #expect(graph == nil)
        #expect(log.errorLines == ["22:26: outcome 'apply' links page 'appointment', which does not exist (name pages by their path below content/<lang>/, without .md)"])
    }

    @Test func tooManyStatesNameTheFactsThatMultiplyThem() throws {
        let yaml = """
            start: a
            questions:
              a:
                answers:
                  a1: { set: { x: "1" }, next: b }
                  a2: { set: { x: "2" }, next: b }
                  a3: { set: { x: "3" }, next: b }
              b:
                answers:
                  b1: { set: { y: "1" }, next: c }
                  b2: { set: { y: "2" }, next: c }
              c:
                answers:
                  c1: { set: { z: "1" } }
                  c2: { set: { z: "2" } }
            outcomes:
              any: { when: { any: [ { x: "1" }, { y: "1" }, { z: "1" }, { not: { x: "1" } } ] } }
            """
        let (graph, log) = QuestionnaireFixture.compile(yaml, stateLimit: 10)
        #expect(graph == nil)
        #expect(log.errorLines == ["1:1: questionnaire 'work' has more than 10 states (situations that each need a page); the facts that multiply them: x (3 values), y (2 values). Let fewer facts matter until the end, or split the questionnaire"])

        let (fits, log2) = QuestionnaireFixture.compile(yaml, stateLimit: 22)
        #expect(try #require(fits, "\(log2.errorLines)").states.count == 22)
    }

    // MARK: Scenario tests

    @Test func scenarioWithAWrongAnswer() {
        let yaml = QuestionnaireFixture.work(replacing: "[duldung, over-3, \"yes\"]", with: "[duldung, over-6, \"yes\"]")
        let (graph, log) = QuestionnaireFixture.compile(yaml)
        #expect(graph == nil)
        #expect(log.errorLines.first == "29:24: scenario [duldung, over-6, yes] is not a valid path: at step 2, 'over-6' is not an answer to question 'months' (possible: under-3, over-3)")
    }

    @Test func scenarioWithAnswersAfterTheEnd() {
        let yaml = QuestionnaireFixture.work(replacing: "[asylum, under-3]", with: "[asylum, under-3, \"yes\"]")
        let (_, log) = QuestionnaireFixture.compile(yaml)
        #expect(log.errorLines == ["27:32: scenario [asylum, under-3, yes] is not a valid path: at step 3 ('yes') the questionnaire has already ended after 'under-3'"])
    }

    @Test func scenarioStoppingBeforeTheEnd() {
        let yaml = QuestionnaireFixture.work(replacing: "[permit, \"no\"]", with: "[permit]")
        let (_, log) = QuestionnaireFixture.compile(yaml)
        #expect(log.errorLines == ["31:5: scenario [permit] is not a valid path: the answers stop at question 'offer' before the questionnaire ends (possible next answers: yes, no)"])
    }

    @Test func scenarioWithOtherOutcomesShowsExpectedAndGot() {
        let yaml = QuestionnaireFixture.work(replacing: "outcomes: [apply]", with: "outcomes: [wait, aply]")
        let (graph, log) = QuestionnaireFixture.compile(yaml)
        #expect(graph == nil)
        #expect(log.errorLines == [
            "30:15: scenario [duldung, over-3, yes] gives other outcomes: expected [wait, aply], got [apply]",
            "30:22: unknown outcome 'aply' in scenario test (outcomes: wait, apply, search)",
        ])
    }

    @Test func uncoveredQuestionsAnswersAndOutcomesAreWarnings() throws {
        let yaml = QuestionnaireFixture.work.components(separatedBy: "\n  - answers: [duldung")[0]
        let (graph, log) = QuestionnaireFixture.compile(yaml)
        #expect(graph != nil, "coverage gaps are warnings")
        #expect(log.warningLines == [
            "6:7: answer 'duldung' of question 'status' is covered by no scenario test",
            "7:7: answer 'permit' of question 'status' is covered by no scenario test",
            "11:7: answer 'over-3' of question 'months' is covered by no scenario test",
            "12:3: question 'offer' is covered by no scenario test (nor are its answers)",
            "20:3: outcome 'apply' is covered by no scenario test",
            "23:3: outcome 'search' is covered by no scenario test",
        ])

        let untested = QuestionnaireFixture.work.components(separatedBy: "tests:")[0]
        let (_, log2) = QuestionnaireFixture.compile(untested)
        #expect(log2.warningLines == ["1:1: questionnaire 'work' has no scenario tests: add tests that cover every question, answer and outcome"])
    }

    @Test func nextEntriesNeverTakenAreWarnings() {
        let yaml = QuestionnaireFixture.work(replacing: "{ set: { months: over-3 }, next: offer }",
                                             with: "{ set: { months: over-3 }, next: [ { when: { status: permit } }, { to: offer } ] }")
        let (graph, log) = QuestionnaireFixture.compile(yaml)
        #expect(graph != nil)
        #expect(log.warningLines == ["11:51: this entry of next of answer 'over-3' (question 'months') is never taken: on every path an earlier entry matches or its when does not hold"])
    }
}
