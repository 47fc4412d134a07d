/// A questionnaire's flow as Graphviz DOT, for lawyers and advisors to review.
///
/// Questions are boxes with their text, answers are edges labelled with the
/// answer's label and the facts it sets (and, for a conditional `next`,
/// the condition), and an end node has dashed edges to the outcomes,
/// labelled with their `when`. The output depends only on the input, in
/// file order; all strings are quoted and escaped, and DOT reads UTF-8, so
/// any script works.
public enum QuestionnaireDOT {
    /// Longest line in a node label before it wraps.
    static let wrapWidth = 40

    public static func render(_ logic: QuestionnaireLogic, texts: QuestionnaireTexts?) -> String {
        var lines: [String] = []
        let title = texts?.title ?? logic.id
        lines.append("digraph \(quote(logic.id)) {")
        lines.append("  graph [label=\(quote(title)), labelloc=t, fontname=\"sans-serif\", rankdir=TB];")
        lines.append("  node [fontname=\"sans-serif\"];")
        lines.append("  edge [fontname=\"sans-serif\", fontsize=10];")
        lines.append("  \"start\" [shape=circle, style=filled, fillcolor=black, label=\"\", width=0.25];")
        lines.append("  \"end\" [shape=doublecircle, label=\"end\"];")
        lines.append("  \"start\" -> \(quote(node(question: logic.start)));")
        for question in logic.questions {
            let text = texts?.questions[question.id]?.text
            let label = (text.map { wrap($0) + "\n" } ?? "") + "[\(question.id)]"
            lines.append("  \(quote(node(question: question.id))) [shape=box, style=rounded, label=\(quote(label))];")
        }
        for question in logic.questions {
            for answer in question.answers {
                lines += edges(from: question, answer: answer, texts: texts)
            }
        }
        for outcome in logic.outcomes {
            let title = texts?.outcomes[outcome.id]?.title
            let label = (title.map { wrap($0) + "\n" } ?? "") + "[\(outcome.id)]"
            lines.append("  \(quote(node(outcome: outcome.id))) [shape=note, label=\(quote(label))];")
            let when = outcome.when?.description ?? "always"
            lines.append("  \"end\" -> \(quote(node(outcome: outcome.id))) [style=dashed, label=\(quote(wrap(when)))];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func edges(from question: QuestionnaireLogic.Question, answer: QuestionnaireLogic.Answer,
                              texts: QuestionnaireTexts?) -> [String] {
        var label = answer.id
        if let text = texts?.questions[question.id]?.answers[answer.id] {
            label = wrap(text + " [\(answer.id)]")
        }
        if !answer.sets.isEmpty {
            label += "\n" + answer.sets.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
        }
        let from = quote(node(question: question.id))
        func edge(to target: String?, condition: String?) -> String {
            let to = quote(target.map { node(question: $0) } ?? "end")
            let full = label + (condition.map { "\n" + wrap($0) } ?? "")
            return "  \(from) -> \(to) [label=\(quote(full))];"
        }
        switch answer.next {
        case .end:
            return [edge(to: nil, condition: nil)]
        case let .question(target, _):
            return [edge(to: target, condition: nil)]
        case let .branches(branches):
            var result: [String] = []
            var alwaysMatches = false
            for (index, branch) in branches.enumerated() {
                let condition: String?
                if let when = branch.when {
                    condition = (index == 0 ? "if " : "else if ") + when.description
                } else {
                    condition = index == 0 ? nil : "otherwise"
                    alwaysMatches = true
                }
                result.append(edge(to: branch.to, condition: condition))
                if alwaysMatches { break }
            }
            if !alwaysMatches {
                result.append(edge(to: nil, condition: branches.isEmpty ? nil : "otherwise"))
            }
            return result
        }
    }

    static func node(question: String) -> String { "q:" + question }
    static func node(outcome: String) -> String { "o:" + outcome }

    /// A DOT string literal: `"` and `\` escaped, line breaks as `\n`
    /// (centred lines in labels).
    static func quote(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n", "\r\n": result += "\\n"
            case "\r": break
            default: result.append(character)
            }
        }
        return result + "\""
    }

    /// Breaks text into lines of at most ``wrapWidth`` characters at spaces.
    static func wrap(_ text: String) -> String {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                if !line.isEmpty, line.count + 1 + word.count > wrapWidth {
                    lines.append(line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
