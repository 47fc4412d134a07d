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
    ]

    /// A page shown in the source language: `RenderContext.fallback(for:)`.
    static let fallback: Schema.Value = .object(["notice": .text, "body_lang": .text, "body_dir": .text])

    /// A link to a page or questionnaire in the lists of home pages, sections and results.
    static let pageLink: Schema = ["title": .text, "href": .text, "summary": .text, "other_lang": .text, "other_dir": .text]

    /// The language chooser (`/`) and the 404 page.
    static let chooser = common.adding([
        "choices": .list(["code": .text, "name": .text, "dir": .text, "href": .text, "choose": .text, "back": .text]),
    ])

    /// What advice pages and home pages share.
    static let advice = common.adding([
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
    static let mark: Schema.Value = .objectOrFalse(["lang": .text, "dir": .text])

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
        "answers_so_far": .list(["question": .text, "answer": .text, "question_mark": mark, "label_mark": mark]),
    ]

    static let question = questionnaireCommon.adding(answersSoFar).adding([
        "question": .text, "question_mark": mark, "hint": .html, "hint_mark": mark,
        "answers": .list(["label": .text, "label_mark": mark, "action": .text]),
    ])

    static let result = questionnaireCommon.adding(answersSoFar).adding([
        "outcomes": .list([
            "id": .text, "title": .text, "body": .html, "title_mark": mark, "body_mark": mark,
            "has_pages": .flag, "pages": .list(pageLink),
        ]),
    ])

    static let proofing = questionnaireCommon.adding([
        "intro": .html,
        "questions": .list([
            "id": .text, "text": .text, "hint": .html,
            "answers": .list(["id": .text, "label": .text, "leads_to": .text]),
        ]),
        "outcomes": .list(["id": .text, "title": .text, "condition": .text, "body": .html]),
    ])
}
