/// The proofing page of a questionnaire in one language, `/<lang>/<id>/proof/`:
/// what a reviewing lawyer or a translator signs off. Every question with
/// where each answer leads (conditions in words), every outcome with when it
/// is shown, its text, its linked pages and their sources, the decision
/// table, the scenario tests with their result, the version (see
/// ``QuestionnaireVersion``) and build date, and a blank sign-off block for
/// the printout. Not linked, `noindex`.
extension RenderContext {

    func renderProofing(_ q: CompiledQuestionnaire, reader: String) -> OutputFile {
        let local = q.localized(for: reader)
        let texts = local.texts
        let s = strings(reader)
        let path = "\(q.id)/\(Self.proofingSegment)"
        let title = (s["proofing_title"] ?? "").filling(["title": texts.title])
        var model = questionnaireCommon(q, reader: reader, path: path, title: title, pageTitle: nil, noindex: true, indexable: false)
        // A language without texts shows them in the source language: conditions and where
        // answers lead are then written wholly in it too, never mixing two languages in one sentence.
        let ws = texts.isFallback ? strings(source) : s
        let review = QuestionnaireReview(logic: q.logic, graph: q.graph, table: q.table, texts: texts, strings: ws,
                                         page: { QuestionnaireGraphExport.reviewPage($0, site: content, language: reader) })
        model["intro"] = html(local.intro, for: reader)
        model["intro_mark"] = mark("intro", in: texts)
        model["version"] = (s["review_version"] ?? "").filling(["version": review.version])
        if let day = q.builtOn {
            model["built_on"] = (s["review_date"] ?? "").filling(["date": LocalizedDate.format(day, language: reader)])
        }
        let words = ConditionWords(logic: q.logic, texts: texts, strings: ws)
        model["questions"] = q.logic.questions.map { question -> [String: Any] in
            let text = texts.questions[question.id]
            var item: [String: Any] = ["id": question.id, "text": text?.text ?? question.id,
                                       "text_mark": mark("questions.\(question.id).text", in: texts),
                                       "hint_mark": mark("questions.\(question.id).hint", in: texts)]
            if let hint = local.hints[question.id] { item["hint"] = html(hint, for: reader) }
            item["answers"] = question.answers.map { answer -> [String: Any] in
                var item: [String: Any] = ["id": answer.id, "label": text?.answers[answer.id] ?? answer.id, "has_branches": false,
                                           "label_mark": mark("questions.\(question.id).answers.\(answer.id)", in: texts)]
                if case .branches = answer.next {
                    // "Leads to:" and then one line per entry of the conditional next.
                    item["leads_to"] = (ws["proofing_leads_to"] ?? "").filling(["target": ""]).trimmingWhitespace
                    item["has_branches"] = true
                    item["branches"] = words.branches(answer.next).map { ["text": $0] }
                } else {
                    item["leads_to"] = (ws["proofing_leads_to"] ?? "").filling(["target": words.leadsTo(answer.next)])
                }
                return item
            }
            return item
        }
        model["outcomes"] = review.outcomes.map { outcome -> [String: Any] in
            let pages = q.logic.outcomes.first { $0.id == outcome.id }?.pages.compactMap { page -> [String: Any]? in
                guard var link = pageLink(page == "index" ? "" : page, in: reader) else { return nil }
                let sources = review.outcome(outcome.id)?.pages.first { $0.path == page }?.sources ?? []
                link["has_sources"] = !sources.isEmpty
                link["sources"] = sources.map { ["title": $0.title, "url": $0.url] }
                return link
            } ?? []
            return ["id": outcome.id, "title": outcome.title,
                    "title_mark": mark("outcomes.\(outcome.id).title", in: texts),
                    "body_mark": mark("outcomes.\(outcome.id).body", in: texts),
                    "condition": (ws["proofing_shown_when"] ?? "").filling(["condition": outcome.condition]),
                    "condition_ids": outcome.conditionIDs,
                    "body": html(local.outcomeBodies[outcome.id], for: reader),
                    "has_pages": !pages.isEmpty, "pages": pages]
        }
        let or = " \(ws["q_cond_or"] ?? "or") "
        func outcomes(_ ids: [String]) -> [[String: Any]] {
            ids.map { ["title": review.outcome($0)?.title ?? $0, "id": $0] }
        }
        // One column per question, in the order questions are first asked: each question's text
        // once in the header keeps the table short enough for a page; "–" where a way does not ask it.
        var columns: [String] = []
        for row in review.rows {
            for step in row.steps where !columns.contains(step.question) { columns.append(step.question) }
        }
        model["table_columns"] = columns.map { ["text": texts.questions[$0]?.text ?? $0, "id": $0] }
        model["table_rows"] = review.rows.map { row -> [String: Any] in
            let cells = columns.map { question -> [String: Any] in
                let answers = row.steps.filter { $0.question == question }.flatMap(\.answerTexts)
                return ["answer": answers.isEmpty ? "–" : answers.joined(separator: or)]
            }
            return ["number": row.number, "cells": cells, "row_outcomes": outcomes(row.outcomes)]
        }
        model["table_truncated"] = review.isTruncated
        model["has_scenarios"] = !review.scenarios.isEmpty
        model["scenarios"] = review.scenarios.enumerated().map { index, scenario -> [String: Any] in
            ["number": index + 1, "steps_text": scenario.steps.map { $0.answerTexts.joined(separator: or) }.joined(separator: " · "),
             "row_outcomes": outcomes(scenario.expected),
             "passed": scenario.passed,
             "result": scenario.passed ? (s["scenario_passed"] ?? "") : (s["scenario_failed"] ?? ""),
             "row": scenario.row.map(String.init) ?? "–"]
        }
        return OutputFile(path: urls.file(path, language: reader), contents: templates.render(model, template: "proofing"))
    }
}
