import Testing
@testable import LotseCore

/// The word count read from bytes (texts below U+0300) is the count the
/// Character-based definition gives, for every such scalar and for mixed
/// texts; texts with other scalars take the Character path.
struct WordCountTests {
    @Test func everyScalarBelowU0300CountsAsCharacters() {
        for value in 0..<0x300 {
            let scalar = Character(Unicode.Scalar(UInt32(value))!)
            for text in ["\(scalar)", "a\(scalar)b", " \(scalar) ", "1\(scalar)", "\(scalar)\r\n\(scalar)x"] {
                #expect(WordCount.count(text) == WordCount.byCharacters(text), "U+\(String(value, radix: 16))")
            }
        }
    }

    @Test func mixedTextsMatchCharacters() {
        let pieces = ["Gebühr", " ", "\n", "\r\n", "\t", "\u{A0}", "\u{85}", "–", "-", "§", "23", "©", "ß", "é",
                      "e\u{301}", " \u{301}", "العمل", "робота", "ትግርኛ", "\u{2028}", "!", "ǅ", "ʰ", "\u{AD}", "x"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(WordCount.count(text) == WordCount.byCharacters(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(WordCount.count("Die Gebühr beträgt 37 €, siehe § 5 AufenthG – danach: ") == 8)
        #expect(WordCount.count("") == 0)
    }

    /// Source sections cut lines by bytes: the same lines as splitting Characters at "\n".
    @Test func linesByBytesMatchCharacterSplit() {
        let pieces = ["a", "\n", "\r\n", "\r", "\n\u{301}", "ä", " ", "العمل", "\u{200D}", "\n\n"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(SourceSections.lines(text).map(String.init) == text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                    "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}

