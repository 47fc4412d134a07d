import Foundation
import Testing
@testable import LotseCore

/// Trimming read from the bytes (``WhitespaceTrim``) gives what trimming by
/// Characters gives, also next to combining marks, prepended scalars,
/// joiners, non-ASCII whitespace and scripts of every kind; and a heading's
/// `{#id}` splits off as it did with Character trimming and Foundation's search.
struct WhitespaceTrimTests {
    static let pieces = [" ", "  ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{A0}", "\u{85}", "\u{3000}", "\u{2028}",
                         "a", "Z", "!", "}", "{#", "{#id}", "{#abschnitt-1}", "#", "{", "ß", "é", "e\u{301}", " \u{301}", "\u{301}",
                         "العمل", "ا", "\u{64E}", "\u{600}", "\u{6DD}", "\u{70F}", "؟", "۳", "робота", "Ж", "ትግርኛ", "።",
                         "\u{D4E}", "\u{E33}", "ก", "\u{915}\u{94D}", "क", "\u{1100}", "\u{1161}", "가", "ｶ", "\u{FF9E}",
                         "\u{200D}", "\u{200C}", "👍🏽", "🇩🇪", "中", "\u{1F3FB}", "\u{1}", "\u{7F}", "ʰ", "\u{AD}", "𝔸", "\u{110BD}"]

    static func randomTexts(_ count: Int) -> [String] {
        var generator = SystemRandomNumberGenerator()
        var texts = pieces + pieces.flatMap { piece in [" \(piece)", "\(piece) ", "x \(piece) {#id}", "\(piece){#a}", " {#\(piece)} "] }
        for _ in 0..<count {
            texts.append((0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        return texts
    }

    @Test func trimmingMatchesCharacters() {
        for text in Self.randomTexts(20000) {
            let scalars = text.unicodeScalars.map { String($0.value, radix: 16) }
            #expect(text.trimmingWhitespace == text.trimmingWhitespaceByCharacters, "\(scalars)")
            #expect(text.trimmingTrailingWhitespace == text.trimmingTrailingWhitespaceByCharacters, "\(scalars)")
        }
    }

    /// The texts of most pages are trimmed on the bytes, not by Characters.
    @Test func commonScriptsTakeTheBytePath() {
        for text in ["ትግርኛ ", " العمل\t", "робота  ", "Gebühr", "中文 ", "ሓልዉ፧ ", "۳ "] {
            var bytes = text
            #expect(bytes.withUTF8 { WhitespaceTrim.trimmedStart($0) != nil && WhitespaceTrim.trimmedEnd($0) != nil }, "\(text)")
        }
        for text in [" \u{301}", "a\u{600} ", "\u{A0}x", "x\u{200D} "] {
            var bytes = text
            #expect(bytes.withUTF8 { WhitespaceTrim.trimmedStart($0) == nil || WhitespaceTrim.trimmedEnd($0) == nil }, "\(text)")
        }
    }

    /// The heading id split before the byte paths: Characters and Foundation throughout.
    static func splitByCharacters(_ text: String) -> (id: String, text: String)? {
        let trimmed = text.trimmingWhitespaceByCharacters
        guard trimmed.hasSuffix("}"), let open = trimmed.range(of: "{#", options: .backwards) else { return nil }
        let id = String(trimmed[open.upperBound..<trimmed.index(before: trimmed.endIndex)])
        let remaining = String(trimmed[..<open.lowerBound])
        let leading = text.prefix { $0.isWhitespace }
        return (id, String(leading) + remaining.trimmingTrailingWhitespaceByCharacters)
    }

    @Test func explicitIDSplitMatchesCharacters() {
        for text in Self.randomTexts(20000) + ["Fees {#fees}", "  `code` {#x} ", "رسوم {#fees}", "ትግርኛ  {#abschnitt-0}", "{#only}", "  {#only}"] {
            let fast = MarkdownDocument.splitExplicitID(text)
            let slow = Self.splitByCharacters(text)
            #expect(fast?.id == slow?.id && fast?.text == slow?.text, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // Most headings are split on the bytes.
        for text in ["Fees {#fees}", "رسوم الطلب {#fees}", "ትግርኛ ጽሑፍ {#abschnitt-0}", "Сроки  {#x}", "No id", "ሓልዉ"] {
            var bytes = text
            let decided: Bool = bytes.withUTF8 {
                if case .decided = MarkdownDocument.splitExplicitIDOnBytes($0) { return true }
                return false
            }
            #expect(decided, "\(text)")
        }
    }

    /// A link of visible ASCII is read for a scheme on its bytes as its Characters are.
    @Test func schemeOnBytesMatchesCharacters() {
        for url in ["https://x", "mailto:a@b", "tel:+49", "a1+.-:x", "1a:x", ":x", "a b:x", "ab", "a:", "x.md#a:b", "-a:b", "A:b", "a_b:c"] {
            var bytes = url
            guard url.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else { continue }
            #expect(bytes.withUTF8 { LinkRewriter.hasScheme(visibleASCII: $0) } == LinkRewriter.hasScheme(url), "\(url)")
        }
    }
}
