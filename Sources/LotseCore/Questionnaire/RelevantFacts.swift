/// Which facts still matter at each question: the facts read by any
/// outcome's `when`, or by a conditional `next` of an answer of any question
/// reachable from it (itself included). States keep only these facts, so
/// paths that differ only in facts nobody reads again share one page.
struct RelevantFacts {
    /// Facts read by outcomes: they matter everywhere, and at the end.
    let atEnd: Set<String>
    private let perQuestion: [String: Set<String>]

    init(_ logic: QuestionnaireLogic) {
        atEnd = logic.outcomes.reduce(into: Set<String>()) { facts, outcome in
            facts.formUnion(outcome.when?.facts ?? [])
        }
        var relevant: [String: Set<String>] = [:]
        var successors: [String: [String]] = [:]
        for question in logic.questions {
            var facts = atEnd
            for answer in question.answers {
                for condition in answer.next.conditions { facts.formUnion(condition.facts) }
                successors[question.id, default: []] += answer.next.targets.map(\.id)
            }
            relevant[question.id] = facts
        }
        // Fixpoint: a question needs what its successors need.
        var changed = true
        while changed {
            changed = false
            for question in logic.questions {
                var facts = relevant[question.id] ?? []
                let before = facts.count
                for next in successors[question.id] ?? [] { facts.formUnion(relevant[next] ?? []) }
                if facts.count != before {
                    relevant[question.id] = facts
                    changed = true
                }
            }
        }
        perQuestion = relevant
    }

    /// The facts that matter at a question (nil: at the end).
    func facts(at question: String?) -> Set<String> {
        guard let question else { return atEnd }
        return perQuestion[question] ?? atEnd
    }
}
