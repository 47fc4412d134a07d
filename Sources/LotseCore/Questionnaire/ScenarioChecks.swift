/// Runs a questionnaire's scenario tests on its compiled states (the pages
/// readers will click through) and warns about what no scenario covers.
struct ScenarioChecks {
    let logic: QuestionnaireLogic
    let graph: QuestionnaireGraph
    let log: DiagnosticLog

    func run() {
        guard !logic.tests.isEmpty else {
            log.warning(at: logic.file, "questionnaire '\(logic.id)' has no scenario tests: add tests that cover every question, answer and outcome")
            return
        }
        var questions: Set<String> = []
        var answers: Set<[String]> = []
        var outcomes: Set<String> = []
        for scenario in logic.tests {
            run(scenario, questions: &questions, answers: &answers, outcomes: &outcomes)
        }
        warnAboutUncovered(questions: questions, answers: answers, outcomes: outcomes)
    }

    private func run(_ scenario: QuestionnaireLogic.Scenario,
                     questions: inout Set<String>, answers: inout Set<[String]>, outcomes: inout Set<String>) {
        let known = Set(logic.outcomes.map(\.id))
        for (outcome, location) in zip(scenario.outcomes, scenario.outcomeLocations) where !known.contains(outcome) {
            log.error(at: location, "unknown outcome '\(outcome)' in scenario test (outcomes: \(logic.outcomes.map(\.id).joined(separator: ", ")))")
        }
        let path = scenario.answers.joined(separator: ", ")
        var current = graph.start
        for (step, answer) in scenario.answers.enumerated() {
            let state = graph.states[current]
            let location = scenario.answerLocations[step]
            guard let question = state.question else {
                log.error(at: location, "scenario [\(path)] is not a valid path: at step \(step + 1) ('\(answer)') the questionnaire has already ended after '\(scenario.answers[step - 1])'")
                return
            }
            questions.insert(question)
            guard let next = state.target(of: answer) else {
                let possible = state.transitions.map(\.answer).joined(separator: ", ")
                log.error(at: location, "scenario [\(path)] is not a valid path: at step \(step + 1), '\(answer)' is not an answer to question '\(question)' (possible: \(possible))")
                return
            }
            answers.insert([question, answer])
            current = next
        }
        let end = graph.states[current]
        if let question = end.question {
            questions.insert(question)
            let possible = end.transitions.map(\.answer).joined(separator: ", ")
            log.error(at: scenario.location, "scenario [\(path)] is not a valid path: the answers stop at question '\(question)' before the questionnaire ends (possible next answers: \(possible))")
            return
        }
        outcomes.formUnion(end.outcomes)
        if Set(end.outcomes) != Set(scenario.outcomes) {
            let expected = scenario.outcomes.isEmpty ? "none" : scenario.outcomes.joined(separator: ", ")
            let got = end.outcomes.isEmpty ? "none" : end.outcomes.joined(separator: ", ")
            log.error(at: scenario.outcomesLocation, "scenario [\(path)] gives other outcomes: expected [\(expected)], got [\(got)]")
        }
    }

    private func warnAboutUncovered(questions: Set<String>, answers: Set<[String]>, outcomes: Set<String>) {
        let reachable = Set(graph.states.compactMap(\.question))
        for question in logic.questions where reachable.contains(question.id) {
            guard questions.contains(question.id) else {
                log.warning(at: question.location, "question '\(question.id)' is covered by no scenario test (nor are its answers)")
                continue
            }
            for answer in question.answers where !answers.contains([question.id, answer.id]) {
                log.warning(at: answer.location, "answer '\(answer.id)' of question '\(question.id)' is covered by no scenario test")
            }
        }
        let shown = Set(graph.states.flatMap(\.outcomes))
        for outcome in logic.outcomes where shown.contains(outcome.id) && !outcomes.contains(outcome.id) {
            log.warning(at: outcome.location, "outcome '\(outcome.id)' is covered by no scenario test")
        }
    }
}
