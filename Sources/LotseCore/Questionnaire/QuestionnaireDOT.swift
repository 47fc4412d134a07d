/// A questionnaire's flow as Graphviz DOT, for lawyers and advisors to review.
///
/// Questions are rounded boxes with their text, answers are edges labelled
/// with the answer's text (and, for a conditional `next`, its condition in
/// words). Where an answer ends the questionnaire, the edge goes to an end
/// state found by exploring the logic — one per distinct set of outcomes —
/// and that end links to the outcomes it shows, drawn as notes with their
/// titles. There is no single "end" node, so a reviewer can follow every
/// answer to what it shows. Ids are small print.
///
/// Labels are Graphviz HTML labels; every text line and id is wrapped in
/// FSI…PDI (U+2068…U+2069) for right-to-left languages, so ids and numbers
/// keep their order. The layout runs top to bottom and is scaled to fit an
/// A4 page (`size`, `ratio`). The output depends only on the input.
public enum QuestionnaireDOT {
    /// Longest line in a node label before it wraps.
    static let wrapWidth = 32
    /// Longest line in an edge label before it wraps.
    static let edgeWrapWidth = 24
    /// The drawing area of an A4 page in inches, with margins: 210 × 297 mm less about 1 cm each side.
    static let a4Size = "7.4,10.9"

    public struct Options: Sendable {
        /// Interface strings of the language ("and", "or", "if …"), see ``ConditionWords``.
        public var strings: [String: String]
        /// Isolate every text and id (for right-to-left languages).
        public var isolateBidi: Bool
        /// Printed under the title, so a printout can be matched to the site.
        public var version: String?

        public init(strings: [String: String] = [:], isolateBidi: Bool = false, version: String? = nil) {
            self.strings = strings
            self.isolateBidi = isolateBidi
            self.version = version
        }
    }

    public static func render(_ logic: QuestionnaireLogic, texts: QuestionnaireTexts?, options: Options = Options()) -> String {
        Renderer(logic: logic, texts: texts, options: options).render()
    }

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

    /// Breaks text into lines of at most `width` characters at spaces.
    static func wrap(_ text: String, width: Int = wrapWidth) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                if !line.isEmpty, line.count + 1 + word.count > width {
                    lines.append(line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            lines.append(line)
        }
        return lines
    }

    /// Text for a Graphviz HTML label.
    static func escapeHTML(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    static let firstStrongIsolate = "\u{2068}"
    static let popDirectionalIsolate = "\u{2069}"
}

private struct Renderer {
    let logic: QuestionnaireLogic
    let texts: QuestionnaireTexts?
    let options: QuestionnaireDOT.Options

    var words: ConditionWords { ConditionWords(logic: logic, texts: texts, strings: options.strings) }

    func isolate(_ text: String) -> String {
        options.isolateBidi ? QuestionnaireDOT.firstStrongIsolate + text + QuestionnaireDOT.popDirectionalIsolate : text
    }

    /// Wrapped, escaped and isolated lines joined with `<BR/>`.
    func lines(_ text: String, width: Int) -> String {
        QuestionnaireDOT.wrap(text, width: width).map { isolate(QuestionnaireDOT.escapeHTML($0)) }.joined(separator: "<BR/>")
    }

    func small(_ text: String) -> String {
        "<FONT POINT-SIZE=\"8\">\(isolate(QuestionnaireDOT.escapeHTML(text)))</FONT>"
    }

