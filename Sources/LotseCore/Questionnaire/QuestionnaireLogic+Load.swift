import Yams

extension QuestionnaireLogic {
    static let knownKeys = ["start", "questions", "outcomes", "tests"]

    /// Reads a logic file, `content/questionnaires/<id>.yaml`.
    ///
    /// Checks what can be checked without exploring: the file's shape, ids
    /// (`[a-z0-9][a-z0-9_-]*`), that `start` is there, that every question
    /// has answers, and that `start`, `next` and `to` name questions.
    /// Unknown keys are warnings. Returns nil exactly when it reported an error.
    public static func load(text: String, id: String, displayPath: String, log: DiagnosticLog) -> QuestionnaireLogic? {
        let (logic, hasErrors) = loadReportingErrors(text: text, id: id, displayPath: displayPath, log: log)
        return hasErrors ? nil : logic
    }

    /// Like ``load(text:id:displayPath:log:)``, but also returns what could be
    /// read when there were errors (nil only when the YAML does not parse),
    /// so the checks that need no exploring can still report their problems.
    static func loadReportingErrors(text: String, id: String, displayPath: String,
                                    log: DiagnosticLog) -> (logic: QuestionnaireLogic?, hasErrors: Bool) {
        let doc: YAMLDocument
        do {
            doc = try YAMLDocument(text: text, path: displayPath)
        } catch {
            log.add(contentsOf: error)
            return (nil, true)
        }
        let (logic, hasErrors) = log.stage { log in
            LogicParser(doc: doc, log: log).parse(id: id)
        }
        return (logic, hasErrors)
    }
}

/// Reads the YAML of a logic file into a ``QuestionnaireLogic``.
private struct LogicParser {
    let doc: YAMLDocument
    let log: DiagnosticLog

    func parse(id: String) -> QuestionnaireLogic {
        let file = doc.start
        var logic = QuestionnaireLogic(id: id, start: "", startLocation: file, questions: [], outcomes: [],
                                       tests: [], file: file)
        if !QuestionnaireLogic.isValidID(id) {
            log.error(at: file, "questionnaire file name '\(id)' is not a valid id: use lowercase letters, digits, '-' and '_' (it becomes the questionnaire's URL)")
        }
        guard let root = doc.root, root.null == nil else {
            log.error(at: file, "questionnaire logic is empty: it needs start, questions and outcomes")
            return logic
        }
        var hasStart = false
        var hasQuestions = false
        for (key, keyNode, value) in doc.entries(root, log: log, what: "a questionnaire's logic") {
            switch key {
            case "start":
                hasStart = true
                logic.startLocation = doc.location(of: value)
                if let start = idValue(value, what: "start") { logic.start = start }
            case "questions":
                hasQuestions = true
                logic.questions = questions(value)
            case "outcomes":
                logic.outcomes = outcomes(value)
            case "tests":
                logic.tests = scenarios(value)
            default:
                doc.warnUnknownKey(key, at: keyNode, in: "questionnaire logic", known: QuestionnaireLogic.knownKeys, log: log)
            }
        }
        if !hasStart {
            log.error(at: file, "questionnaire has no 'start': name the first question, e.g. start: \(logic.questions.first?.id ?? "status")")
        }
        if !hasQuestions || logic.questions.isEmpty {
            log.error(at: file, "questionnaire has no questions")
        }
        if logic.outcomes.isEmpty {
            log.error(at: file, "questionnaire has no outcomes: say what a finished path shows")
        }
        checkReferences(logic)
        return logic
    }

    /// `start`, `next` and `to` must name questions.
    private func checkReferences(_ logic: QuestionnaireLogic) {
        let ids = Set(logic.questions.map(\.id))
        let known = logic.questions.map(\.id).joined(separator: ", ")
        if !logic.start.isEmpty, !ids.contains(logic.start) {
            log.error(at: logic.startLocation, "start names no question: '\(logic.start)' (questions: \(known))")
        }
        for question in logic.questions {
            for answer in question.answers {
                let word = if case .question = answer.next { "next" } else { "to" }
                for target in answer.next.targets where !ids.contains(target.id) {
                    log.error(at: target.location, "\(word) names no question: '\(target.id)' (questions: \(known))")
                }
            }
        }
    }

