import Foundation

/// ``SimpleFrontMatter`` read on the front matter's bytes.
///
/// Why: reading it by lines, keys and values as Substrings and Characters
/// was about 68,000 instructions a page, 3 % of a warm build of 10,000 pages
/// (issue 10). Here every line, key and value is a range of bytes, and a
/// String is made only of the texts kept.
///
/// The bytes decide only where each byte that matters is a Character of its
/// own (``standsAlone(_:in:)``, ``startsCharacter(_:from:)``). Anywhere else, and wherever the front matter is not one the
/// simple reader takes, the answer is ``Decision/undecided`` and the text is
/// read by Characters (``SimpleFrontMatter/init(byCharacters:)``), as
/// before; so this never reads a text differently, it only reads most
/// texts faster. `SimpleFrontMatterTests` compares both on tricky texts.
extension SimpleFrontMatter {
    /// The front matter read on its bytes, or undecided.
    static func onBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Decision<SimpleFrontMatter> {
        var reader = ByteReader(bytes: bytes)
        guard let front = reader.read() else { return .undecided }
        return .decided(front)
    }

    /// The bytes of the keys the simple reader knows, each with its bit in a set of keys seen.
    fileprivate enum Key: UInt8 {
        case title = 1, summary = 2, order = 4, reviewed = 8, sources = 16, draft = 32, critical = 64

        init?(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            func equals(_ word: StaticString) -> Bool {
                word.utf8CodeUnitCount == range.count
                    && memcmp(word.utf8Start, bytes.baseAddress! + range.lowerBound, range.count) == 0
            }
            switch range.count {
            case 5 where equals("title"): self = .title
            case 5 where equals("order"): self = .order
            case 5 where equals("draft"): self = .draft
            case 7 where equals("summary"): self = .summary
            case 7 where equals("sources"): self = .sources
            case 8 where equals("reviewed"): self = .reviewed
            case 8 where equals("critical"): self = .critical
            default: return nil
            }
        }
    }

    private struct ByteReader {
        let bytes: UnsafeBufferPointer<UInt8>
        /// Where the next line starts.
        var position = 0
        var lineNumber = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        /// The next line (without its `\n`), or nil at the end.
        mutating func nextLine() -> Range<Int>? {
            guard position <= bytes.count, let base = bytes.baseAddress else { return nil }
            let start = position
            let end: Int
            if let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) {
                end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
            } else {
                end = bytes.count
            }
            position = end + 1
            lineNumber += 1
            return start..<end
        }

        /// The line after the current one, without moving on.
        func peekLine() -> Range<Int>? {
            var copy = self
            return copy.nextLine()
        }

