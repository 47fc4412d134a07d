/// The pages of a questionnaire in one language: the start page, one page
/// per reachable state (questions and results), and the proofing page.
///
/// Each answer is its own `<form method="get">` whose `action` is the next
/// state's URL, so the questionnaire works with no JavaScript and no server,
/// in lynx and w3m too. State URLs are the same in every language, so the
/// language switcher keeps the reader on the same step.
extension RenderContext {
    func renderQuestionnaire(_ q: CompiledQuestionnaire, reader: String) -> [OutputFile] {
        var files = [renderQuestionnaireStart(q, reader: reader), renderProofing(q, reader: reader)]
        for state in q.graph.states {
            files.append(renderState(state, of: q, reader: reader))
        }
        return files
    }

    func statePath(_ q: CompiledQuestionnaire, _ state: QuestionnaireGraph.State) -> String {
        "\(q.id)/\(state.id)"
    }

    static let proofingSegment = "proof"

    /// `lang`/`dir` for a single text taken from the source language because
    /// this language's file lacks it (`false` otherwise, so templates never
    /// pick up a mark from an enclosing item).
    private func mark(_ key: String, in texts: QuestionnaireTexts) -> Any {
        guard !texts.isFallback, texts.fallbackKeys.contains(key) else { return false }
        return ["lang": source, "dir": language(source).direction.rawValue]
    }

    private func questionnaireCommon(_ q: CompiledQuestionnaire, reader: String, path: String, title: String,
                                     pageTitle: String?, noindex: Bool, indexable: Bool) -> [String: Any] {
        let local = q.localized(for: reader)
        var model = common(
            language: reader, title: title, pageTitle: pageTitle, description: indexable ? local.texts.summary : nil,
            switcher: { urls.page(path, language: $0.code) },
            canonical: indexable ? urls.absolute(path, language: local.texts.isFallback ? source : reader) : nil,
            alternates: indexable ? alternates(path: path, translatedIn: q.translatedLanguages) : [],
            noindex: noindex, currentNav: q.id)
        if local.texts.isFallback { model["fallback"] = fallback(for: reader) }
        model["questionnaire_title"] = local.texts.title
        model["title_mark"] = mark("title", in: local.texts)
        model["questionnaire_href"] = urls.page(q.id, language: reader)
        model["restart_href"] = urls.page(q.id, language: reader)
        return model
    }

    private func renderQuestionnaireStart(_ q: CompiledQuestionnaire, reader: String) -> OutputFile {
        let local = q.localized(for: reader)
        var model = questionnaireCommon(q, reader: reader, path: q.id, title: local.texts.title, pageTitle: nil,
                                        noindex: false, indexable: true)
        model["intro"] = html(local.intro, reader: reader)
        model["intro_mark"] = mark("intro", in: local.texts)
        model["start_href"] = urls.page(statePath(q, q.graph.states[q.graph.start]), language: reader)
        return OutputFile(path: urls.file(q.id, language: reader), contents: templates.render(model, template: "questionnaire"))
    }

