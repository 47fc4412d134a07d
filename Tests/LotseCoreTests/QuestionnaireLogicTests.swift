import Testing
@testable import LotseCore

/// Fixtures and helpers shared by the questionnaire tests.
enum QuestionnaireFixture {
    static let path = "content/questionnaires/work.yaml"

    /// The issue's example, with an outcome for every finished path and
    /// scenario tests covering everything. Line numbers matter: tests
    /// replace single lines to provoke errors at known positions.
    static let work = """
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
            pages: [work/permit]
          apply:
            when: { offer: "yes" }
            pages: [work/permit, appointments]
          search:
            when: { offer: "no" }
            pages: [advice]
        tests:
          - answers: [asylum, under-3]
            outcomes: [wait]
          - answers: [duldung, over-3, "yes"]
            outcomes: [apply]
          - answers: [permit, "no"]
            outcomes: [search]
        """

    /// `work` with `old` replaced by `new` (which must occur exactly once).
    static func work(replacing old: String, with new: String) -> String {
        precondition(work.components(separatedBy: old).count == 2, "fixture text must occur once: \(old)")
        return work.replacingOccurrences(of: old, with: new)
    }

    static func load(_ yaml: String, id: String = "work") -> (logic: QuestionnaireLogic?, log: DiagnosticLog) {
        let log = DiagnosticLog()
        return (QuestionnaireLogic.load(text: yaml, id: id, displayPath: path, log: log), log)
    }

    static let pages: Set<String> = ["work/permit", "appointments", "advice", "advice-service"]

    /// Loads and explores; the log holds the diagnostics of both.
    static func compile(_ yaml: String, stateLimit: Int = 5000) -> (graph: QuestionnaireGraph?, log: DiagnosticLog) {
        let (logic, log) = load(yaml)
        guard let logic else { return (nil, log) }
        let graph = QuestionnaireGraph.explore(logic, pageExists: { pages.contains($0) }, stateLimit: stateLimit, log: log)
        return (graph, log)
    }
}

extension DiagnosticLog {
    /// `line:col: message` of each error, for exact position checks.
    var errorLines: [String] { lines(.error) }
    var warningLines: [String] { lines(.warning) }

    private func lines(_ severity: Diagnostic.Severity) -> [String] {
        diagnostics.filter { $0.severity == severity }.map { diagnostic in
            guard let location = diagnostic.location else { return diagnostic.message }
            return "\(location.line):\(location.column): \(diagnostic.message)"
        }
    }

    /// Whether a diagnostic of this severity stands at `line:col` and its message contains `text`.
    func has(_ severity: Diagnostic.Severity, at position: String, _ text: String) -> Bool {
        lines(severity).contains { $0.hasPrefix(position + ": ") && $0.contains(text) }
    }
}

@Suite struct QuestionnaireLogicTests {
    @Test func loadsTheExample() throws {
        let (logic, log) = QuestionnaireFixture.load(QuestionnaireFixture.work)
        let work = try #require(logic, "\(log.diagnostics)")
        #expect(log.diagnostics.isEmpty)
        #expect(work.id == "work")
        #expect(work.start == "status")
        #expect(work.startLocation.description == "content/questionnaires/work.yaml:1:8")
        #expect(work.questions.map(\.id) == ["status", "months", "offer"])
        #expect(work.questions[0].answers.map(\.id) == ["asylum", "duldung", "permit"])
        #expect(work.questions[0].location.description == "content/questionnaires/work.yaml:3:3")
        #expect(work.questions[0].answers[2].location.description == "content/questionnaires/work.yaml:7:7")
        #expect(work.questions[0].answers[0].sets == [.init("status", "asylum")])
        guard case let .question(next, at: location) = work.questions[0].answers[0].next else {
            Issue.record("asylum should lead to a question")
            return
        }
        #expect(next == "months")
        #expect(location.line == 5 && location.column == 50)
        guard case .end = work.questions[1].answers[0].next else {
            Issue.record("under-3 should end the questionnaire")
            return
        }
        #expect(work.outcomes.map(\.id) == ["wait", "apply", "search"])
        #expect(work.outcomes[1].pages == ["work/permit", "appointments"])
        #expect(work.outcomes[1].pageLocations.map(\.column) == [13, 26])
        #expect(work.tests.count == 3)
        #expect(work.tests[1].answers == ["duldung", "over-3", "yes"])
        #expect(work.tests[1].outcomes == ["apply"])
    }

