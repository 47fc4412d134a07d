/// The view model of each page template: the names ``RenderContext`` gives
/// it, and what each holds. Templates are checked against these when loaded
/// (``TemplateCheck``), because Mustache renders an unknown name as nothing;
/// a unit test renders the bundled site and checks every view model against
/// its schema, so the two cannot drift apart. docs/templates.md lists them.
enum ViewModelKeys {
    typealias Schema = ViewModelSchema

    /// The page templates, each with its view model. Any other template is a partial.
    static let byTemplate: [String: Schema] = [
        "root": chooser,
        "404": chooser,
        "home": home,
        "page": page,
        "questionnaire": questionnaireStart,
        "question": question,
        "result": result,
        "proofing": proofing,
        "glossary": glossary,
        "status": status,
        "leaflet": leaflet,
    ]

    /// Every page: `RenderContext.common`.
    static let common: Schema = [
        "lang": .text, "dir": .text, "title": .text, "page_title": .text, "description": .text,
        "s": .strings, "css_href": .text, "home_href": .text, "noindex": .flag, "canonical": .text,
        "alternates": .list(["hreflang": .text, "href": .text]),
        "has_languages": .flag,
        "languages": .list(["code": .text, "name": .text, "dir": .text, "href": .text, "current": .flag]),
        "nav": .list(["title": .text, "href": .text, "current": .flag]),
        "office": .object([
            "name": .text, "name_lang": .text, "name_dir": .text,
            "address": .text, "address_lang": .text, "address_dir": .text, "address_lines": .list(["line": .text]),
            "phone": .text, "phone_href": .text, "email": .text, "email_href": .text,
            "opening_hours": .text, "hours_lang": .text, "hours_dir": .text,
        ]),
        "example_notice": .text,
        // A translation whose source changed since it was made: `RenderContext.outdatedNotice`.
        "outdated": .object(["notice": .text, "original_href": .text, "original_lang": .text, "original_link": .text]),
    ]

    /// A page shown in the source language: `RenderContext.fallback(for:)`.
    static let fallback: Schema.Value = .object(["notice": .text, "body_lang": .text, "body_dir": .text])

    /// A link to a page or questionnaire in the lists of home pages, sections and results.
    static let pageLink: Schema = ["title": .text, "href": .text, "summary": .text, "other_lang": .text, "other_dir": .text,
                                   "other_lang_tag": .textOrFalse]

    /// The language chooser (`/`) and the 404 page.
    static let chooser = common.adding([
        "choices": .list(["code": .text, "name": .text, "dir": .text, "href": .text, "choose": .text, "back": .text]),
        "greetings": .list(["code": .text, "dir": .text, "text": .text]),
    ])

    /// What advice pages and home pages share.
    static let advice = common.adding([
        "leaflet_bilingual_href": .text, "leaflet_bilingual_label": .text,
        "body": .html, "fallback": fallback, "reviewed": .text,
        "has_sources": .flag, "sources": .list(["title": .text, "url": .text]),
        "has_pages": .flag, "pages": .list(pageLink),
    ])

    static let home = advice.adding([
        "has_questionnaires": .flag, "questionnaires": .list(pageLink),
    ])

    static let page = advice.adding([
        "has_toc": .flag, "toc": .list(["id": .text, "text": .text]),
    ])

    /// A single questionnaire text shown in the source language: `{ lang, dir }`, or false.
    /// With it, `marker`: the visible "(not yet translated)" in the reader's language.
    static let mark: Schema.Value = .objectOrFalse(["lang": .text, "dir": .text,
                                                    "marker": .text, "marker_lang": .text, "marker_dir": .text])

    /// Every questionnaire page.
    static let questionnaireCommon = common.adding([
        "fallback": fallback, "questionnaire_title": .text, "title_mark": mark,
        "questionnaire_href": .text, "restart_href": .text,
    ])

    static let questionnaireStart = questionnaireCommon.adding([
        "intro": .html, "intro_mark": mark, "start_href": .text,
    ])

