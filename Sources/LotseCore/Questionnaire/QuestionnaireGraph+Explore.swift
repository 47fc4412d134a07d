extension QuestionnaireGraph {
    /// The site's default for `stateLimit`.
    public static let defaultStateLimit = 5000

    /// Compiles a loaded questionnaire into its states, and checks every
    /// guarantee the build gives:
    ///
    /// - every `when` tests a fact and values that some answer sets;
    /// - every outcome page exists (`pageExists` gets the path as written,
    ///   e.g. `work/permit`);
    /// - there are at most `stateLimit` states (otherwise the error names
    ///   the facts that multiply them, and exploring stops);
    /// - state ids do not collide;
    /// - no path loops forever;
    /// - every finished path shows at least one outcome;
    /// - every question can be reached and every outcome can be shown;
    /// - every scenario test is a valid path giving exactly its outcomes.
    ///
    /// Warns about `next` entries that are never taken and about questions,
    /// answers and outcomes covered by no scenario test.
    ///
    /// Errors point at the YAML node in the logic file. Returns nil exactly
    /// when it reported an error, so the caller can stop this questionnaire.
    public static func explore(_ logic: QuestionnaireLogic, pageExists: (String) -> Bool,
                               stateLimit: Int = defaultStateLimit, log: DiagnosticLog) -> QuestionnaireGraph? {
        explore(logic, pageExists: pageExists, stateLimit: stateLimit, log: log, makeID: StateID.make)
    }

    /// The checks that need no exploring (`when` tests facts and values some
    /// answer sets; outcome pages exist), for a questionnaire whose file has
    /// other errors, so one run reports as much as it can.
    static func checkWithoutExploring(_ logic: QuestionnaireLogic, pageExists: (String) -> Bool, log: DiagnosticLog) {
        QuestionnaireChecks(logic: logic, log: log).runStatic(pageExists: pageExists)
    }

    /// ``explore(_:pageExists:stateLimit:log:)`` with the id function
    /// replaceable, so tests can force id collisions.
    static func explore(_ logic: QuestionnaireLogic, pageExists: (String) -> Bool, stateLimit: Int, log: DiagnosticLog,
                        makeID: (String, String?, [QuestionnaireLogic.Fact]) -> String) -> QuestionnaireGraph? {
        let (graph, hasErrors) = log.stage { log -> QuestionnaireGraph? in
            QuestionnaireChecks(logic: logic, log: log).run(pageExists: pageExists, stateLimit: stateLimit, makeID: makeID)
        }
        return hasErrors ? nil : graph
    }
}

/// The checks of ``QuestionnaireGraph/explore(_:pageExists:stateLimit:log:)``, in order.
private struct QuestionnaireChecks {
    let logic: QuestionnaireLogic
    let log: DiagnosticLog

    func runStatic(pageExists: (String) -> Bool) {
        checkConditionsTestSetFacts()
        checkPages(pageExists)
    }

    func run(pageExists: (String) -> Bool, stateLimit: Int,
             makeID: (String, String?, [QuestionnaireLogic.Fact]) -> String) -> QuestionnaireGraph? {
        runStatic(pageExists: pageExists)
        let exploration = QuestionnaireExploration(logic, relevance: RelevantFacts(logic), limit: stateLimit)
        if exploration.exceededLimit {
            let facts = exploration.factValueCounts().map { "\($0.fact) (\($0.count) values)" }
            log.error(at: logic.file, """
                questionnaire '\(logic.id)' has more than \(stateLimit) states (situations that each need a page); \
                the facts that multiply them: \(facts.isEmpty ? "none" : facts.joined(separator: ", ")). \
                Let fewer facts matter until the end, or split the questionnaire
                """)
            return nil
        }
        let graph = makeGraph(exploration, makeID: makeID)
        checkIDsAreUnique(graph, exploration)
        checkNoLoops(exploration)
        checkEveryEndHasOutcomes(graph, exploration)
        checkEverythingReachable(graph, exploration)
        warnAboutBranchesNeverTaken(exploration)
        ScenarioChecks(logic: logic, graph: graph, log: log).run()
        return graph
    }

