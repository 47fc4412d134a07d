import Foundation
import LotseCore

/// What the browser shows while the site has errors: every error as the
/// terminal prints it (`path:line:col`), with the line of the file it points
/// at, and a way to the last good version of the page. It reloads itself like
/// every served page, so fixing the file brings the page back.
///
/// Shown instead of any HTML page while the site has errors, because a writer
/// who just saved a broken file looks at the browser, not the terminal; the
/// last good site stays one click away (`?lotse-last-good`) and everything
/// that is not a page (the stylesheet, the sitemap) is still served from it.
enum ErrorPage {
    static let lastGoodQuery = "lotse-last-good"
    /// At most this many errors are listed (the terminal has them all).
    static let limit = 50

    static func html(errors: [Diagnostic], warnings: Int, requestPath: String, hasLastGood: Bool,
                     readLine: (String, Int) -> String? = ErrorPage.line) -> String {
        let count = errors.count
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Lotse: \(count) error\(count == 1 ? "" : "s")</title>
        <style>
        body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a}
        h1{font-size:1.4rem;color:#a00}
        ol{padding-left:1.2rem}li{margin:0 0 1.2rem}
        code,pre{font:14px/1.4 ui-monospace,monospace}
        .where{font-weight:bold}
        pre{background:#f4f4f4;border-left:4px solid #a00;padding:.5rem;overflow-x:auto;margin:.3rem 0 0}
        </style>
        </head>
        <body>
        <main>
        <h1>The site has \(count) error\(count == 1 ? "" : "s"): nothing was rebuilt</h1>
        <p>Fix the file and save it: this page reloads by itself. The terminal running <code>lotse serve</code> lists the same errors.</p>
        <ol>

        """
        for error in errors.prefix(limit) {
            html += "<li><code class=\"where\">\(escape(error.location?.description ?? "lotse"))</code>: \(escape(error.message))"
            if let location = error.location, let line = readLine(location.path, location.line) {
                let caret = String(repeating: " ", count: max(0, min(location.column, line.count + 1) - 1)) + "^"
                html += "\n<pre>\(location.line) | \(escape(line))\n\(String(repeating: " ", count: String(location.line).count)) | \(caret)</pre>"
            }
            html += "</li>\n"
        }
        html += "</ol>\n"
        if count > limit { html += "<p>… and \(count - limit) more (see the terminal).</p>\n" }
        if warnings > 0 { html += "<p>\(warnings) warning\(warnings == 1 ? "" : "s") too (see the terminal).</p>\n" }
        if hasLastGood {
            html += "<p><a href=\"\(escape(requestPath))?\(lastGoodQuery)\">Show the last good version of this page</a></p>\n"
        }
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    /// Line `number` of the file at `path`, or nil.
    static func line(_ path: String, _ number: Int) -> String? {
        guard number >= 1, let data = FileManager.default.contents(atPath: path) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard number <= lines.count else { return nil }
        let line = lines[number - 1]
        return String(line.hasSuffix("\r") ? line.dropLast() : line)
    }

    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