    // MARK: Questions

    private func questions(_ node: Node) -> [QuestionnaireLogic.Question] {
        var questions: [QuestionnaireLogic.Question] = []
        for (id, keyNode, value) in doc.entries(node, log: log, what: "questions") {
            let location = doc.location(of: keyNode)
            checkID(id, at: location, what: "question")
            var question = QuestionnaireLogic.Question(id: id, answers: [], location: location)
            for (key, keyNode, value) in entries(value, what: "question '\(id)'") {
                switch key {
                case "answers":
                    question.answers = answers(value, question: id)
                case "next":
                    log.warning(at: doc.location(of: keyNode),
                                "unknown key 'next' in question '\(id)': next belongs to each answer (known: answers)")
                default:
                    doc.warnUnknownKey(key, at: keyNode, in: "question '\(id)'", known: ["answers"], log: log)
                }
            }
            if question.answers.isEmpty {
                log.error(at: location, "question '\(id)' has no answers")
            }
            questions.append(question)
        }
        return questions
    }

    private func answers(_ node: Node, question: String) -> [QuestionnaireLogic.Answer] {
        var answers: [QuestionnaireLogic.Answer] = []
        for (id, keyNode, value) in entries(node, what: "answers of question '\(question)'") {
            let location = doc.location(of: keyNode)
            checkID(id, at: location, what: "answer")
            var answer = QuestionnaireLogic.Answer(id: id, sets: [], next: .end, location: location)
            for (key, keyNode, value) in entries(value, what: "answer '\(id)' of question '\(question)'") {
                switch key {
                case "set":
                    answer.sets = sets(value, answer: id)
                case "next":
                    answer.next = next(value)
                default:
                    doc.warnUnknownKey(key, at: keyNode, in: "answer '\(id)' of question '\(question)'", known: ["set", "next"], log: log)
                }
            }
            answers.append(answer)
        }
        return answers
    }

    private func sets(_ node: Node, answer: String) -> [QuestionnaireLogic.Fact] {
        var facts: [QuestionnaireLogic.Fact] = []
        for (name, keyNode, value) in entries(node, what: "set of answer '\(answer)'") {
            let location = doc.location(of: keyNode)
            guard QuestionnaireLogic.isValidID(name) else {
                log.error(at: location, "'\(name)' is not a valid fact name: use lowercase letters, digits, '-' and '_', starting with a letter or digit")
                continue
            }
            if name == "not" || name == "any" || name == "all" {
                log.error(at: location, "'\(name)' cannot be a fact name: when uses it as an operator")
                continue
            }
            guard case let .scalar(scalar) = value, value.null == nil, !scalar.string.isEmpty else {
                log.error(at: doc.location(of: value), "fact '\(name)' needs a value (text), e.g. \(name): \"yes\"")
                continue
            }
            guard !scalar.string.contains("\n") else {
                log.error(at: doc.location(of: value), "the value of fact '\(name)' must be a single line")
                continue
            }
            facts.append(QuestionnaireLogic.Fact(name, scalar.string))
        }
        return facts
    }

    private func next(_ node: Node) -> QuestionnaireLogic.Next {
        switch node {
        case .scalar where node.null != nil:
            return .end
        case let .scalar(scalar):
            return .question(scalar.string, at: doc.location(of: node))
        case let .sequence(items):
            var branches: [QuestionnaireLogic.Branch] = []
            for item in items {
                let location = doc.location(of: item)
                guard case .mapping = item else {
                    log.error(at: location, "an entry of a conditional next must be a mapping like { when: { status: asylum }, to: months }")
                    continue
                }
                var branch = QuestionnaireLogic.Branch(when: nil, to: nil, location: location, toLocation: nil)
                for (key, keyNode, value) in doc.entries(item, log: log, what: "an entry of next") {
                    switch key {
                    case "when":
                        branch.when = Condition.parse(value, in: doc, log: log)
                    case "to":
                        if value.null == nil {
                            branch.to = idValue(value, what: "to")
                            branch.toLocation = doc.location(of: value)
                        }
                    default:
                        doc.warnUnknownKey(key, at: keyNode, in: "an entry of next", known: ["when", "to"], log: log)
                    }
                }
                branches.append(branch)
            }
            return .branches(branches)
        default:
            log.error(at: doc.location(of: node),
                      "next must name a question, or be a list like [ { when: { status: asylum }, to: months }, { to: offer } ]")
            return .end
        }
    }

