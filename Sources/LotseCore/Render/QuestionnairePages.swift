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
        for index in q.graph.states.indices {
            files.append(renderState(index, of: q, reader: reader))
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
    /// With it, `marker`: the visible "(not yet translated)" in the reader's language.
    func mark(_ key: String, in texts: QuestionnaireTexts) -> Any {
        guard !texts.isFallback, texts.fallbackKeys.contains(key) else { return false }
        let reader = language(texts.language)
        return ["lang": source, "dir": language(source).direction.rawValue,
                "marker": strings(reader.code)["not_yet_translated"] ?? "", "marker_lang": reader.code,
                "marker_dir": reader.direction.rawValue]
    }

    func questionnaireCommon(_ q: CompiledQuestionnaire, reader: String, path: String, title: String,
                                     pageTitle: String?, noindex: Bool, indexable: Bool) -> ViewModel {
        let local = q.localized(for: reader)
        var model = common(
            language: reader, title: title, pageTitle: pageTitle, description: indexable ? local.texts.summary : nil,
            // Only the URLs captured: a closure that used `self` would copy the whole context (a few dozen references) for every page.
            switcher: { [urls] in urls.page(path, language: $0.code) },
            canonical: indexable ? urls.absolute(path, language: local.texts.isFallback ? source : reader) : nil,
            alternates: indexable ? alternates(path: path, translatedIn: q.translatedLanguages) : [],
            noindex: noindex, currentNav: q.id)
        if local.texts.isFallback { model["fallback"] = fallback(for: reader, shownIn: local.writtenIn) }
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
        model["intro"] = html(local.intro, for: reader)
        model["intro_mark"] = mark("intro", in: local.texts)
        model["start_href"] = urls.page(statePath(q, q.graph.states[q.graph.start]), language: reader)
        return OutputFile(path: urls.file(q.id, language: reader), contents: templates.render(model, template: "questionnaire"))
    }

    private func renderState(_ index: Int, of q: CompiledQuestionnaire, reader: String) -> OutputFile {
        let state = q.graph.states[index]
        let local = q.localized(for: reader)
        let texts = local.texts
        let path = statePath(q, state)
        let s = strings(reader)
        let soFar = answersSoFar(index, of: q, reader: reader)
        if let questionID = state.question, let question = texts.questions[questionID] {
            var model = questionnaireCommon(q, reader: reader, path: path, title: question.text,
                                            pageTitle: "\(question.text) – \(texts.title)", noindex: true, indexable: false)
            model["question"] = question.text
            model["question_mark"] = mark("questions.\(questionID).text", in: texts)
            if let hint = local.hints[questionID] { model["hint"] = html(hint, for: reader) }
            model["hint_mark"] = mark("questions.\(questionID).hint", in: texts)
            model["answers"] = state.transitions.map { transition -> [String: Any] in
                ["label": question.answers[transition.answer] ?? transition.answer,
                 "label_mark": mark("questions.\(questionID).answers.\(transition.answer)", in: texts),
                 "action": urls.page(statePath(q, q.graph.states[transition.target]), language: reader)]
            }
            model["has_answers_so_far"] = !soFar.isEmpty
            model["answers_so_far"] = soFar
            if let progress = q.paths.progress[index] { model["progress"] = progressText(progress, reader: reader) }
            return OutputFile(path: urls.file(path, language: reader), contents: templates.render(model, template: "question"))
        }
        let heading = s["result_heading"] ?? ""
        var model = questionnaireCommon(q, reader: reader, path: path, title: heading,
                                        pageTitle: "\(heading) – \(texts.title)", noindex: true, indexable: false)
        model["outcomes"] = state.outcomes.compactMap { id -> [String: Any]? in
            guard let outcome = texts.outcomes[id], let logic = q.logic.outcomes.first(where: { $0.id == id }) else { return nil }
            let pages = logic.pages.compactMap { reference -> [String: Any]? in
                guard var link = pageLink(QuestionnaireLogic.Outcome.sitePath(reference), in: reader) else { return nil }
                if let anchor = QuestionnaireLogic.Outcome.pageAnchor(reference), let href = link["href"] as? String {
                    link["href"] = href + "#" + anchor
                }
                return link
            }
            return ["id": id, "title": outcome.title, "body": html(local.outcomeBodies[id], for: reader),
                    "title_mark": mark("outcomes.\(id).title", in: texts), "body_mark": mark("outcomes.\(id).body", in: texts),
                    "has_pages": !pages.isEmpty, "pages": pages]
        }
        model["has_answers_so_far"] = !soFar.isEmpty
        model["answers_so_far"] = soFar
        model.merge(leafletLinks(for: path, reader: reader, single: true))
        return OutputFile(path: urls.file(path, language: reader), contents: templates.render(model, template: "result"))
    }
}