    private func renderState(_ state: QuestionnaireGraph.State, of q: CompiledQuestionnaire, reader: String) -> OutputFile {
        let local = q.localized(for: reader)
        let texts = local.texts
        let path = statePath(q, state)
        let s = strings(reader)
        let soFar = q.logic.answers(explaining: state.facts).compactMap { pair -> [String: Any]? in
            guard let question = texts.questions[pair.question], let label = question.answers[pair.answer] else { return nil }
            return ["question": question.text, "answer": label,
                    "question_mark": mark("questions.\(pair.question).text", in: texts),
                    "label_mark": mark("questions.\(pair.question).answers.\(pair.answer)", in: texts)]
        }
        if let questionID = state.question, let question = texts.questions[questionID] {
            var model = questionnaireCommon(q, reader: reader, path: path, title: question.text,
                                            pageTitle: "\(question.text) – \(texts.title)", noindex: true, indexable: false)
            model["question"] = question.text
            model["question_mark"] = mark("questions.\(questionID).text", in: texts)
            if let hint = local.hints[questionID] { model["hint"] = html(hint, reader: reader) }
            model["hint_mark"] = mark("questions.\(questionID).hint", in: texts)
            model["answers"] = state.transitions.map { transition -> [String: Any] in
                ["label": question.answers[transition.answer] ?? transition.answer,
                 "label_mark": mark("questions.\(questionID).answers.\(transition.answer)", in: texts),
                 "action": urls.page(statePath(q, q.graph.states[transition.target]), language: reader)]
            }
            model["has_answers_so_far"] = !soFar.isEmpty
            model["answers_so_far"] = soFar
            return OutputFile(path: urls.file(path, language: reader), contents: templates.render(model, template: "question"))
        }
        let heading = s["result_heading"] ?? ""
        var model = questionnaireCommon(q, reader: reader, path: path, title: heading,
                                        pageTitle: "\(heading) – \(texts.title)", noindex: true, indexable: false)
        model["outcomes"] = state.outcomes.compactMap { id -> [String: Any]? in
            guard let outcome = texts.outcomes[id], let logic = q.logic.outcomes.first(where: { $0.id == id }) else { return nil }
            let pages = logic.pages.compactMap { pageLink($0 == "index" ? "" : $0, in: reader) }
            return ["id": id, "title": outcome.title, "body": local.outcomeBodies[id].map { html($0, reader: reader) } ?? "",
                    "title_mark": mark("outcomes.\(id).title", in: texts), "body_mark": mark("outcomes.\(id).body", in: texts),
                    "has_pages": !pages.isEmpty, "pages": pages]
        }
        model["has_answers_so_far"] = !soFar.isEmpty
        model["answers_so_far"] = soFar
        return OutputFile(path: urls.file(path, language: reader), contents: templates.render(model, template: "result"))
    }

    /// Every question, answer and outcome on one page, for translators and legal review.
    private func renderProofing(_ q: CompiledQuestionnaire, reader: String) -> OutputFile {
        let local = q.localized(for: reader)
        let texts = local.texts
        let s = strings(reader)
        let path = "\(q.id)/\(Self.proofingSegment)"
        let title = (s["proofing_title"] ?? "").filling(["title": texts.title])
        var model = questionnaireCommon(q, reader: reader, path: path, title: title, pageTitle: nil, noindex: true, indexable: false)
        model["intro"] = html(local.intro, reader: reader)
        func questionText(_ id: String) -> String { texts.questions[id]?.text ?? id }
        model["questions"] = q.logic.questions.map { question -> [String: Any] in
            let text = texts.questions[question.id]
            var item: [String: Any] = ["id": question.id, "text": text?.text ?? question.id]
            if let hint = local.hints[question.id] { item["hint"] = html(hint, reader: reader) }
            item["answers"] = question.answers.map { answer -> [String: Any] in
                let target: String
                switch answer.next {
                case .end:
                    target = s["proofing_end"] ?? ""
                case let .question(id, _):
                    target = questionText(id)
                case let .branches(branches):
                    target = branches.map { branch in
                        let to = branch.to.map(questionText) ?? (s["proofing_end"] ?? "")
                        return "\(branch.when.map { "\($0)" } ?? (s["proofing_otherwise"] ?? "")) → \(to)"
                    }.joined(separator: "; ")
                }
                return ["id": answer.id, "label": text?.answers[answer.id] ?? answer.id,
                        "leads_to": (s["proofing_leads_to"] ?? "").filling(["target": target])]
            }
            return item
        }
        model["outcomes"] = q.logic.outcomes.map { outcome -> [String: Any] in
            let text = texts.outcomes[outcome.id]
            let condition = outcome.when.map { "\($0)" } ?? "—"
            return ["id": outcome.id, "title": text?.title ?? outcome.id,
                    "condition": (s["proofing_shown_when"] ?? "").filling(["condition": condition]),
                    "body": local.outcomeBodies[outcome.id].map { html($0, reader: reader) } ?? ""]
        }
        return OutputFile(path: urls.file(path, language: reader), contents: templates.render(model, template: "proofing"))
    }
}