    private func makeGraph(_ exploration: QuestionnaireExploration,
                           makeID: (String, String?, [QuestionnaireLogic.Fact]) -> String) -> QuestionnaireGraph {
        let states = exploration.keys.enumerated().map { index, key in
            let values = Dictionary(key.facts.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
            return QuestionnaireGraph.State(
                id: makeID(logic.id, key.question, key.facts),
                question: key.question,
                facts: key.facts,
                outcomes: key.question == nil ? logic.outcomes(for: values) : [],
                transitions: exploration.edges[index].map {
                    QuestionnaireGraph.Transition(answer: logic.questions[$0.question].answers[$0.answer].id, target: $0.target)
                })
        }
        return QuestionnaireGraph(questionnaire: logic.id, states: states, start: 0)
    }

    // MARK: Static checks

    /// A `when` must test a fact some answer sets, with values some answer sets.
    private func checkConditionsTestSetFacts() {
        let settable = logic.settableValues
        var conditions: [Condition] = logic.outcomes.compactMap(\.when)
        for question in logic.questions {
            for answer in question.answers { conditions += answer.next.conditions }
        }
        for test in conditions.flatMap(\.tests) {
            guard let values = settable[test.fact] else {
                log.error(at: test.location, "when tests fact '\(test.fact)', but no answer sets it (facts set by answers: \(settable.keys.sorted().joined(separator: ", ")))")
                continue
            }
            for (value, location) in zip(test.values, test.valueLocations) where !values.contains(value) {
                log.error(at: location, "when tests whether \(test.fact) is '\(value)', but no answer sets \(test.fact) to '\(value)' (values set: \(values.sorted().joined(separator: ", ")))")
            }
        }
    }

    private func checkPages(_ pageExists: (String) -> Bool) {
        for outcome in logic.outcomes {
            for (page, location) in zip(outcome.pages, outcome.pageLocations) where !pageExists(QuestionnaireLogic.Outcome.pagePath(page)) {
                log.error(at: location, "outcome '\(outcome.id)' links page '\(page)', which does not exist (name pages by their path below content/<lang>/, without .md)")
            }
        }
    }

    // MARK: Checks on the states

    private func checkIDsAreUnique(_ graph: QuestionnaireGraph, _ exploration: QuestionnaireExploration) {
        var seen: [String: Int] = [:]
        for (index, state) in graph.states.enumerated() {
            if let other = seen[state.id] {
                log.error(at: logic.file, "two states of questionnaire '\(logic.id)' get the same id '\(state.id)': \(describe(exploration.keys[other])) and \(describe(exploration.keys[index])); rename a fact value or a question to tell them apart")
            } else {
                seen[state.id] = index
            }
        }
    }

    /// Any cycle in the state graph is a path that can go on forever.
    private func checkNoLoops(_ exploration: QuestionnaireExploration) {
        enum Mark { case new, onStack, done }
        var marks = Array(repeating: Mark.new, count: exploration.keys.count)
        var reported: Set<SourceLocation> = []
        // Depth first from the start, without recursion: (state, next edge to follow).
        var stack: [(state: Int, edge: Int)] = [(0, 0)]
        marks[0] = .onStack
        while let top = stack.last {
            let edges = exploration.edges[top.state]
            guard top.edge < edges.count else {
                marks[top.state] = .done
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].edge += 1
            let edge = edges[top.edge]
            switch marks[edge.target] {
            case .new:
                marks[edge.target] = .onStack
                stack.append((edge.target, 0))
            case .onStack:
                let location = self.location(of: edge)
                guard reported.insert(location).inserted else { continue }
                let first = stack.firstIndex { $0.state == edge.target } ?? 0
                var loop = ""
                for frame in stack[first...] {
                    let taken = exploration.edges[frame.state][frame.edge - 1]
                    loop += "\(logic.questions[taken.question].id) --\(answerID(taken))--> "
                }
                loop += exploration.keys[edge.target].question ?? "end"
                let question = logic.questions[edge.question]
                log.error(at: location, "a path can loop forever: answer '\(answerID(edge))' of question '\(question.id)' leads back to an earlier step with the same facts (\(loop))")
            case .done:
                break
            }
        }
    }

    /// Every finished path must show at least one outcome.
    private func checkEveryEndHasOutcomes(_ graph: QuestionnaireGraph, _ exploration: QuestionnaireExploration) {
        var reported: Set<SourceLocation> = []
        for edges in exploration.edges {
            for edge in edges {
                let end = graph.states[edge.target]
                guard end.isEnd, end.outcomes.isEmpty else { continue }
                let location = location(of: edge)
                guard reported.insert(location).inserted else { continue }
                let path = exploration.path(to: edge.from, in: logic) + [answerID(edge)]
                let facts = end.facts.isEmpty ? "none of the facts outcomes test is set"
                    : "facts: " + end.facts.map(\.description).joined(separator: ", ")
                log.error(at: location, "a finished path matches no outcome: answer '\(answerID(edge))' of question '\(logic.questions[edge.question].id)' ends the questionnaire with no outcome's when holding, e.g. after \(path.joined(separator: ", ")) (\(facts))")
            }
        }
    }

    private func checkEverythingReachable(_ graph: QuestionnaireGraph, _ exploration: QuestionnaireExploration) {
        let asked = Set(exploration.keys.compactMap(\.question))
        for question in logic.questions where !asked.contains(question.id) {
            log.error(at: question.location, "question '\(question.id)' can never be reached from start '\(logic.start)'")
        }
        let shown = Set(graph.states.flatMap(\.outcomes))
        for outcome in logic.outcomes where !shown.contains(outcome.id) {
            let when = outcome.when.map { " (when: \($0))" } ?? ""
            log.error(at: outcome.location, "outcome '\(outcome.id)' is never shown: no finished path has facts for which its when holds\(when)")
        }
    }

    private func warnAboutBranchesNeverTaken(_ exploration: QuestionnaireExploration) {
        var taken: Set<[Int]> = []
        var askedQuestions: Set<Int> = []
        for edges in exploration.edges {
            for edge in edges {
                askedQuestions.insert(edge.question)
                if let branch = edge.branch { taken.insert([edge.question, edge.answer, branch]) }
            }
        }
        for q in askedQuestions.sorted() {
            for (a, answer) in logic.questions[q].answers.enumerated() {
                guard case let .branches(branches) = answer.next else { continue }
                for (b, branch) in branches.enumerated() where !taken.contains([q, a, b]) {
                    log.warning(at: branch.location, "this entry of next of answer '\(answer.id)' (question '\(logic.questions[q].id)') is never taken: on every path an earlier entry matches or its when does not hold")
                }
            }
        }
    }

    // MARK: Helpers

    private func answerID(_ edge: QuestionnaireExploration.Edge) -> String {
        logic.questions[edge.question].answers[edge.answer].id
    }

    /// The `next` entry that decided an edge, or else its answer.
    private func location(of edge: QuestionnaireExploration.Edge) -> SourceLocation {
        let answer = logic.questions[edge.question].answers[edge.answer]
        if let branch = edge.branch, case let .branches(branches) = answer.next {
            return branches[branch].location
        }
        return answer.location
    }

    private func describe(_ key: QuestionnaireExploration.Key) -> String {
        let facts = key.facts.map(\.description).joined(separator: ", ")
        return (key.question.map { "question '\($0)'" } ?? "the end") + " with facts [\(facts)]"
    }
}
