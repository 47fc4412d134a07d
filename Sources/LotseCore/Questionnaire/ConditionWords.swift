/// A `when` written for people in one language, with the texts of the
/// questions and answers that set the facts it tests ("Welchen
/// Aufenthaltsstatus haben Sie? – Antwort: Duldung oder Asyl"), for the
/// proofing page, the graph and the decision table. The ids stay available
/// as small print through ``Condition/description``.
///
/// The joining words ("and", "or", "not", …) are interface strings
/// (`q_cond_*` in `templates/strings/<lang>.yaml`), so a condition never
/// mixes languages; without texts (a questionnaire with errors) the ids are used.
struct ConditionWords {
    let logic: QuestionnaireLogic
    let texts: QuestionnaireTexts?
    /// The interface strings of the language.
    let strings: [String: String]

    func words(_ condition: Condition?) -> String {
        guard let condition else { return string("q_cond_always", "always") }
        return words(condition, nested: false)
    }

    private func words(_ condition: Condition, nested: Bool) -> String {
        switch condition {
        case let .fact(test):
            return describe(test, negated: false)
        case let .not(.fact(test)):
            return describe(test, negated: true)
        case let .not(inner):
            return string("q_cond_not", "not ({condition})").filling(["condition": words(inner, nested: false)])
        case let .any(parts), let .all(parts):
            let isAny: Bool
            if case .any = condition { isAny = true } else { isAny = false }
            if parts.count == 1 { return words(parts[0], nested: nested) }
            let joiner = isAny ? string("q_cond_or", "or") : string("q_cond_and", "and")
            let text = parts.map { words($0, nested: true) }.joined(separator: " \(joiner) ")
            return nested ? "(\(text))" : text
        }
    }

    /// `Question? – answer: A or B`, one group per question setting the values.
    private func describe(_ test: Condition.Test, negated: Bool) -> String {
        var groups: [(question: String, answers: [String])] = []
        var unset: [String] = []
        for value in test.values {
            var found = false
            for question in logic.questions {
                for answer in question.answers where answer.sets.contains(QuestionnaireLogic.Fact(test.fact, value)) {
                    found = true
                    let label = texts?.label(question: question.id, answer: answer.id) ?? answer.id
                    if let index = groups.firstIndex(where: { $0.question == question.id }) {
                        if !groups[index].answers.contains(label) { groups[index].answers.append(label) }
                    } else {
                        groups.append((question.id, [label]))
                    }
                }
            }
            if !found { unset.append(value) }
        }
        let or = " \(string("q_cond_or", "or")) "
        let key = negated ? "q_cond_is_not" : "q_cond_is"
        let fallback = negated ? "{question} – any answer but {answers}" : "{question} – answer: {answers}"
        var parts = groups.map { group in
            string(key, fallback).filling(["question": texts?.questions[group.question]?.text ?? group.question,
                                           "answers": group.answers.joined(separator: or)])
        }
        if !unset.isEmpty {
            parts.append(string(key, fallback).filling(["question": test.fact, "answers": unset.joined(separator: or)]))
        }
        return parts.joined(separator: negated ? " \(string("q_cond_and", "and")) " : or)
    }

    /// Where an answer leads, in words: the next question's text, or the
    /// end; a conditional `next` as "if …: …; otherwise: …".
    func leadsTo(_ next: QuestionnaireLogic.Next) -> String {
        branches(next).joined(separator: "; ")
    }

    /// Where an answer leads, one line per `next` entry: one line for a plain `next`.
    func branches(_ next: QuestionnaireLogic.Next) -> [String] {
        func target(_ id: String?) -> String {
            guard let id else { return string("proofing_end", "End: results") }
            return texts?.questions[id]?.text ?? id
        }
        switch next {
        case .end:
            return [target(nil)]
        case let .question(id, _):
            return [target(id)]
        case let .branches(branches):
            var parts: [String] = []
            var always = false
            for branch in branches {
                if let when = branch.when {
                    parts.append(string("q_cond_if", "if {condition}").filling(["condition": words(when)]) + ": " + target(branch.to))
                } else {
                    parts.append(string("proofing_otherwise", "otherwise") + ": " + target(branch.to))
                    always = true
                    break
                }
            }
            if !always {
                parts.append(string("proofing_otherwise", "otherwise") + ": " + target(nil))
            }
            return parts
        }
    }

    private func string(_ key: String, _ fallback: String) -> String {
        strings[key].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
    }
}
