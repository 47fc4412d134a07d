import Foundation
import Testing
@testable import LotseCore

/// `UTF8Check` and `SourceText.decodeHead` let a build skip making a
/// translation's whole file a String at load (issue 10): the check must say
/// what `String(validating:)` says for every input, and the head must give
/// the front matter, body offset and body line that the whole text gives.
struct UTF8CheckTests {
    private static func reference(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) != nil }
    }

    private static func check(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { UTF8Check.isValid($0) }
    }

    @Test func everyShortSequenceIsJudgedAsTheStandardLibraryJudgesIt() {
        #expect(Self.check([]))
        for first in 0...255 {
            #expect(Self.check([UInt8(first)]) == Self.reference([UInt8(first)]), "\(first)")
            for second in 0...255 {
                let bytes = [UInt8(first), UInt8(second)]
                if Self.check(bytes) != Self.reference(bytes) { Issue.record("\(bytes)") }
            }
        }
    }

    @Test func everyLeadByteWithBoundaryContinuations() {
        let interesting: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC2, 0xFF]
        for lead in 0xC0...0xFF {
            for second in interesting {
                for third in interesting {
                    for fourth in interesting {
                        // At every position of a longer text: behind ASCII that the eight-byte step passes.
                        for prefix in [Array("abcdefg".utf8), Array("abcdefgh".utf8)] as [[UInt8]] {
                            for suffix in [[], Array("xyzxyzxyz".utf8)] as [[UInt8]] {
                                let bytes = prefix + [UInt8(lead), second, third, fourth] + suffix
                                if Self.check(bytes) != Self.reference(bytes) { Issue.record("\(bytes)") }
                                let cut = prefix + [UInt8(lead), second, third]
                                if Self.check(cut) != Self.reference(cut) { Issue.record("\(cut)") }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test func randomTextsAndDamagedTexts() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", " ", "\n", "ä", "й", "م", "ትግ", "€", "𝄞", "👩‍👩‍👧", "\u{301}", "e\u{301}", "12345678", "\u{10FFFF}", "\u{FEFF}"]
        for _ in 0..<3_000 {
            var bytes = Array((0..<Int.random(in: 0...60, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined().utf8)
            #expect(Self.check(bytes) == Self.reference(bytes))
            if !bytes.isEmpty, Bool.random(using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            if !bytes.isEmpty, Bool.random(using: &generator) { bytes.removeLast(Int.random(in: 0...min(3, bytes.count), using: &generator)) }
            if Self.check(bytes) != Self.reference(bytes) { Issue.record("\(bytes)") }
        }
    }

    /// Every pair of bytes in each lane of eight bytes that are otherwise two-byte scalars (the four-at-a-time step).
    @Test func everyPairInEachLaneOfARunOfTwoByteScalars() {
        let run: [UInt8] = Array("йййй".utf8)
        for lane in 0..<4 {
            for first in 0...255 {
                for second in 0...255 {
                    var bytes = run
                    bytes[2 * lane] = UInt8(first)
                    bytes[2 * lane + 1] = UInt8(second)
                    if Self.check(bytes) != Self.reference(bytes) { Issue.record("\(bytes)") }
                }
            }
        }
    }

    /// Runs of two-byte scalars are checked four at a time: every byte of such a run damaged in turn.
    @Test func runsOfTwoByteScalarsWithEachByteDamaged() {
        let runs = ["привіт світе", "مرحبا بالعالم", "ÄÖÜäöüß", "йййййййййййй", "ҀҁҠ߿߀", "aйbйcйdй"]
        for run in runs {
            let bytes = Array(run.utf8)
            #expect(Self.check(bytes))
            for index in bytes.indices {
                for value: UInt8 in [0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF] {
                    var damaged = bytes
                    damaged[index] = value
                    if Self.check(damaged) != Self.reference(damaged) { Issue.record("\(damaged)") }
                    let cut = Array(damaged[..<index])
                    if Self.check(cut) != Self.reference(cut) { Issue.record("\(cut)") }
                }
            }
        }
    }

    /// A word of eight bytes mixing ASCII and two-byte scalars is checked at once, and one whose last
    /// byte is a lead stops before it: every pair of bytes at every position of such words, twice over.
    @Test func everyPairAtEachPositionOfWordsMixingASCIIAndTwoByteScalars() {
        let texts = ["a\u{439}b\u{439}c\u{439}dd", "a \u{645}\u{631}\u{62D} \u{628}", "\u{439}\u{439}\u{439}a\u{439}\u{439}b"]
        for text in texts {
            let bytes = Array(text.utf8) + Array(text.utf8)
            #expect(Self.check(bytes))
            for position in 0..<(bytes.count - 1) {
                for first in 0...255 {
                    for second in [0x20, 0x41, 0x80, 0x9F, 0xBF, 0xC1, 0xC2, 0xD9, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF4, 0xFF] as [UInt8] {
                        var damaged = bytes
                        damaged[position] = UInt8(first)
                        damaged[position + 1] = second
                        if Self.check(damaged) != Self.reference(damaged) { Issue.record("\(damaged)") }
                    }
                }
            }
        }
    }

    /// Runs of three-byte scalars (Ethiopic, CJK, the euro sign) are passed in a loop of their own:
    /// each byte of such runs damaged in turn, and each run cut short.
    @Test func runsOfThreeByteScalarsWithEachByteDamaged() {
        let runs = ["ትግርኛ ቋንቋ", "ሰላም፡ዓለም።", "€€€ a €", "\u{E000}\u{FFFD}\u{D7FF}\u{1000}ab", "中文字符"]
        for run in runs {
            let bytes = Array(run.utf8)
            #expect(Self.check(bytes))
            for index in bytes.indices {
                for value: UInt8 in [0x00, 0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF] {
                    var damaged = bytes
                    damaged[index] = value
                    if Self.check(damaged) != Self.reference(damaged) { Issue.record("\(damaged)") }
                    let cut = Array(damaged[..<index])
                    if Self.check(cut) != Self.reference(cut) { Issue.record("\(cut)") }
                }
            }
        }
    }

    @Test func theHeadOfAFileSplitsAsTheWholeText() throws {
        let files = [
            "---\ntitle: Hallo\n---\nText\n", "---\ntitle: Hallo\n---", "---\ntitle: Hallo\n...\n\nText", "---\n---\nText",
            "---  \ntitle: مرحبا\nsummary: ትግርኛ\n---\t\n# Überschrift\n\nтекст\n", "---\ntitle: a\n---\n",
        ]
        for file in files {
            let data = Data(file.utf8)
            let head = try #require(SourceText.decodeHead(data), "\(file)")
            let whole = try FrontMatterSplit(SourceText.decode(data, displayPath: "p.md"), path: "p.md")
            let part = try FrontMatterSplit(head.text, path: "p.md")
            #expect(part.yaml == whole.yaml)
            #expect(part.yamlLineOffset == whole.yamlLineOffset)
            #expect(part.bodyLineOffset == whole.bodyLineOffset)
            #expect(head.bodyOffset == whole.bodyOffset)
            #expect(part.body.isEmpty)
        }
    }

    @Test func anythingUnusualIsLeftToTheWholeDecoder() {
        let files: [[UInt8]] = [
            Array("\u{FEFF}---\ntitle: a\n---\nb".utf8), Array("---\r\ntitle: a\r\n---\r\nb".utf8), Array("---\ntitle: a\n---\nb\r".utf8),
            Array("---\ntitle: a\n---\nb\0c".utf8), Array("---\ntitle: a\n---\nb".utf8) + [0xC3], Array("---\ntitle: a\nb".utf8),
            Array("title: a\n".utf8), Array("---".utf8), [],
        ]
        for file in files { #expect(SourceText.decodeHead(Data(file)) == nil, "\(file)") }
    }

    /// `ColumnMap` counts the scalars before a link eight bytes at a time.
    @Test func scalarStartsAreCountedAsByteByByte() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...80, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let lower = Int.random(in: 0...bytes.count, using: &generator)
            let upper = Int.random(in: lower...bytes.count, using: &generator)
            let expected = bytes[lower..<upper].filter { $0 & 0xC0 != 0x80 }.count
            #expect(ColumnMap.scalarStarts(bytes, lower..<upper) == expected)
        }
        let text = Array("ab\näöü x ትግርኛ 👩‍👩‍👧 مرحبا\u{301}".utf8)
        #expect(ColumnMap.scalarStarts(text, 0..<text.count) == String(decoding: text, as: UTF8.self).unicodeScalars.count)
    }

    @Test func daysAreWrittenAsStringFormatWritesThem() {
        for (year, month, day) in [(2026, 12, 3), (1583, 1, 1), (9999, 12, 31), (0, 0, 0), (10_000, 1, 1), (-1, 5, 5), (12, 100, 7), (7, 7, -3)] {
            let date = Day(year: year, month: month, day: day)
            #expect(date.description == String(format: "%04d-%02d-%02d", year, month, day))
        }
    }
}
