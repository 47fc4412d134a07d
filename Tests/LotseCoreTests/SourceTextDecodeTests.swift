import Foundation
import Testing
@testable import LotseCore

/// `SourceText.decode` and `FrontMatterSplit` work on bytes (issue 10); they
/// must give exactly what the Foundation-based versions before them gave, on
/// byte-order marks, CRLF and lone CR, combining marks next to line ends,
/// invalid UTF-8, NUL bytes and empty files. The old versions are kept here
/// as the reference.
struct SourceTextDecodeTests {
    /// The decoder before issue 10.
    private static func referenceDecode(_ data: Data) -> String? {
        guard var text = String(data: data, encoding: .utf8), data.firstIndex(of: 0) == nil else { return nil }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        guard text.utf8.contains(13) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// The split before issue 10: (yaml, body, bodyLineOffset), nil when unclosed.
    private static func referenceSplit(_ text: String) -> (String?, String, Int)? {
        var lines: [Range<String.Index>] = []
        var start = text.utf8.startIndex
        var index = start
        while index < text.utf8.endIndex {
            if text.utf8[index] == UInt8(ascii: "\n") {
                lines.append(start..<index)
                start = text.utf8.index(after: index)
            }
            index = text.utf8.index(after: index)
        }
        lines.append(start..<text.utf8.endIndex)
        func isFence(_ line: Substring.UTF8View, dots: Bool) -> Bool {
            var bytes = Array(line)
            while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { bytes.removeLast() }
            return bytes == Array("---".utf8) || (dots && bytes == Array("...".utf8))
        }
        guard isFence(text.utf8[lines[0]], dots: false) else { return (nil, text, 0) }
        guard let end = lines.dropFirst().firstIndex(where: { isFence(text.utf8[$0], dots: true) }) else { return nil }
        let yaml = end > 1 ? String(text.utf8[lines[1].lowerBound..<lines[end - 1].upperBound])! : ""
        let body = end + 1 < lines.count ? String(text.utf8[lines[end + 1].lowerBound...])! : ""
        return (yaml, body, end + 1)
    }

    private static let pieces: [[UInt8]] = [
        Array("---".utf8), Array("...".utf8), Array("title: Arbeit".utf8), [10], [13], [13, 10], [32], [9],
        [0xEF, 0xBB, 0xBF], Array("\u{301}".utf8), Array("é".utf8), Array("العمل".utf8), Array("e\u{301}".utf8),
        Array("👩‍👩‍👧".utf8), [0xC0, 0x80], [0xE2, 0x82], [0xFF], [0xED, 0xA0, 0x80], [0], Array("## H".utf8), Array("-".utf8),
    ]

    private static func randomFiles(count: Int) -> [[UInt8]] {
        var generator = SeededGenerator(seed: 42)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...14, using: &generator)).flatMap { _ in pieces.randomElement(using: &generator)! }
        }
    }

    private static let cases: [[UInt8]] = [
        [], [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 65],
        Array("a\r\nb\rc\r\r\nd\r".utf8), Array("a\r\n\u{301}b\r\u{301}c\n\u{301}".utf8), Array("---\r\ntitle: x\r\n---\r\nbody\r\n".utf8),
        [65, 0, 66], [0xC3], [0xEF, 0xBB, 0xBF, 0xC3, 0x28], Array("\u{FEFF}---\ntitle: a\n---".utf8),
    ]

    @Test func decodeGivesWhatFoundationGave() throws {
        for bytes in Self.cases + Self.randomFiles(count: 4_000) {
            let data = Data(bytes)
            let decoded = try? SourceText.decode(data, displayPath: "f.md")
            #expect(decoded.map { Array($0.unicodeScalars) } == Self.referenceDecode(data).map { Array($0.unicodeScalars) }, "\(bytes)")
        }
    }

    @Test func decodeErrorsNameTheirPlace() {
        let invalid = #expect(throws: LotseError.self) {
            try SourceText.decode(Data([0xEF, 0xBB, 0xBF] + Array("ok\nbad ".utf8) + [0xFF]), displayPath: "f.md")
        }
        #expect(invalid?.diagnostics.map(\.description) == ["f.md:2:1: error: file is not valid UTF-8 text; save it as UTF-8"])
        let nul = #expect(throws: LotseError.self) { try SourceText.decode(Data("ä\nab\0".utf8), displayPath: "f.md") }
        #expect(nul?.diagnostics.first?.description.hasPrefix("f.md:2:3: error: the file contains a NUL byte") == true)
    }

    @Test func normalizingLineEndsGivesWhatFoundationGave() {
        for bytes in Self.cases + Self.randomFiles(count: 2_000) {
            let text = String(decoding: bytes, as: UTF8.self)
            let reference = text.utf8.contains(13)
                ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : text
            #expect(Array(SourceText.normalizeLineEnds(text).unicodeScalars) == Array(reference.unicodeScalars))
        }
    }

    @Test func frontMatterSplitGivesWhatTheLineSplitGave() {
        let fixed = ["", "---", "---\n", "---\n---", "---\n---\n", "---\n...\nbody", "...\n---\n", "--- \t\ntitle: a\n--- \nbody\n",
                     "---\n\n---\n\nbody", "---\ntitle: a\nb: c\n----\n...\nrest\n---\n", "x\n---\ntitle: a\n---\n", "---\ntitle: a"]
        let random = Self.randomFiles(count: 4_000).map { String(decoding: $0, as: UTF8.self) }
        for text in fixed + random {
            let split = try? FrontMatterSplit(text, path: "f.md")
            let reference = Self.referenceSplit(text)
            #expect((split == nil) == (reference == nil), "\(text.debugDescription)")
            guard let split, let reference else { continue }
            #expect(split.yaml == reference.0 && split.body == reference.1 && split.bodyLineOffset == reference.2,
                    "\(text.debugDescription)")
            #expect(split.yamlLineOffset == (reference.0 == nil ? 0 : 1))
        }
    }
}

/// SplitMix64: the same random texts on every run, so a failure can be repeated.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `trimmingWhitespace` skips the Character walk when a text starts and ends
/// with a visible ASCII character (issue 10): it must trim as the walk does.
struct TrimmingWhitespaceTests {
    @Test func givesWhatTheCharacterWalkGives() {
        let pieces = ["a", "}", " ", "\t", "\n", "\r\n", "\u{A0}", "\u{2003}", "\u{301}", "\u{600}", "ع", "#", "~", "\u{7F}"]
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            var walked = Substring(text)
            while let first = walked.first, first.isWhitespace { walked.removeFirst() }
            while let last = walked.last, last.isWhitespace { walked.removeLast() }
            #expect(Array(text.trimmingWhitespace.unicodeScalars) == Array(String(walked).unicodeScalars), "\(text.debugDescription)")
        }
    }
}
