/// Turns libyaml's syntax errors into a place and a sentence a volunteer
/// can act on.
///
/// libyaml reports where it *noticed* a problem, often a line after the
/// mistake (a key without its colon on line 5 is reported at 6:1), in
/// parser words ("mapping values are not allowed in this context"). The
/// common mistakes in hand-written front matter and string files are few:
/// a value with `: ` in it, a tab, no space after the colon, a quote left
/// open, a line indented differently. Each is recognised from libyaml's
/// problem and the text around it, and explained with the fix; anything
/// else keeps libyaml's own words.
struct YAMLSyntaxHint {
    /// 1-based line and column in the YAML text.
    var line: Int
    var column: Int
    var message: String

    /// - Parameters:
    ///   - problem: libyaml's problem ("could not find expected ':'").
    ///   - context: libyaml's context ("while scanning a simple key") and where it began.
    ///   - mark: where libyaml noticed the problem.
    init(problem: String, context: String?, contextMark: (line: Int, column: Int)?, mark: (line: Int, column: Int), text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func lineText(_ number: Int) -> String { number >= 1 && number <= lines.count ? lines[number - 1] : "" }
        line = mark.line
        column = mark.column
        let original = context.map { "\(problem) \($0)" } ?? problem
        message = original

        // A tab where YAML expects indentation.
        if Self.character(in: lineText(mark.line), at: mark.column) == "\t" || problem.contains("tab character") {
            let tabLine = lineText(mark.line).contains("\t") ? mark.line : (contextMark?.line ?? mark.line)
            let tabColumn = (lineText(tabLine).firstIndex(of: "\t").map { lineText(tabLine).distance(from: lineText(tabLine).startIndex, to: $0) } ?? 0) + 1
            set(tabLine, tabColumn, "YAML is indented with spaces, not tabs: replace the tab on this line with spaces")
            return
        }
        // A missing space after a colon (`title:Text`) makes the line one piece of
        // text, noticed at the key's end or on the next line.
        let suspects: [Int] = if problem.contains("could not find expected ':'") {
            [contextMark?.line ?? mark.line]
        } else if problem.contains("mapping values are not allowed") || problem.contains("did not find expected key") {
            Array((max(1, mark.line - 3)..<mark.line).reversed())
        } else {
            []
        }
        for suspect in suspects {
            let written = lineText(suspect)
            if written.trimmingWhitespace.isEmpty || written.trimmingWhitespace.hasPrefix("#") { continue }
            if let colon = Self.colonWithoutSpace(in: written) {
                set(suspect, colon + 1, "put a space after the colon: '\(Self.fixedSpace(written, colon: colon))'")
                return
            }
            if Self.keyColon(in: written) != nil { break }
        }
        switch problem {
        case let p where p.contains("found unexpected end of stream") && (context ?? "").contains("quoted scalar"):
            let start = contextMark ?? mark
            let quote = Self.character(in: lineText(start.line), at: start.column) ?? "\""
            set(start.line, start.column, "this quote (\(quote)) is never closed: end the text with \(quote) on the same line")
        case let p where p.contains("could not find expected ':'"):
            // The key began where the context mark is: that is the line missing its colon.
            let start = contextMark ?? mark
            let written = lineText(start.line).trimmingWhitespace
            set(start.line, start.column, "this line has no ':' after its key: write it as 'key: value'\(written.isEmpty ? "" : " (the line reads '\(Self.shortened(written))')")")
        case let p where p.contains("mapping values are not allowed"):
            let current = lineText(mark.line)
            if let keyEnd = Self.keyColon(in: current), keyEnd + 1 < mark.column {
                // `title: Einbürgerung: So geht es`
                let key = String(current.prefix(keyEnd - 1))
                let value = String(current.dropFirst(keyEnd)).trimmingWhitespace
                set(mark.line, mark.column, "the value contains ': ', which YAML reads as a new key; put the value in quotes: \(key.trimmingWhitespace): \"\(Self.shortened(value.replacingOccurrences(of: "\"", with: "\\\"")))\"")
            } else if Self.indentation(of: current) > Self.indentation(of: Self.previousContentLine(lines, before: mark.line)) {
                set(mark.line, Self.indentation(of: current) + 1, "this line is indented more than the line before it; keys of the same mapping start in the same column")
            } else {
                set(mark.line, mark.column, "a ':' followed by a space is not allowed here; if it belongs to the text, put the whole value in quotes")
            }
        case let p where p.contains("did not find expected key") || p.contains("did not find expected '-' indicator"):
            let current = lineText(mark.line)
            let previous = Self.previousContentLine(lines, before: mark.line)
            if p.contains("expected key"), let quote = Self.textAfterClosingQuote(lineText(mark.line), column: mark.column) {
                set(mark.line, mark.column, "text follows the closing \(quote); put the whole value in quotes, or leave out the quotes")
            } else if Self.indentation(of: current) != Self.indentation(of: previous) {
                set(mark.line, Self.indentation(of: current) + 1, "this line is indented differently from the line before it: keys of the same mapping (and of the same list item) start in the same column")
            } else {
                set(mark.line, mark.column, "\(original): check the indentation and the '-' and ':' of this line")
            }
        case let p where p.contains("found character that cannot start any token"):
            let character = Self.character(in: lineText(mark.line), at: mark.column).map(String.init) ?? "?"
            set(mark.line, mark.column, "a value cannot start with '\(character)' in YAML: put the value in quotes")
        case let p where p.contains("did not find expected ',' or ']'") || p.contains("did not find expected ',' or '}'"):
            let start = contextMark ?? mark
            let bracket = Self.character(in: lineText(start.line), at: start.column).map(String.init) ?? "["
            set(start.line, start.column, "a value starting with '\(bracket)' is read as a \(bracket == "[" ? "list" : "mapping") that is never closed; if it is text, put it in quotes")
        default:
            break
        }

        func set(_ line: Int, _ column: Int, _ text: String) {
            self.line = line
            self.column = column
            self.message = text
        }
    }

    /// The character at a 1-based column.
    static func character(in line: String, at column: Int) -> Character? {
        guard column >= 1, column <= line.count else { return nil }
        return line[line.index(line.startIndex, offsetBy: column - 1)]
    }

    static func indentation(of line: String) -> Int {
        line.prefix { $0 == " " }.count
    }

    static func previousContentLine(_ lines: [String], before line: Int) -> String {
        var index = line - 2
        while index >= 0 {
            let text = lines[index].trimmingWhitespace
            if !text.isEmpty && !text.hasPrefix("#") { return lines[index] }
            index -= 1
        }
        return ""
    }

    /// The 1-based column of the colon ending a simple key at the start of the line (`  title: …`, `- url: …`), if any.
    static func keyColon(in line: String) -> Int? {
        var column = 0
        var sawKey = false
        var previous: Character = " "
        for character in line {
            column += 1
            if !sawKey {
                if character == " " || (character == "-" && previous == " ") { previous = character; continue }
                if character == "\"" || character == "'" || character == "#" { return nil }
                sawKey = true
            }
            if character == ":" {
                let next = YAMLSyntaxHint.character(in: line, at: column + 1)
                return next == nil || next == " " ? column : nil
            }
            if character == " " && previous == " " { return nil }
            previous = character
        }
        return nil
    }

    /// The column of the colon in a line written `key:value` (a key and its value without the space).
    static func colonWithoutSpace(in line: String) -> Int? {
        let trimmed = line.trimmingWhitespace
        let body = trimmed.hasPrefix("- ") ? String(trimmed.dropFirst(2)) : trimmed
        guard let colon = body.firstIndex(of: ":"), colon != body.startIndex else { return nil }
        let key = body[..<colon]
        let after = body[body.index(after: colon)...]
        guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }),
              let first = after.first, first != " ", first != "/" else { return nil }
        return line.distance(from: line.startIndex, to: line.firstIndex(of: ":")!) + 1
    }

    static func fixedSpace(_ line: String, colon: Int) -> String {
        let index = line.index(line.startIndex, offsetBy: colon)
        return shortened((String(line[..<index]) + " " + String(line[index...])).trimmingWhitespace)
    }

    /// `"A" B`: the quote character when text follows a quoted value on this line before `column`.
    static func textAfterClosingQuote(_ line: String, column: Int) -> Character? {
        let before = String(line.prefix(max(column - 1, 0))).trimmingTrailingWhitespace
        guard let last = before.last, last == "\"" || last == "'", before.filter({ $0 == last }).count >= 2 else { return nil }
        return last
    }

    static func shortened(_ text: String, limit: Int = 80) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