    static let answersSoFar: Schema = [
        "has_answers_so_far": .flag,
        "answers_so_far": .list(["question": .text, "answer": .text, "question_mark": mark, "label_mark": mark,
                                 "change_href": .text, "change_label": .text]),
    ]

    static let question = questionnaireCommon.adding(answersSoFar).adding([
        "question": .text, "question_mark": mark, "hint": .html, "hint_mark": mark, "progress": .text,
        "answers": .list(["label": .text, "label_mark": mark, "action": .text]),
    ])

    static let result = questionnaireCommon.adding(answersSoFar).adding([
        "leaflet_href": .text, "leaflet_bilingual_href": .text, "leaflet_bilingual_label": .text,
        "outcomes": .list([
            "id": .text, "title": .text, "body": .html, "title_mark": mark, "body_mark": mark,
            "has_pages": .flag, "pages": .list(pageLink),
        ]),
    ])

    /// An outcome named in a row of the decision table or a scenario test.
    static let rowOutcome: Schema = ["title": .text, "id": .text]

    static let proofing = questionnaireCommon.adding([
        "intro": .html, "intro_mark": mark, "version": .text, "built_on": .text,
        "questions": .list([
            "id": .text, "text": .text, "text_mark": mark, "hint": .html, "hint_mark": mark,
            "answers": .list(["id": .text, "label": .text, "label_mark": mark, "leads_to": .text,
                              "has_branches": .flag, "branches": .list(["text": .text])]),
        ]),
        "outcomes": .list([
            "id": .text, "title": .text, "title_mark": mark, "condition": .text, "condition_ids": .text,
            "body": .html, "body_mark": mark,
            "has_pages": .flag,
            "pages": .list(pageLink.adding(["has_sources": .flag, "sources": .list(["title": .text, "url": .text])])),
        ]),
        "table_columns": .list(["text": .text, "id": .text]),
        "table_rows": .list(["number": .number, "cells": .list(["answer": .text]), "row_outcomes": .list(rowOutcome)]),
        "table_truncated": .flag,
        "has_scenarios": .flag,
        "scenarios": .list(["number": .number, "steps_text": .text, "row_outcomes": .list(rowOutcome),
                            "passed": .flag, "result": .text, "row": .text]),
    ])

    /// `/<lang>/glossary/`: `RenderContext.renderGlossary`.
    static let glossary = common.adding([
        "intro": .text,
        "terms": .list(["anchor": .text, "term": .text, "explanation": .text, "original": .text,
                        "original_lang": .text, "text_mark": mark]),
    ])

    /// `/status/`, for volunteers: `RenderContext.renderStatusPage`.
    static let status = common.adding([
        "intro": .text,
        "status_languages": .list([
            "code": .text, "name": .text, "dir": .text, "percent": .text, "counts": .text,
            "items": .list(["file": .text, "state": .text, "state_label": .text, "words": .text,
                            "has_changes": .flag, "changes": .list(["section": .text])]),
        ]),
    ])

    /// Page templates a site's own templates folder may leave out: those pages are then not made.
    static let optional: Set<String> = ["glossary", "status"]

    /// A leaflet (`/<lang>/<id>/<state>/leaflet/[<office language>/]`, `lotse leaflet`):
    /// `RenderContext.leafletCommon`. Not built on `common`: no navigation, no footer.
    static let leaflet: Schema = [
        "lang": .text, "dir": .text, "s": .strings, "page_title": .text,
        "css_href": .text, "inline_css": .html, "leaflet_css": .html, "leaflet_css_href": .text, "bilingual": .flag, "back_href": .text,
        "fallback": fallback,
        "outdated": .object(["notice": .text, "original_href": .text, "original_lang": .text, "original_link": .text]),
        "qr": .object(["svg": .html, "url": .text, "caption": .text]),
        "office_name": .text,
        "headline": .list(["text": .text, "lang": .text, "dir": .text]),
        "printed": .list(["text": .text, "lang": .text, "dir": .text]),
        "rows": .list(["kind": .text, "cells": .list(["html": .html, "lang": .text, "dir": .text])]),
    ]
}
