/// Every distinct way through a questionnaire, as rows a reviewing lawyer
/// can check: the answers given, and the outcomes shown at the end.
///
/// Rows follow the explored states, not the raw answer combinations:
/// answers to one question that lead to the same state (because the facts
/// they set no longer matter) share one step ("Asylum or Duldung"), so
/// merged states keep the table short. Rows come in answer order, depth first.
public struct DecisionTable: Sendable {
    /// One question on a way through, with the answers that take this way.
    public struct Step: Sendable, Hashable {
        public var question: String
        /// Answer ids, in answer order.
        public var answers: [String]
    }

    public struct Row: Sendable, Hashable {
        public var steps: [Step]
        /// The end state reached.
        public var end: Int
        /// Outcome ids shown there, in outcome order.
        public var outcomes: [String]
    }

    public var rows: [Row]
    /// True when there were more ways than `limit` and the rest were left out.
    public var isTruncated: Bool

    /// Rows of a loop-free graph; stops after `limit` rows.
    public init(_ graph: QuestionnaireGraph, limit: Int = 2000) {
        var rows: [Row] = []
        var truncated = false
        var steps: [Step] = []
        func visit(_ index: Int) {
            guard !truncated else { return }
            let state = graph.states[index]
            guard let question = state.question else {
                if rows.count >= limit {
                    truncated = true
                } else {
                    rows.append(Row(steps: steps, end: index, outcomes: state.outcomes))
                }
                return
            }
            var targets: [Int] = []
            var answers: [Int: [String]] = [:]
            for transition in state.transitions {
                if answers[transition.target] == nil { targets.append(transition.target) }
                answers[transition.target, default: []].append(transition.answer)
            }
            for target in targets {
                steps.append(Step(question: question, answers: answers[target]!))
                visit(target)
                steps.removeLast()
            }
        }
        visit(graph.start)
        self.rows = rows
        isTruncated = truncated
    }

    /// The index of the row a sequence of answers follows to its end.
    public func row(following answers: [String]) -> Int? {
        rows.firstIndex { row in
            row.steps.count == answers.count && zip(row.steps, answers).allSatisfy { $0.answers.contains($1) }
        }
    }
}

/// The version of a questionnaire a reviewer signs off: a short hash of its
/// logic and of its texts in one language, both in a canonical form, so
/// comments, quoting and the order of keys in the texts file do not change
/// it, and any change to what readers see or to where answers lead does.
public enum QuestionnaireVersion {
    public static func make(_ logic: QuestionnaireLogic, texts: QuestionnaireTexts?) -> String {
        var lines = ["start \(logic.start)"]
        for question in logic.questions {
            lines.append("question \(question.id)")
            for answer in question.answers {
                lines.append("answer \(answer.id) sets \(answer.sets.map(\.description).joined(separator: ","))")
                switch answer.next {
                case .end:
                    lines.append("next end")
                case let .question(id, _):
                    lines.append("next \(id)")
                case let .branches(branches):
                    for branch in branches {
                        lines.append("branch \(branch.when.map { canonical($0) } ?? "always") to \(branch.to ?? "end")")
                    }
                }
            }
        }
        for outcome in logic.outcomes {
            lines.append("outcome \(outcome.id) when \(outcome.when.map { canonical($0) } ?? "always") pages \(outcome.pages.joined(separator: ","))")
        }
        if let texts {
            lines.append("texts \(texts.language)")
            lines.append("title \(texts.title)")
            lines.append("summary \(texts.summary ?? "")")
            lines.append("intro \(texts.intro)")
            for question in logic.questions {
                guard let text = texts.questions[question.id] else { continue }
                lines.append("q \(question.id) \(text.text)")
                lines.append("hint \(text.hint ?? "")")
                for answer in question.answers { lines.append("a \(answer.id) \(text.answers[answer.id] ?? "")") }
            }
            for outcome in logic.outcomes {
                guard let text = texts.outcomes[outcome.id] else { continue }
                lines.append("o \(outcome.id) \(text.title)")
                lines.append("body \(text.body)")
            }
        }
        let hash = StateID.fnv1a64(lines.joined(separator: "\n"))
        let hex = String(hash, radix: 16)
        return String(String(repeating: "0", count: 16 - hex.count) + hex).prefix(10).description
    }

    /// A condition with its structure spelled out (the description leaves out redundant parentheses).
    private static func canonical(_ condition: Condition) -> String {
        switch condition {
        case let .fact(test): return "\(test.fact)∈[\(test.values.joined(separator: ","))]"
        case let .not(inner): return "not(\(canonical(inner)))"
        case let .any(parts): return "any(\(parts.map(canonical).joined(separator: ";")))"
        case let .all(parts): return "all(\(parts.map(canonical).joined(separator: ";")))"
        }
    }
}
