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
        // questionnaire review (issue 13): progress and Change links on state pages, language tags in lists,
        // greetings on the chooser, and the proofing page's version, decision table, scenarios and sign-off
        "progress", "change_href", "change_label", "other_lang_tag", "greetings",
        "version", "built_on", "condition_ids", "has_branches", "branches", "table_rows", "table_truncated", "table_columns", "number", "cells", "steps_text", "row_outcomes",
        "has_scenarios", "scenarios", "passed", "result", "row",
    ]
}
