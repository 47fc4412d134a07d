import Foundation

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
        var text = yaml
        switch text.withUTF8({ Self.onBytes($0) }) {
        case let .decided(front):
            self = front
        case .undecided:
            guard let front = SimpleFrontMatter(byCharacters: yaml) else { return nil }
            self = front
        }
    }

    /// An empty reading, filled in by ``onBytes(_:)``.
    init(empty: Void) {}

    /// The front matter read by lines and Characters: where ``onBytes(_:)`` cannot tell.
    init?(byCharacters yaml: String) {
        // The keys read so far: lower-case ASCII (``entry(_:indent:)``), compared by bytes (hashing Substrings was a tenth of this).
        var seen: [Substring] = []
        var lines = Self.lines(yaml)[...]
        var lineNumber = 0
        while let line = lines.popFirst() {
            lineNumber += 1
            // All space bytes: all space Characters (a space with a mark after it is not one).
            if line.utf8.allSatisfy({ $0 == UInt8(ascii: " ") }) { continue }
            guard let (key, value, valueColumn) = Self.entry(line, indent: 0),
                  !seen.contains(where: { $0.utf8.elementsEqual(key.utf8) }) else { return nil }
            seen.append(key)
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
                              !following.dropFirst(indent + 2).isEmpty, following.dropFirst(indent + 2).first != " " else { break }
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
    static func entry(_ line: Substring, indent: Int) -> (Substring, Substring, Int)? {
        switch entryOnBytes(line, indent: indent) {
        case let .decided(result): return result
        case .undecided: return entryByCharacters(line, indent: indent)
        }
    }

    enum Decision<T> {
        case decided(T)
        /// A non-ASCII character (a combining mark?) next to a space, colon or quote that decides.
        case undecided
    }

    /// ``entry(_:indent:)`` on the bytes where each byte that decides is a
    /// Character of its own (an ASCII byte followed by an ASCII byte or the
    /// end: no mark joins it), which is every entry of most front matter;
    /// undecided otherwise. Reading each key and value by Characters was a
    /// third of reading front matter (issue 10).
    static func entryOnBytes(_ line: Substring, indent: Int) -> Decision<(Substring, Substring, Int)?> {
        // The line's bytes in place (a copy only of a text not stored as UTF-8).
        if let decision = line.utf8.withContiguousStorageIfAvailable({ entryOnBytes(line, bytes: $0, indent: indent) }) {
            return decision
        }
        return Array(line.utf8).withUnsafeBufferPointer { entryOnBytes(line, bytes: $0, indent: indent) }
    }

    private static func entryOnBytes(_ line: Substring, bytes: UnsafeBufferPointer<UInt8>, indent: Int) -> Decision<(Substring, Substring, Int)?> {
        let utf8 = line.utf8
        let count = bytes.count
        func standsAlone(_ index: Int) -> Bool { index + 1 >= count || bytes[index + 1] < 0x80 }
        // The indentation: `indent` spaces, the last followed by ASCII (else a mark could join it).
        for index in 0..<min(indent, count) where bytes[index] != UInt8(ascii: " ") { return .decided(nil) }
        guard count > indent else { return .decided(nil) }
        if indent > 0, !standsAlone(indent - 1) { return .undecided }
        // The key: lower-case ASCII letters and `_` up to the first `:`, which stands alone.
        var colon = indent
        while colon < count, bytes[colon] != UInt8(ascii: ":") {
            let byte = bytes[colon]
            guard (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_") else {
                // No key of letters before a `:` can come of this line (a mark would join the `:`, not precede it).
                return .decided(nil)
            }
            colon += 1
        }
        guard colon < count, colon > indent else { return .decided(nil) }
        guard standsAlone(colon) else { return .undecided }
        // The value: after a space (or nothing), spaces around it dropped.
        var start = colon + 1
        if start < count {
            guard bytes[start] == UInt8(ascii: " ") else { return .decided(nil) }
            while start < count, bytes[start] == UInt8(ascii: " ") {
                guard standsAlone(start) else { return .undecided }
                start += 1
            }
        }
        var end = count
        if end > start, bytes[end - 1] == UInt8(ascii: " ") { return .undecided }
        if end < start { end = start }
        let key = Substring(utf8[utf8.index(utf8.startIndex, offsetBy: indent)..<utf8.index(utf8.startIndex, offsetBy: colon)])
        let value = Substring(utf8[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)])
        // Every byte before the value is ASCII: its column is its byte offset.
        return .decided((key, value, start + 1))
    }

    /// ``entry(_:indent:)`` by Characters, as it always was read.
    static func entryByCharacters(_ line: Substring, indent: Int) -> (Substring, Substring, Int)? {
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
        // Where each `\n` is (memchr), then each line sliced at those offsets (splitting the UTF-8 view generically was most of this).
        var text = yaml
        let newlines: [Int] = text.withUTF8 { bytes in
            var offsets: [Int] = []
            guard let base = bytes.baseAddress else { return offsets }
            var index = 0
            while index < bytes.count, let found = memchr(base + index, Int32(UInt8(ascii: "\n")), bytes.count - index) {
                index = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                offsets.append(index)
                index += 1
            }
            return offsets
        }
        let utf8 = yaml.utf8
        var lines: [Substring] = []
        lines.reserveCapacity(newlines.count + 1)
        var start = utf8.startIndex
        for offset in newlines {
            let end = utf8.index(utf8.startIndex, offsetBy: offset)
            lines.append(Substring(utf8[start..<end]))
            start = utf8.index(after: end)
        }
        lines.append(Substring(utf8[start..<utf8.endIndex]))
        return lines
    }

    /// A one-line scalar whose text needs no YAML rules: `"…"` or `'…'` without
    /// quotes or backslashes inside, or plain words that cannot mean anything else.
    static func scalar(_ value: Substring) -> String? {
        guard let first = value.first else { return nil }
        guard hasOnlyPrintableScalars(value) else { return nil }
        if first == "\"" || first == "'" {
            // The first and (when it is a quote too) the last Character are a quote alone, one byte
            // each: the inner text is the bytes between (sliced on the bytes, not by Characters).
            // (At least two bytes: at least two Characters, the quotes; `value.last` is then the
            // `dropFirst().last` of the text after the opening quote.)
            guard value.utf8.count >= 2, value.last == first else { return nil }
            let inner = Substring(value.utf8.dropFirst().dropLast())
            // No quote byte, no quote Character (none is equivalent to one): most values are not searched by Characters.
            let quote = first.asciiValue!
            let hasQuoteByte = inner.utf8.withContiguousStorageIfAvailable { $0.contains(quote) } ?? inner.utf8.contains(quote)
            guard !(hasQuoteByte && inner.contains(first)),
                  !(inner.containsASCIIToken("\\") ?? inner.contains("\\")) else { return nil }
            return String(inner)
        }
        // Plain: no indicator first, no `: ` or ` #` inside. (A first Character of one byte is that
        // ASCII character; a text not ending in a `:` byte does not end in the Character `:`.)
        let indicators = "-?:,[]{}#&*!|>'\"%@`"
        let isIndicator = first.utf8.count == 1 ? indicators.utf8.contains(first.utf8.first!) : indicators.contains(first)
        guard !isIndicator, !(value.containsASCIIToken(": ") ?? value.contains(": ")),
              !(value.containsASCIIToken(" #") ?? value.contains(" #")),
              !(value.utf8.last == UInt8(ascii: ":") && value.hasSuffix(":")) else { return nil }
        // YAML's null (`~`, `null`): Yams reads no value there, not a text.
        // (Lower-casing never makes fewer scalars, so a text of more than 16 bytes, 5 scalars or more, is not `null`.)
        if value == "~" || (value.utf8.count <= 16 && value.lowercased() == "null") { return nil }
        return String(value)
    }

    /// No control character (C0 but tab is not allowed either, DEL, C1), no
    /// byte-order mark, no line or paragraph separator: checked on the bytes
    /// (a value's text is valid UTF-8), as ``scalar(_:)`` once checked each scalar.
    static func hasOnlyPrintableScalars(_ value: Substring) -> Bool {
        value.utf8.withContiguousStorageIfAvailable { hasOnlyPrintableScalars(bytes: $0) }
            ?? Array(value.utf8).withUnsafeBufferPointer { hasOnlyPrintableScalars(bytes: $0) }
    }

    /// ``hasOnlyPrintableScalars(_:)`` of a value's UTF-8 bytes.
    /// (On a buffer, not any collection of bytes: unspecialised, its indexing was most of reading a page's front matter.)
    static func hasOnlyPrintableScalars(bytes utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = utf8.startIndex
        while index < utf8.endIndex {
            // Eight printable ASCII bytes (20…7E) at a time: no high bit, none below 20, none 7F.
            if index + 8 <= utf8.endIndex, let base = utf8.baseAddress {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
                let belowSpace = (word &- ones &* 0x20) & ~word & highs
                let delete = ((word ^ (ones &* 0x7F)) &- ones) & ~(word ^ (ones &* 0x7F)) & highs
                if word & highs == 0, belowSpace == 0, delete == 0 {
                    index += 8
                    continue
                }
            }
            let byte = utf8[index]
            if byte < 0x80 {
                if byte < 0x20 || byte == 0x7F { return false }
            } else if byte == 0xC2 {
                // U+0080…U+009F (with U+0085): C2 80…C2 9F.
                let next = utf8.index(after: index)
                if next < utf8.endIndex, utf8[next] < 0xA0 { return false }
            } else if byte == 0xE2 || byte == 0xEF {
                // U+2028, U+2029: E2 80 A8, E2 80 A9; U+FEFF: EF BB BF.
                let second = utf8.index(after: index)
                if second < utf8.endIndex {
                    let third = utf8.index(after: second)
                    if third < utf8.endIndex {
                        let (b2, b3) = (utf8[second], utf8[third])
                        if byte == 0xE2, b2 == 0x80, b3 == 0xA8 || b3 == 0xA9 { return false }
                        if byte == 0xEF, b2 == 0xBB, b3 == 0xBF { return false }
                    }
                }
            }
            index = utf8.index(after: index)
        }
        return true
    }
}
