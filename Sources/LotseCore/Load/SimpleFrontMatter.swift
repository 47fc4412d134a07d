/// The front matter most pages have, read without a YAML parser.
///
/// Why: composing every page's front matter with Yams (a node tree with
/// marks, tags resolved by regular expressions) was most of the load step on
/// large sites. Most front matter is a few `key: value` lines and a list of
/// sources, so such text is read here directly; anything else (comments,
/// escapes, multi-line or flow values, unknown or repeated keys, anything a
/// warning or an error would be reported for) returns nil, and the page is
/// read with Yams as before. For the text it accepts it gives what
/// ``PageSource/parse`` takes from Yams: the scalars' text and the line and
/// column of `reviewed`'s value.
struct SimpleFrontMatter {
    var title: String?
    var summary: String?
    var order: Int?
    var reviewed: Day?
    /// Line in the YAML text (from 1) and column (Unicode scalars, from 1) of `reviewed`'s value.
    var reviewedPosition: (line: Int, column: Int)?
    var sources: [PageSource.Source] = []
    var draft: Bool?
    var critical: Bool?

    init?(_ yaml: String) {
        var seen = Set<Substring>()
        var lines = Self.lines(yaml)[...]
        var lineNumber = 0
        while let line = lines.popFirst() {
            lineNumber += 1
            if line.allSatisfy({ $0 == " " }) { continue }
            guard let (key, value, valueColumn) = Self.entry(line, indent: 0), seen.insert(key).inserted else { return nil }
            if key == "sources" {
                guard value.isEmpty, sources.isEmpty else { return nil }
                // Items: `- title: …` / `  url: …` lines, all at one indentation.
                var itemIndent: Int?
                while let next = lines.first, let first = next.first, first == " " || first == "-" {
                    let indent = next.prefix { $0 == " " }.count
                    guard next.dropFirst(indent).hasPrefix("- "), itemIndent == nil || itemIndent == indent else { return nil }
                    itemIndent = indent
                    lines.removeFirst()
                    lineNumber += 1
                    var fields: [Substring: String] = [:]
                    var itemLine = Substring(String(repeating: " ", count: indent + 2)) + next.dropFirst(indent + 2)
                    while true {
                        guard let (k, v, _) = Self.entry(itemLine, indent: indent + 2), k == "title" || k == "url",
                              fields[k] == nil, let text = Self.scalar(v) else { return nil }
                        fields[k] = text
                        guard let following = lines.first, following.prefix(indent + 2).allSatisfy({ $0 == " " }),
                              following.count > indent + 2, following.dropFirst(indent + 2).first != " " else { break }
                        itemLine = lines.removeFirst()
                        lineNumber += 1
                    }
                    guard let title = fields["title"], let url = fields["url"],
                          url.hasPrefix("https://") || url.hasPrefix("http://") else { return nil }
                    sources.append(PageSource.Source(title: title, url: url))
                }
                guard itemIndent != nil else { return nil }
                continue
            }
            guard let text = Self.scalar(value) else { return nil }
            switch key {
            case "title":
                let trimmed = text.trimmingWhitespace
                guard !trimmed.isEmpty else { return nil }
                title = trimmed
            case "summary":
                summary = text.trimmingWhitespace
            case "order":
                guard let number = Int(text.trimmingWhitespace) else { return nil }
                order = number
            case "reviewed":
                guard let day = Day(text) else { return nil }
                reviewed = day
                reviewedPosition = (lineNumber, valueColumn)
            case "draft", "critical":
                let flag: Bool
                switch text.lowercased() {
                case "true", "yes", "on": flag = true
                case "false", "no", "off": flag = false
                default: return nil
                }
                if key == "draft" { draft = flag } else { critical = flag }
            default:
                return nil
            }
        }
        guard title != nil else { return nil }
    }

    /// `key: value` at exactly `indent` spaces, the key in lower-case letters and `_`;
    /// the value with the column (in Unicode scalars, from 1) where it starts.
    private static func entry(_ line: Substring, indent: Int) -> (Substring, Substring, Int)? {
        guard line.prefix(indent).allSatisfy({ $0 == " " }) else { return nil }
        let rest = line.dropFirst(indent)
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let key = rest[..<colon]
        guard !key.isEmpty, key.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || $0 == "_" }) else { return nil }
        var value = rest[rest.index(after: colon)...]
        guard value.isEmpty || value.first == " " else { return nil }
        while value.first == " " { value.removeFirst() }
        while value.last == " " { value.removeLast() }
        let column = line.unicodeScalars.distance(from: line.startIndex, to: value.startIndex) + 1
        return (key, value, column)
    }

    /// The lines of `yaml`: split at the `\n` bytes (a `\n` is always a
    /// Character of its own but in `\r\n`: text with a `\r` is split by Characters).
    private static func lines(_ yaml: String) -> [Substring] {
        guard !yaml.containsBytes("\r") else { return yaml.split(separator: "\n", omittingEmptySubsequences: false) }
        return yaml.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// A one-line scalar whose text needs no YAML rules: `"…"` or `'…'` without
    /// quotes or backslashes inside, or plain words that cannot mean anything else.
    private static func scalar(_ value: Substring) -> String? {
        guard let first = value.first else { return nil }
        guard value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value)
                                                && $0 != "\u{FEFF}" && $0 != "\u{2028}" && $0 != "\u{2029}" && $0 != "\u{85}" }) else { return nil }
        if first == "\"" || first == "'" {
            let inner = value.dropFirst().dropLast()
            // (`dropFirst().last`: at least two Characters, without counting them all.)
            guard value.dropFirst().last == first, !inner.contains(first),
                  !(inner.containsASCIIToken("\\") ?? inner.contains("\\")) else { return nil }
            return String(inner)
        }
        // Plain: no indicator first, no `: ` or ` #` inside.
        guard !"-?:,[]{}#&*!|>'\"%@`".contains(first), !(value.containsASCIIToken(": ") ?? value.contains(": ")),
              !(value.containsASCIIToken(" #") ?? value.contains(" #")),
              !value.hasSuffix(":") else { return nil }
        // YAML's null (`~`, `null`): Yams reads no value there, not a text.
        if value == "~" || ["null"].contains(value.lowercased()) { return nil }
        return String(value)
    }
}
