import Foundation
import Testing
@testable import LotseCore

/// Searches done on the bytes for speed (issue 10) must answer as the
/// Character and Foundation searches they replace, also next to combining
/// marks and prepended characters.
struct ByteSearchTests {
    private static let pieces = ["a", "Z", "0", "+", ".", "-", ":", "?", "#", " ", "/", "\u{301}", "\u{600}", "é", "ع", "%", ": ", " #", "tel", "https"]

    private static func randomTexts(_ count: Int) -> [String] {
        var generator = SeededGenerator(seed: 11)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...7, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
    }

    @Test func containsASCIITokenAnswersAsFoundation() {
        for text in Self.randomTexts(5_000) {
            for token in [": ", " #", "?"] {
                let substring = Substring(text)
                #expect((substring.containsASCIIToken(token) ?? substring.contains(token)) == substring.contains(token),
                        "\(text.debugDescription) \(token)")
            }
        }
    }

    @Test func hasSchemeAnswersAsTheCharacterSearch() {
        func reference(_ url: String) -> Bool {
            guard let colon = url.firstIndex(of: ":") else { return false }
            let scheme = url[..<colon]
            guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
            return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
        }
        for url in Self.randomTexts(5_000) + ["https://a", "tel:+49", "mailto:x", "a:", ":a", "1a:b", "a\u{301}:b", "a:\u{301}", "\u{600}:x"] {
            #expect(LinkRewriter.hasScheme(url) == reference(url), "\(url.debugDescription)")
        }
    }
}