    func render() -> String {
        var out: [String] = []
        let title = texts?.title ?? logic.id
        var graphLabel = "<B>\(lines(title, width: 60))</B>"
        if let version = options.version { graphLabel += "<BR/>" + small(version) }
        out.append("digraph \(QuestionnaireDOT.quote(logic.id)) {")
        out.append("  graph [label=<\(graphLabel)>, labelloc=t, fontname=\"sans-serif\", rankdir=TB, size=\"\(QuestionnaireDOT.a4Size)\", ratio=compress, nodesep=0.3, ranksep=0.4];")
        out.append("  node [fontname=\"sans-serif\", fontsize=11];")
        out.append("  edge [fontname=\"sans-serif\", fontsize=9];")
        out.append("  \"start\" [shape=circle, style=filled, fillcolor=black, label=\"\", width=0.2];")
        out.append("  \"start\" -> \(QuestionnaireDOT.quote(node(question: logic.start)));")
        for question in logic.questions {
            let text = texts?.questions[question.id]?.text
            let label = (text.map { lines($0, width: QuestionnaireDOT.wrapWidth) + "<BR/>" } ?? "") + small("[\(question.id)]")
            out.append("  \(QuestionnaireDOT.quote(node(question: question.id))) [shape=box, style=rounded, label=<\(label)>];")
        }
        let ends = EndStates(logic)
        var endNodes: [[String]] = []
        func endNode(_ outcomes: [String]) -> String {
            if !endNodes.contains(outcomes) { endNodes.append(outcomes) }
            return "end:" + (outcomes.isEmpty ? "none" : outcomes.joined(separator: "+"))
        }
        for (q, question) in logic.questions.enumerated() {
            for (a, answer) in question.answers.enumerated() {
                var label = texts.map { lines($0.label(question: question.id, answer: answer.id), width: QuestionnaireDOT.edgeWrapWidth) + "<BR/>" } ?? ""
                label += small("[\(answer.id)]")
                func edge(to target: String, condition: String?) {
                    let full = label + (condition.map { "<BR/><I>\(lines($0, width: QuestionnaireDOT.edgeWrapWidth))</I>" } ?? "")
                    out.append("  \(QuestionnaireDOT.quote(node(question: question.id))) -> \(QuestionnaireDOT.quote(target)) [label=<\(full)>];")
                }
                func toEnd(branch: Int?, condition: String?) {
                    for outcomes in ends.outcomeSets(question: q, answer: a, branch: branch) {
                        edge(to: endNode(outcomes), condition: condition)
                    }
                }
                switch answer.next {
                case .end:
                    toEnd(branch: nil, condition: nil)
                case let .question(target, _):
                    edge(to: node(question: target), condition: nil)
                case let .branches(branches):
                    var always = false
                    for (index, branch) in branches.enumerated() {
                        var condition: String?
                        if let when = branch.when {
                            condition = string("q_cond_if", "if {condition}").filling(["condition": words.words(when)])
                        } else {
                            condition = index == 0 ? nil : string("proofing_otherwise", "otherwise")
                            always = true
                        }
                        if let to = branch.to {
                            edge(to: node(question: to), condition: condition)
                        } else {
                            toEnd(branch: index, condition: condition)
                        }
                        if always { break }
                    }
                    if !always {
                        toEnd(branch: nil, condition: string("proofing_otherwise", "otherwise"))
                    }
                }
            }
        }
        for outcomes in endNodes {
            let name = endNode(outcomes)
            out.append("  \(QuestionnaireDOT.quote(name)) [shape=doublecircle, label=\"\", width=0.18, style=filled, fillcolor=gray85];")
            for outcome in outcomes {
                out.append("  \(QuestionnaireDOT.quote(name)) -> \(QuestionnaireDOT.quote(node(outcome: outcome))) [style=dashed, arrowhead=vee];")
            }
        }
        for outcome in logic.outcomes {
            let title = texts?.outcomes[outcome.id]?.title
            let label = (title.map { "<B>\(lines($0, width: QuestionnaireDOT.wrapWidth))</B><BR/>" } ?? "") + small("[\(outcome.id)]")
            out.append("  \(QuestionnaireDOT.quote(node(outcome: outcome.id))) [shape=note, style=filled, fillcolor=\"#e8f1fa\", label=<\(label)>];")
        }
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }

    func node(question: String) -> String { "q:" + question }
    func node(outcome: String) -> String { "o:" + outcome }

    func string(_ key: String, _ fallback: String) -> String {
        options.strings[key].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
    }
}

/// The end states an answer (or a `next` entry) reaches, found by exploring
/// the logic: for each, the outcomes it shows. Works on logic with errors
/// too (as far as it can be explored).
private struct EndStates {
    private var sets: [[Int?]: [[String]]] = [:]

    init(_ logic: QuestionnaireLogic) {
        let exploration = QuestionnaireExploration(logic, relevance: RelevantFacts(logic), limit: QuestionnaireGraph.defaultStateLimit)
        for edges in exploration.edges {
            for edge in edges where exploration.keys[edge.target].question == nil {
                let facts = Dictionary(exploration.keys[edge.target].facts.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
                let outcomes = logic.outcomes(for: facts)
                let key: [Int?] = [edge.question, edge.answer, edge.branch]
                if !(sets[key] ?? []).contains(outcomes) { sets[key, default: []].append(outcomes) }
            }
        }
    }

    /// The outcome sets reached; one empty set when nothing was explored there
    /// (an unreachable question, or too many states), so the edge still shows.
    func outcomeSets(question: Int, answer: Int, branch: Int?) -> [[String]] {
        let found = sets[[question, answer, branch]] ?? []
        return found.isEmpty ? [[]] : found
    }
}
