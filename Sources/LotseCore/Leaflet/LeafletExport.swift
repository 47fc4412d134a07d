import Foundation

/// `lotse leaflet`: one result's leaflet as a single self-contained HTML
/// file (CSS and QR code inline, nothing loaded), for an advisor who works
/// offline or mails it.
///
/// The answers are answer ids in the order asked. A list that does not walk
/// the questionnaire to a result is an error naming the question where it
/// fails and the answers that question accepts.
public enum LeafletExport {
    public static func html(questionnaire id: String, answers: [String], language: String, with other: String? = nil,
                            content: String = "content", templates: String = "templates",
                            today: Day = Day.today()) throws(LotseError) -> String {
        let log = DiagnosticLog()
        let options = BuildOptions(content: content, templates: templates, output: "", today: today)
        let (context, _) = try SiteBuilder.prepare(options, log: log)
        guard let q = context.questionnaires.first(where: { $0.id == id }) else {
            let known = context.questionnaires.map(\.id).joined(separator: ", ")
            throw LotseError(at: nil, "no questionnaire '\(id)' in \(content)/questionnaires/ (there are: \(known.isEmpty ? "none" : known))")
        }
        let codes = context.config.languages.map(\.code)
        for code in [language] + (other.map { [$0] } ?? []) where !codes.contains(code) {
            throw LotseError(at: nil, "'\(code)' is not a language of this site (languages: \(codes.joined(separator: ", ")))")
        }
        if other == language {
            throw LotseError(at: nil, "--with names the same language as --lang ('\(language)'); leave it out for a leaflet in one language")
        }
        let (state, chosen) = try walk(q, answers: answers, language: language, context: context)
        let leaflet = LeafletContent(q, state: state, answers: chosen)
        return context.renderResultLeaflet(q, state: q.graph.states[state], content: leaflet, reader: language, with: other, selfContained: true)
    }

    /// Follows the answers from the first question to a result.
    static func walk(_ q: CompiledQuestionnaire, answers: [String], language: String,
                     context: RenderContext) throws(LotseError) -> (state: Int, answers: [LeafletContent.Answer]) {
        let texts = q.texts(for: language)
        func describe(_ question: String) -> String {
            texts.questions[question].map { "'\(question)' (“\($0.text)”)" } ?? "'\(question)'"
        }
        func accepted(_ state: QuestionnaireGraph.State) -> String {
            state.transitions.map(\.answer).joined(separator: ", ")
        }
        var reached = q.graph.start
        var current = q.graph.states[reached]
        var chosen: [LeafletContent.Answer] = []
        for (index, answer) in answers.enumerated() {
            guard let question = current.question else {
                throw LotseError(at: nil, "answer \(index + 1) '\(answer)' comes after the end: the questionnaire ends after '\(answers[index - 1])' (\(index) answer(s) are enough)")
            }
            guard let target = current.target(of: answer) else {
                throw LotseError(at: nil, "answer \(index + 1) '\(answer)' is not an answer of question \(describe(question)); it accepts: \(accepted(current))")
            }
            chosen.append(LeafletContent.Answer(question: question, answer: answer))
            reached = target
            current = q.graph.states[target]
        }
        if let question = current.question {
            throw LotseError(at: nil, "the answers stop at question \(describe(question)) before a result; add one of: \(accepted(current))")
        }
        return (reached, chosen)
    }
}