    @Test func yesAndNoStayText() throws {
        let yaml = """
            start: offer
            questions:
              offer:
                answers:
                  yes: { set: { offer: yes } }
                  no:  { set: { offer: no }, next: ~ }
            outcomes:
              apply: { when: { offer: yes } }
              search: { when: { offer: [no, "NO"] } }
            """
        let (logic, log) = QuestionnaireFixture.load(yaml)
        let offer = try #require(logic, "\(log.diagnostics)").questions[0]
        #expect(offer.answers.map(\.id) == ["yes", "no"])
        #expect(offer.answers.map(\.sets) == [[.init("offer", "yes")], [.init("offer", "no")]])
        #expect(logic?.outcomes[1].when?.description == "offer is no or NO")
    }

    @Test func conditionalNext() throws {
        let yaml = """
            start: a
            questions:
              a:
                answers:
                  x:
                    set: { f: x }
                    next: [ { when: { f: x }, to: b }, { when: { not: { f: x } } }, { to: c } ]
              b: { answers: { y: {} } }
              c: { answers: { z: } }
            outcomes:
              done: {}
            """
        let (logic, log) = QuestionnaireFixture.load(yaml)
        let answer = try #require(logic, "\(log.diagnostics)").questions[0].answers[0]
        guard case let .branches(branches) = answer.next else {
            Issue.record("expected a conditional next")
            return
        }
        #expect(branches.map(\.to) == ["b", nil, "c"])
        #expect(branches.map { $0.when?.description } == ["f is x", "f is not x", nil])
        #expect(answer.next.target(given: ["f": "x"]) == "b")
        #expect(answer.next.target(given: ["f": "y"]) == nil)
        #expect(logic?.questions[2].answers[0].sets == [])
        #expect(logic?.outcomes[0].when == nil)
    }

    @Test func conditionsHoldAndDescribeThemselves() throws {
        let yaml = """
            start: a
            questions:
              a: { answers: { x: { set: { status: asylum, months: over-3, offer: "yes" } } } }
            outcomes:
              apply:
                when: { status: [asylum, duldung], months: over-3, offer: "yes" }
              other:
                when:
                  any:
                    - { status: none }
                    - all: [ { status: permit }, { not: { offer: [yes, no] } } ]
                  not: { months: [under-3, 3-to-6, over-6] }
            """
        let log = DiagnosticLog()
        let logic = try #require(QuestionnaireLogic.load(text: yaml, id: "t", displayPath: "t.yaml", log: log), "\(log.diagnostics)")
        let apply = try #require(logic.outcomes[0].when)
        #expect(apply.description == "status is asylum or duldung and months is over-3 and offer is yes")
        #expect(apply.facts == ["status", "months", "offer"])
        #expect(apply.holds(["status": "duldung", "months": "over-3", "offer": "yes"]))
        #expect(!apply.holds(["status": "permit", "months": "over-3", "offer": "yes"]))
        #expect(!apply.holds(["months": "over-3", "offer": "yes"]), "a fact never set equals no value")
        let other = try #require(logic.outcomes[1].when)
        #expect(other.description == "(status is none or (status is permit and offer is neither yes nor no)) and months is none of under-3, 3-to-6, over-6")
        #expect(other.holds(["status": "permit"]))
        #expect(other.holds(["status": "none", "offer": "yes"]))
        #expect(!other.holds(["status": "permit", "offer": "no"]))
        #expect(!other.holds(["status": "none", "months": "over-6"]))
        #expect(Condition.all([]).description == "always" && Condition.all([]).holds([:]))
    }

    // MARK: Errors found while loading

    @Test func missingStartIsAnError() {
        let (logic, log) = QuestionnaireFixture.load(QuestionnaireFixture.work(replacing: "start: status\n", with: "\n"))
        #expect(logic == nil)
        #expect(log.has(.error, at: "1:1", "questionnaire has no 'start'"))
    }

    @Test func startMustNameAQuestion() {
        let (logic, log) = QuestionnaireFixture.load(QuestionnaireFixture.work(replacing: "start: status", with: "start: stauts"))
        #expect(logic == nil)
        #expect(log.errorLines == ["1:8: start names no question: 'stauts' (questions: status, months, offer)"])
    }

