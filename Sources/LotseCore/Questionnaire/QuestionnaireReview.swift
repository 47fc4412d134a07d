/// What a reviewer signs off, in one language: the decision table with
/// question and answer texts, each outcome with its condition in words and
/// its linked pages and their sources, the scenario tests with their result,
/// and the version. The proofing page and `lotse graph --table` both print
/// this, so a signed printout matches either.
public struct QuestionnaireReview: Sendable {
    public struct Step: Sendable {
        public var question: String
        public var questionText: String
        public var answers: [String]
        public var answerTexts: [String]
    }

    public struct Row: Sendable {
        public var number: Int
        public var steps: [Step]
        public var outcomes: [String]
        public var end: Int
    }

    public struct Page: Sendable {
        /// As written in the logic (`work/permit`).
        public var path: String
        public var title: String
        /// False when the page is shown in the source language here.
        public var isTranslated: Bool
        public var sources: [PageSource.Source]
    }

    public struct Outcome: Sendable {
        public var id: String
        public var title: String
        /// The `when` in words, in the language.
        public var condition: String
        /// The `when` with ids, as small print.
        public var conditionIDs: String
        public var pages: [Page]
    }

    public struct Scenario: Sendable {
        public var steps: [Step]
        public var expected: [String]
        public var got: [String]?
        public var passed: Bool
        /// The decision table row the scenario follows.
        public var row: Int?
    }

    public var language: String
    public var title: String
    public var version: String
    public var rows: [Row]
    public var isTruncated: Bool
    public var outcomes: [Outcome]
    public var scenarios: [Scenario]

    /// `page` finds an outcome page (path as written) in the language: its
    /// title, whether it is translated, and its sources.
    init(logic: QuestionnaireLogic, graph: QuestionnaireGraph, table: DecisionTable, texts: QuestionnaireTexts,
         strings: [String: String], page: (String) -> Page?) {
        language = texts.language
        title = texts.title
        version = QuestionnaireVersion.make(logic, texts: texts)
        func step(_ question: String, _ answers: [String]) -> Step {
            Step(question: question, questionText: texts.questions[question]?.text ?? question,
                 answers: answers, answerTexts: answers.map { texts.label(question: question, answer: $0) })
        }
        rows = table.rows.enumerated().map { index, row in
            Row(number: index + 1, steps: row.steps.map { step($0.question, $0.answers) }, outcomes: row.outcomes, end: row.end)
        }
        isTruncated = table.isTruncated
        let words = ConditionWords(logic: logic, texts: texts, strings: strings)
        outcomes = logic.outcomes.map { outcome in
            Outcome(id: outcome.id, title: texts.outcomes[outcome.id]?.title ?? outcome.id,
                    condition: words.words(outcome.when), conditionIDs: outcome.when?.description ?? "always",
                    pages: outcome.pages.compactMap(page))
        }
        scenarios = logic.tests.map { scenario in
            var steps: [Step] = []
            var current = graph.start
            var failed = false
            for answer in scenario.answers {
                guard let question = graph.states[current].question, let next = graph.states[current].target(of: answer) else {
                    failed = true
                    break
                }
                steps.append(step(question, [answer]))
                current = next
            }
            let end = graph.states[current]
            let got: [String]? = failed || !end.isEnd ? nil : end.outcomes
            return Scenario(steps: steps, expected: scenario.outcomes, got: got,
                            passed: got.map { Set($0) == Set(scenario.outcomes) } ?? false,
                            row: table.row(following: scenario.answers).map { $0 + 1 })
        }
    }

    public func outcome(_ id: String) -> Outcome? {
        outcomes.first { $0.id == id }
    }
}
