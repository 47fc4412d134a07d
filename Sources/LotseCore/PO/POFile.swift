/// A gettext PO file, as Weblate, Poedit and Lokalize read and write it:
/// entries with a context (`msgctxt`), the source text (`msgid`), the
/// translation (`msgstr`), flags (`fuzzy`), the previous source text of a
/// fuzzy entry (`#| msgid`) and comments for the translator.
struct POFile: Equatable {
    struct Entry: Equatable {
        var context: String
        var source: String
        var translation: String
        var fuzzy = false
        var previousSource: String?
        /// `#.` comments: what the text is (heading, paragraph, list item…).
        var comments: [String] = []
        /// `#:` reference: where the source text is.
        var reference: String?
    }

    var language: String
    var header: [(String, String)] = []
    var entries: [Entry] = []

    static func == (lhs: POFile, rhs: POFile) -> Bool {
        lhs.language == rhs.language && lhs.entries == rhs.entries
    }

    // MARK: Writing

    var text: String {
        var out = "msgid \"\"\nmsgstr \"\"\n"
        for (key, value) in header { out += "\"\(Self.escape("\(key): \(value)\n"))\"\n" }
        for entry in entries {
            out += "\n"
            for comment in entry.comments { out += "#. \(comment)\n" }
            if let reference = entry.reference { out += "#: \(reference)\n" }
            if entry.fuzzy { out += "#, fuzzy\n" }
            if let previous = entry.previousSource {
                out += Self.field("msgctxt", entry.context, prefix: "#| ")
                out += Self.field("msgid", previous, prefix: "#| ")
            }
            out += Self.field("msgctxt", entry.context)
            out += Self.field("msgid", entry.source)
            out += Self.field("msgstr", entry.translation)
        }
        return out
    }

    /// `msgid "text"`, or split after each `\n` for multi-line texts.
    static func field(_ name: String, _ value: String, prefix: String = "") -> String {
        guard value.contains("\n") else { return "\(prefix)\(name) \"\(escape(value))\"\n" }
        var out = "\(prefix)\(name) \"\"\n"
        var line = ""
        for character in value {
            line.append(character)
            if character == "\n" {
                out += "\(prefix)\"\(escape(line))\"\n"
                line = ""
            }
        }
        if !line.isEmpty { out += "\(prefix)\"\(escape(line))\"\n" }
        return out
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: Reading

    /// Parses a PO file; problems are reported with their line.
    static func parse(_ text: String, path: String, log: DiagnosticLog) -> POFile {
        var file = POFile(language: "")
        var entry = Entry(context: "", source: "", translation: "")
        var field: String?
        var hasEntry = false
        func finish() {
            guard hasEntry else { return }
            do {
                if entry.source.isEmpty && entry.context.isEmpty {
                    for line in entry.translation.split(separator: "\n") {
                        let parts = line.split(separator: ":", maxSplits: 1)
                        if parts.count == 2 {
                            file.header.append((String(parts[0]), String(parts[1]).trimmingWhitespace))
                            if parts[0] == "Language" { file.language = String(parts[1]).trimmingWhitespace }
                        }
                    }
                } else {
                    file.entries.append(entry)
                }
            }
            entry = Entry(context: "", source: "", translation: "")
            field = nil
            hasEntry = false
        }
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingWhitespace
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                if field == "msgstr" { finish() }
                if line.hasPrefix("#,") && line.contains("fuzzy") { entry.fuzzy = true }
                continue  // previous msgids and comments are not read back
            }
            var rest = Substring(line)
            for keyword in ["msgctxt", "msgid_plural", "msgid", "msgstr[0]", "msgstr"] where rest.hasPrefix(keyword + " ") {
                if keyword == "msgctxt" || (keyword == "msgid" && field != "msgctxt") { finish() }
                field = keyword
                hasEntry = true
                rest = rest.dropFirst(keyword.count + 1)
                break
            }
            guard rest.hasPrefix("\""), rest.hasSuffix("\""), rest.count >= 2, let value = unescape(rest.dropFirst().dropLast()) else {
                log.error(at: SourceLocation(path: path, line: index + 1), "cannot read this PO line: \(line)")
                continue
            }
            switch field {
            case "msgctxt": entry.context += value
            case "msgid": entry.source += value
            case "msgstr", "msgstr[0]": entry.translation += value
            default: break
            }
        }
        finish()
        return file
    }

    static func unescape(_ text: Substring) -> String? {
        var out = ""
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "n": out += "\n"
                case "t": out += "\t"
                case "r": out += "\r"
                case "\\": out += "\\"
                case "\"": out += "\""
                default: out.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return escaped ? nil : out
    }
}
