/// ``QuestionnaireReview`` as text to paste into a legal review:
/// Markdown, CSV (one row per way through) or a standalone HTML page.
/// Headings and joining words are the language's interface strings.
public enum DecisionTableFormat: String, Sendable, CaseIterable {
    case md, csv, html

    public func render(_ review: QuestionnaireReview, strings: [String: String], date: String, direction: String) -> String {
        let s = Strings(table: strings)
        switch self {
        case .md: return markdown(review, s, date: date)
        case .csv: return csv(review, s)
        case .html: return html(review, s, date: date, direction: direction)
        }
    }

    struct Strings {
        let table: [String: String]
        func callAsFunction(_ key: String, _ fallback: String) -> String {
            table[key].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
        }
        var or: String { " \(self("q_cond_or", "or")) " }
    }

    static func stepText(_ step: QuestionnaireReview.Step, or: String) -> String {
        "\(step.questionText) – \(step.answerTexts.joined(separator: or))"
    }

    private func versionLine(_ review: QuestionnaireReview, _ s: Strings, date: String) -> String {
        s("review_version", "Version {version}").filling(["version": review.version]) + " · "
            + s("review_date", "Date: {date}").filling(["date": date])
    }

    private func markdown(_ review: QuestionnaireReview, _ s: Strings, date: String) -> String {
        func cell(_ text: String) -> String {
            text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        var out = ["# \(s("decision_table", "Decision table")): \(review.title)", "",
                   versionLine(review, s, date: date), "", s("decision_table_intro", ""), "",
                   "| # | \(s("table_answers", "Answers given")) | \(s("table_outcomes", "Results shown")) |",
                   "| ---: | --- | --- |"]
        for row in review.rows {
            let answers = row.steps.map { cell(Self.stepText($0, or: s.or)) + " `\($0.answers.joined(separator: ","))`" }
            let outcomes = row.outcomes.map { id in cell(review.outcome(id)?.title ?? id) + " `\(id)`" }
            out.append("| \(row.number) | \(answers.joined(separator: "<br>")) | \(outcomes.joined(separator: "<br>")) |")
        }
        if review.isTruncated { out.append("| … | | |") }
        out += ["", "## \(s("table_pages", "Linked pages"))", ""]
        for outcome in review.outcomes {
            out.append("### \(outcome.title) `\(outcome.id)`")
            out.append("")
            out.append(s("proofing_shown_when", "Shown when: {condition}").filling(["condition": outcome.condition])
                       + " (`\(outcome.conditionIDs)`)")
            out.append("")
            for page in outcome.pages {
                var line = "- \(page.title) (`\(page.path)`)"
                if !page.sources.isEmpty {
                    line += " — \(s("sources", "Sources")): " + page.sources.map { "[\($0.title)](\($0.url))" }.joined(separator: ", ")
                }
                out.append(line)
            }
            out.append("")
        }
        if !review.scenarios.isEmpty {
            out += ["## \(s("scenario_tests", "Scenario tests"))", ""]
            for (index, scenario) in review.scenarios.enumerated() {
                let result = scenario.passed ? s("scenario_passed", "passed") : s("scenario_failed", "failed")
                let answers = scenario.steps.map { Self.stepText($0, or: s.or) }.joined(separator: "; ")
                let outcomes = scenario.expected.map { review.outcome($0)?.title ?? $0 }.joined(separator: "; ")
                out.append("\(index + 1). \(answers) ⇒ \(outcomes) — **\(result)**" + (scenario.row.map { " (#\($0))" } ?? ""))
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// One row per way through, one column per question (in the order first asked), so a
    /// spreadsheet can filter by answer; "–" where a way does not ask the question.
    private func csv(_ review: QuestionnaireReview, _ s: Strings) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var columns: [(id: String, text: String)] = []
        for row in review.rows {
            for step in row.steps where !columns.contains(where: { $0.id == step.question }) {
                columns.append((step.question, step.questionText))
            }
        }
        var out = [(["#"] + columns.map(\.text)
                    + [s("table_outcomes", "Results shown"), s("table_pages", "Linked pages"), s("sources", "Sources"),
                       "answer ids", "outcome ids", "version"]).map(field).joined(separator: ",")]
        for row in review.rows {
            var pages: [String] = []
            var sources: [String] = []
            for id in row.outcomes {
                for page in review.outcome(id)?.pages ?? [] where !pages.contains(page.title) {
                    pages.append(page.title)
                    for source in page.sources where !sources.contains("\(source.title) <\(source.url)>") {
                        sources.append("\(source.title) <\(source.url)>")
                    }
                }
            }
            let answers = columns.map { column -> String in
                let texts = row.steps.filter { $0.question == column.id }.flatMap(\.answerTexts)
                return texts.isEmpty ? "–" : texts.joined(separator: s.or)
            }
            out.append(([String(row.number)] + answers
                        + [row.outcomes.map { review.outcome($0)?.title ?? $0 }.joined(separator: "\n"),
                           pages.joined(separator: "\n"), sources.joined(separator: "\n"),
                           row.steps.map { "\($0.question)=\($0.answers.joined(separator: "|"))" }.joined(separator: " "),
                           row.outcomes.joined(separator: " "), review.version]).map(field).joined(separator: ","))
        }
        return out.joined(separator: "\r\n") + "\r\n"
    }

    private func html(_ review: QuestionnaireReview, _ s: Strings, date: String, direction: String) -> String {
        func e(_ text: String) -> String { HTML.escape(text) }
        var out = ["<!DOCTYPE html>", "<html lang=\"\(e(review.language))\" dir=\"\(e(direction))\">", "<head>",
                   "<meta charset=\"utf-8\">", "<title>\(e(s("decision_table", "Decision table"))): \(e(review.title))</title>",
                   "<style>body{font-family:sans-serif;margin:1.5rem}table{border-collapse:collapse}th,td{border:1px solid #999;padding:.3rem .5rem;vertical-align:top;text-align:start}code{font-size:.8em;color:#555}</style>",
                   "</head>", "<body>",
                   "<h1>\(e(s("decision_table", "Decision table"))): \(e(review.title))</h1>",
                   "<p>\(e(versionLine(review, s, date: date)))</p>",
                   "<p>\(e(s("decision_table_intro", "")))</p>",
                   "<table>",
                   "<thead><tr><th scope=\"col\">#</th><th scope=\"col\">\(e(s("table_answers", "Answers given")))</th><th scope=\"col\">\(e(s("table_outcomes", "Results shown")))</th></tr></thead>",
                   "<tbody>"]
        for row in review.rows {
            let answers = row.steps.map { "\(e(Self.stepText($0, or: s.or))) <code>\(e($0.answers.joined(separator: ",")))</code>" }
            let outcomes = row.outcomes.map { "\(e(review.outcome($0)?.title ?? $0)) <code>\(e($0))</code>" }
            out.append("<tr><th scope=\"row\">\(row.number)</th><td>\(answers.joined(separator: "<br>"))</td><td>\(outcomes.joined(separator: "<br>"))</td></tr>")
        }
        out += ["</tbody>", "</table>", "<h2>\(e(s("table_pages", "Linked pages")))</h2>"]
        for outcome in review.outcomes {
            out.append("<h3>\(e(outcome.title)) <code>\(e(outcome.id))</code></h3>")
            out.append("<p>\(e(s("proofing_shown_when", "Shown when: {condition}").filling(["condition": outcome.condition]))) <code>\(e(outcome.conditionIDs))</code></p>")
            out.append("<ul>")
            for page in outcome.pages {
                let sources = page.sources.map { "<a href=\"\(e($0.url))\">\(e($0.title))</a>" }.joined(separator: ", ")
                out.append("<li>\(e(page.title)) <code>\(e(page.path))</code>" + (sources.isEmpty ? "" : " – \(e(s("sources", "Sources"))): \(sources)") + "</li>")
            }
            out.append("</ul>")
        }
        out += ["</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }
}