        /// Whether the ASCII byte at `index` of `line` ends a Character: the line ends there, or the
        /// next scalar does not join it. Only the next scalar decides (the rules that join more than
        /// two scalars all start with a scalar that is not ASCII), so where it is no plain ASCII or
        /// Latin letter (below U+0300 none joins) the two are asked how many Characters they are.
        func standsAlone(_ index: Int, in line: Range<Int>) -> Bool {
            let next = index + 1
            guard next < line.upperBound, bytes[next] >= 0xCC else { return true }
            let end = next + (bytes[next] < 0xE0 ? 2 : bytes[next] < 0xF0 ? 3 : 4)
            guard end <= line.upperBound else { return false }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self).count == 2
        }

        /// Whether a Character starts at the ASCII byte at `index`: the scalar before it does not
        /// join it. Only a prepended mark (U+0600 on) joins what follows it.
        func startsCharacter(_ index: Int, from start: Int) -> Bool {
            guard index > start, bytes[index - 1] >= 0x80 else { return true }
            var first = index - 1
            while first > start, bytes[first] & 0xC0 == 0x80 { first -= 1 }
            guard bytes[first] >= 0xD8 else { return true }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[first...index]), as: UTF8.self).count == 2
        }

        /// `key: value` at the line's start: the key's and the value's bytes and the value's column
        /// (from 1); nil when the simple reader would not take the line, or the bytes cannot tell.
        func entry(_ line: Range<Int>) -> (key: Range<Int>, value: Range<Int>, column: Int)? {
            var colon = line.lowerBound
            while colon < line.upperBound, bytes[colon] != UInt8(ascii: ":") {
                let byte = bytes[colon]
                guard (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_") else { return nil }
                colon += 1
            }
            guard colon < line.upperBound, colon > line.lowerBound, standsAlone(colon, in: line) else { return nil }
            var start = colon + 1
            if start < line.upperBound {
                guard bytes[start] == UInt8(ascii: " ") else { return nil }
                while start < line.upperBound, bytes[start] == UInt8(ascii: " ") {
                    guard standsAlone(start, in: line) else { return nil }
                    start += 1
                }
            }
            // A value ending in a space has a space with a mark before it: left to Characters.
            if line.upperBound > start, bytes[line.upperBound - 1] == UInt8(ascii: " ") { return nil }
            return (line.lowerBound..<colon, start..<max(start, line.upperBound), start - line.lowerBound + 1)
        }

        func string(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        /// A one-line scalar as ``SimpleFrontMatter/scalar(_:)`` reads it; nil where it would
        /// not take it or the bytes cannot tell.
        func scalar(_ value: Range<Int>) -> String? {
            guard !value.isEmpty else { return nil }
            let slice = UnsafeBufferPointer(rebasing: bytes[value])
            guard SimpleFrontMatter.hasOnlyPrintableScalars(bytes: slice) else { return nil }
            let first = slice[0]
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                // Both quotes Characters of their own: ASCII after the first, before the last.
                guard slice.count >= 2, slice[slice.count - 1] == first, standsAlone(value.lowerBound, in: value),
                      startsCharacter(value.upperBound - 1, from: value.lowerBound + 1) else { return nil }
                let inner = value.lowerBound + 1..<value.upperBound - 1
                for index in inner where bytes[index] == first || bytes[index] == UInt8(ascii: "\\") { return nil }
                return string(inner)
            }
            // Plain, all ASCII (every byte a Character): no indicator first, no `: ` or ` #`, no `:` last, not null.
            guard !slice.contains(where: { $0 >= 0x80 }) else {
                // Other letters: as the Characters read them.
                return SimpleFrontMatter.scalar(Substring(string(value)))
            }
            guard !"-?:,[]{}#&*!|>'\"%@`".utf8.contains(first), slice[slice.count - 1] != UInt8(ascii: ":") else { return nil }
            for index in 0..<(slice.count - 1) {
                let pair = (slice[index], slice[index + 1])
                if pair == (UInt8(ascii: ":"), UInt8(ascii: " ")) || pair == (UInt8(ascii: " "), UInt8(ascii: "#")) { return nil }
            }
            let text = string(value)
            if text == "~" || (text.utf8.count == 4 && text.lowercased() == "null") { return nil }
            return text
        }

        /// The whole front matter, or nil (left to Characters).
        mutating func read() -> SimpleFrontMatter? {
            var front = SimpleFrontMatter(empty: ())
            var seen: UInt8 = 0
            while let line = nextLine() {
                // A line of spaces (each byte a space: each a Character) is skipped.
                if bytes[line].allSatisfy({ $0 == UInt8(ascii: " ") }) { continue }
                guard let (keyRange, valueRange, column) = entry(line), let key = Key(bytes, keyRange),
                      seen & key.rawValue == 0 else { return nil }
                seen |= key.rawValue
                if key == .sources {
                    guard valueRange.isEmpty, let sources = readSources() else { return nil }
                    front.sources = sources
                    continue
                }
                guard let text = scalar(valueRange) else { return nil }
                switch key {
                case .title:
                    let trimmed = text.trimmingWhitespace
                    guard !trimmed.isEmpty else { return nil }
                    front.title = trimmed
                case .summary:
                    front.summary = text.trimmingWhitespace
                case .order:
                    guard let number = Int(text.trimmingWhitespace) else { return nil }
                    front.order = number
                case .reviewed:
                    guard let day = Day(text) else { return nil }
                    front.reviewed = day
                    front.reviewedPosition = (lineNumber, column)
                case .draft, .critical:
                    let flag: Bool
                    switch text.lowercased() {
                    case "true", "yes", "on": flag = true
                    case "false", "no", "off": flag = false
                    default: return nil
                    }
                    if key == .draft { front.draft = flag } else { front.critical = flag }
                case .sources:
                    return nil
                }
            }
            guard front.title != nil else { return nil }
            return front
        }

        /// The items after `sources:`: `- title: …` / `  url: …` lines, all at one indentation.
        mutating func readSources() -> [PageSource.Source]? {
            var sources: [PageSource.Source] = []
            var itemIndent: Int?
            while let next = peekLine(), !next.isEmpty, bytes[next.lowerBound] == UInt8(ascii: " ") || bytes[next.lowerBound] == UInt8(ascii: "-") {
                // The indentation, then `- `: each byte a Character of its own.
                var dash = next.lowerBound
                while dash < next.upperBound, bytes[dash] == UInt8(ascii: " ") { dash += 1 }
                let indent = dash - next.lowerBound
                guard dash + 2 < next.upperBound, bytes[dash] == UInt8(ascii: "-"), bytes[dash + 1] == UInt8(ascii: " "),
                      standsAlone(dash + 1, in: next), itemIndent == nil || itemIndent == indent else { return nil }
                itemIndent = indent
                _ = nextLine()
                var title: String?
                var url: String?
                var itemLine = dash + 2..<next.upperBound
                while true {
                    guard let (k, v, _) = entry(itemLine), let text = scalar(v) else { return nil }
                    switch k.count {
                    case 5 where bytes[k.lowerBound] == UInt8(ascii: "t") && Key(bytes, k) == .title:
                        guard title == nil else { return nil }
                        title = text
                    case 3 where bytes[k].elementsEqual("url".utf8):
                        guard url == nil else { return nil }
                        url = text
                    default:
                        return nil
                    }
                    // The item goes on on a line of exactly `indent + 2` spaces and then no space.
                    guard let following = peekLine(), following.count > indent + 2,
                          bytes[following.lowerBound..<(following.lowerBound + indent + 2)].allSatisfy({ $0 == UInt8(ascii: " ") }),
                          bytes[following.lowerBound + indent + 2] != UInt8(ascii: " ") else { break }
                    // The key's first byte ASCII: the last space of the indentation a Character of its own.
                    guard standsAlone(following.lowerBound + indent + 1, in: following) else { return nil }
                    _ = nextLine()
                    itemLine = following.lowerBound + indent + 2..<following.upperBound
                }
                guard let title, let url, Self.isWebAddress(url) else { return nil }
                sources.append(PageSource.Source(title: title, url: url))
            }
            guard itemIndent != nil else { return nil }
            return sources
        }

        /// Whether `url` starts with `https://` or `http://` and the `/` is a Character of its own.
        static func isWebAddress(_ url: String) -> Bool {
            let utf8 = url.utf8
            for scheme in ["https://", "http://"] where utf8.starts(with: scheme.utf8) {
                let after = utf8.dropFirst(scheme.utf8.count)
                return after.first.map { $0 < 0x80 } ?? true
            }
            return false
        }
    }
}