    // MARK: Outcomes and tests

    private func outcomes(_ node: Node) -> [QuestionnaireLogic.Outcome] {
        var outcomes: [QuestionnaireLogic.Outcome] = []
        for (id, keyNode, value) in doc.entries(node, log: log, what: "outcomes") {
            let location = doc.location(of: keyNode)
            checkID(id, at: location, what: "outcome")
            var outcome = QuestionnaireLogic.Outcome(id: id, when: nil, pages: [], pageLocations: [], location: location)
            for (key, keyNode, value) in entries(value, what: "outcome '\(id)'") {
                switch key {
                case "when":
                    outcome.when = Condition.parse(value, in: doc, log: log)
                case "pages":
                    for page in doc.sequence(value, log: log, what: "pages of outcome '\(id)'") {
                        guard let path = doc.string(page, log: log, what: "a page of outcome '\(id)'") else { continue }
                        outcome.pages.append(path.trimmingWhitespace)
                        outcome.pageLocations.append(doc.location(of: page))
                    }
                default:
                    doc.warnUnknownKey(key, at: keyNode, in: "outcome '\(id)'", known: ["when", "pages"], log: log)
                }
            }
            outcomes.append(outcome)
        }
        return outcomes
    }

    private func scenarios(_ node: Node) -> [QuestionnaireLogic.Scenario] {
        var scenarios: [QuestionnaireLogic.Scenario] = []
        for item in doc.sequence(node, log: log, what: "tests") {
            let location = doc.location(of: item)
            var scenario = QuestionnaireLogic.Scenario(answers: [], answerLocations: [], outcomes: [], outcomeLocations: [],
                                                       location: location, outcomesLocation: location)
            var hasAnswers = false
            var hasOutcomes = false
            for (key, keyNode, value) in doc.entries(item, log: log, what: "a scenario test") {
                switch key {
                case "answers":
                    hasAnswers = true
                    for answer in doc.sequence(value, log: log, what: "answers of a scenario test") {
                        guard let id = doc.string(answer, log: log, what: "an answer of a scenario test") else { continue }
                        scenario.answers.append(id)
                        scenario.answerLocations.append(doc.location(of: answer))
                    }
                case "outcomes":
                    hasOutcomes = true
                    scenario.outcomesLocation = doc.location(of: value)
                    for outcome in doc.sequence(value, log: log, what: "outcomes of a scenario test") {
                        guard let id = doc.string(outcome, log: log, what: "an outcome of a scenario test") else { continue }
                        scenario.outcomes.append(id)
                        scenario.outcomeLocations.append(doc.location(of: outcome))
                    }
                default:
                    doc.warnUnknownKey(key, at: keyNode, in: "a scenario test", known: ["answers", "outcomes"], log: log)
                }
            }
            if !hasAnswers || scenario.answers.isEmpty {
                log.error(at: location, "a scenario test needs answers: the answer ids in order, e.g. answers: [asylum, under-3]")
            }
            if !hasOutcomes {
                log.error(at: location, "a scenario test needs outcomes: the outcome ids the answers must end with")
            }
            scenarios.append(scenario)
        }
        return scenarios
    }

    // MARK: Helpers

    /// Entries of a mapping; an empty value (`key:` with nothing) has none.
    private func entries(_ node: Node, what: String) -> [(key: String, keyNode: Node, value: Node)] {
        if node.null != nil { return [] }
        return doc.entries(node, log: log, what: what)
    }

    private func idValue(_ node: Node, what: String) -> String? {
        guard case let .scalar(scalar) = node, node.null == nil else {
            log.error(at: doc.location(of: node), "\(what) must name a question")
            return nil
        }
        return scalar.string
    }

    private func checkID(_ id: String, at location: SourceLocation, what: String) {
        if !QuestionnaireLogic.isValidID(id) {
            log.error(at: location, "'\(id)' is not a valid \(what) id: use lowercase letters, digits, '-' and '_', starting with a letter or digit (ids are keys in the texts files)")
        }
    }
}
