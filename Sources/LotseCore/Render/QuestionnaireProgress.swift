/// "Your answers" with Change links, and "Question N of at most M", on a
/// questionnaire's state pages (see ``StatePaths`` for what they can know).
extension RenderContext {
    /// The answers every path to the state gave, each with a plain link to
    /// the state page to reopen to change it. Answers that paths merged here
    /// differ in (they no longer matter) are left out: the page cannot know them.
    func answersSoFar(_ index: Int, of q: CompiledQuestionnaire, reader: String) -> [[String: Any]] {
        let texts = q.texts(for: reader)
        let change = strings(reader)["change"] ?? ""
        return q.paths.answered[index].compactMap { answered -> [String: Any]? in
            guard let answer = answered.answer, let question = texts.questions[answered.question],
                  let label = question.answers[answer] else { return nil }
            return ["question": question.text, "answer": label,
                    "question_mark": mark("questions.\(answered.question).text", in: texts),
                    "label_mark": mark("questions.\(answered.question).answers.\(answer)", in: texts),
                    "change_href": urls.page(statePath(q, q.graph.states[answered.changeState]), language: reader),
                    "change_label": "\(change): \(question.text)"]
        }
    }

    func progressText(_ progress: StatePaths.Progress, reader: String) -> String {
        (strings(reader)["progress"] ?? "").filling(["number": String(progress.number), "total": String(progress.ofAtMost)])
    }
}
