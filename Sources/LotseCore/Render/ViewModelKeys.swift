/// Every name the view models give templates. Templates are checked against
/// this list when loaded, because Mustache renders an unknown name as nothing.
enum ViewModelKeys {
    static let all: Set<String> = [
        // every page
        "lang", "dir", "title", "page_title", "description", "noindex", "canonical", "alternates", "hreflang", "href",
        "css_href", "home_href", "has_languages", "languages", "code", "name", "current", "nav",
        "office", "address_lines", "line", "phone", "phone_href", "email", "email_href", "opening_hours",
        "name_lang", "name_dir", "address_lang", "address_dir", "hours_lang", "hours_dir",
        "example_notice", "fallback", "notice", "body_lang", "body_dir",
        // advice pages and home pages
        "body", "has_toc", "toc", "id", "text", "reviewed", "has_sources", "sources", "url",
        "has_questionnaires", "questionnaires", "has_pages", "pages", "summary", "other_lang", "other_dir",
        // root and 404
        "choices", "choose", "back",
        // questionnaires
        "intro", "start_href", "questionnaire_title", "questionnaire_href", "question", "hint", "answers", "action", "label",
        "has_answers_so_far", "answers_so_far", "answer", "outcomes", "restart_href", "questions", "leads_to", "condition",
        // a single questionnaire text shown in the source language: { lang, dir } or false
        "title_mark", "intro_mark", "question_mark", "hint_mark", "label_mark", "body_mark",
        // leaflets (issue 8): the leaflet template, and the links to leaflets on results and advice pages
        "inline_css", "leaflet_css", "bilingual", "back_href", "qr", "svg", "office_name", "headline", "printed",
        "rows", "kind", "cells", "html", "caption", "leaflet_href", "leaflet_bilingual_href", "leaflet_bilingual_label",
    ]
}