    @Test func nextMustNameAQuestion() {
        let yaml = QuestionnaireFixture.work(replacing: "{ set: { status: duldung }, next: months }",
                                             with: "{ set: { status: duldung }, next: month }")
        let (logic, log) = QuestionnaireFixture.load(yaml)
        #expect(logic == nil)
        #expect(log.errorLines == ["6:50: next names no question: 'month' (questions: status, months, offer)"])
    }

    @Test func toMustNameAQuestion() {
        let yaml = QuestionnaireFixture.work(replacing: "{ set: { months: over-3 }, next: offer }",
                                             with: "{ set: { months: over-3 }, next: [ { when: { status: asylum }, to: ofer }, { to: offer } ] }")
        let (logic, log) = QuestionnaireFixture.load(yaml)
        #expect(logic == nil)
        #expect(log.errorLines == ["11:83: to names no question: 'ofer' (questions: status, months, offer)"])
    }

    @Test func aQuestionNeedsAnswers() {
        let yaml = QuestionnaireFixture.work(replacing: "  offer:\n    answers:\n", with: "  offer:\n    answer:\n")
        let (logic, log) = QuestionnaireFixture.load(yaml)
        #expect(logic == nil)
        #expect(log.errorLines == ["12:3: question 'offer' has no answers"])
        #expect(log.has(.warning, at: "13:5", "unknown key 'answer' in question 'offer'; did you mean 'answers'? (known: answers)"))
    }

    @Test func idsMustBeLowercaseWords() {
        var yaml = QuestionnaireFixture.work(replacing: "  months:\n", with: "  Months:\n")
        yaml = yaml.replacingOccurrences(of: "next: months", with: "next: Months")
        yaml = yaml.replacingOccurrences(of: "over-3:  {", with: "over 3:  {")
        let (logic, log) = QuestionnaireFixture.load(yaml)
        #expect(logic == nil)
        #expect(log.has(.error, at: "8:3", "'Months' is not a valid question id"))
        #expect(log.has(.error, at: "11:7", "'over 3' is not a valid answer id"))
        #expect(log.errorLines.count == 2)
    }

    @Test func unknownKeysAreWarnings() throws {
        var yaml = QuestionnaireFixture.work(replacing: "start: status", with: "start: status\ntitle: Work")
        yaml = yaml.replacingOccurrences(of: "under-3: { set: { months: under-3 } }", with: "under-3: { set: { months: under-3 }, goto: offer }")
        yaml = yaml.replacingOccurrences(of: "pages: [advice]", with: "page: [advice]")
        let (logic, log) = QuestionnaireFixture.load(yaml)
        #expect(logic != nil)
        #expect(log.errorLines == [])
        #expect(log.warningLines == [
            "2:1: unknown key 'title' in questionnaire logic (known: start, questions, outcomes, tests)",
            "11:44: unknown key 'goto' in answer 'under-3' of question 'months' (known: set, next)",
            "26:5: unknown key 'page' in outcome 'search'; did you mean 'pages'? (known: when, pages)",
        ])
    }

    @Test func questionLevelNextIsNotAllowed() {
        let yaml = QuestionnaireFixture.work(replacing: "  offer:\n", with: "  offer:\n    next: months\n")
        let (_, log) = QuestionnaireFixture.load(yaml)
        #expect(log.has(.warning, at: "13:5", "next belongs to each answer"))
    }

    @Test func invalidYAMLIsAnErrorWithItsPosition() {
        let (logic, log) = QuestionnaireFixture.load("start: a\nquestions:\n  a: { answers: [\n")
        #expect(logic == nil)
        #expect(log.hasErrors)
        #expect(log.diagnostics.first?.location?.path == QuestionnaireFixture.path)
    }

    @Test func malformedWhenIsAnError() {
        let yaml = QuestionnaireFixture.work(replacing: "when: { offer: \"no\" }", with: "when: { offer: [], any: {} }")
        let (logic, log) = QuestionnaireFixture.load(yaml)
        #expect(logic == nil)
        #expect(log.has(.error, at: "24:20", "fact 'offer' in when needs a value"))
        #expect(log.has(.error, at: "24:29", "any must be a non-empty list"))
    }
}
