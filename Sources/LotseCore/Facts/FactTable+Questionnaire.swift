extension FactTable {
    /// Fills `{{fact}}` placeholders in a questionnaire's plain texts (title,
    /// summary, questions, answers, outcome titles), reporting unknown ones
    /// where they are written. Markdown texts are filled when rendered.
    func fill(_ texts: QuestionnaireTexts, source: String, log: DiagnosticLog) -> QuestionnaireTexts {
        var result = texts
        func filled(_ text: String, _ key: String) -> String {
            guard text.containsBytes("{{") else { return text }
            if !texts.fallbackKeys.contains(key) {
                checkPlaceholders(in: text, origin: texts.locations[key] ?? texts.file, log: log)
            }
            return fill(text, language: texts.fallbackKeys.contains(key) ? source : texts.language, source: source)
        }
        result.title = filled(texts.title, "title")
        result.summary = texts.summary.map { filled($0, "summary") }
        for (id, question) in texts.questions {
            result.questions[id]?.text = filled(question.text, "questions.\(id).text")
            for (answer, label) in question.answers {
                result.questions[id]?.answers[answer] = filled(label, "questions.\(id).answers.\(answer)")
            }
        }
        for (id, outcome) in texts.outcomes {
            result.outcomes[id]?.title = filled(outcome.title, "outcomes.\(id).title")
        }
        return result
    }
}
