import Foundation
import Testing
@testable import LotseCore

/// The byte-wise paths of loading, translation status and Markdown (issue 10)
/// give what the Character-wise ones gave: section texts and hashes, link
/// targets, unsafe links, front matter scalars, SHA-256.
struct SourcePathsBytesTests {
    /// SHA-256 as it was written before: the message copied, padded byte by byte, an array schedule.
    static func referenceDigest(_ bytes: [UInt8]) -> [UInt8] {
        let k: [UInt32] = [
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        ]
        func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
        var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        var message = bytes
        let bitLength = UInt64(bytes.count) * 8
        message.append(0x80)
        while message.count % 64 != 56 { message.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { message.append(UInt8((bitLength >> UInt64(shift)) & 0xff)) }
        var w = [UInt32](repeating: 0, count: 64)
        for chunk in stride(from: 0, to: message.count, by: 64) {
            for i in 0..<16 {
                let b = chunk + i * 4
                w[i] = UInt32(message[b]) << 24 | UInt32(message[b + 1]) << 16 | UInt32(message[b + 2]) << 8 | UInt32(message[b + 3])
            }
            for i in 16..<64 {
                let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
            for i in 0..<64 {
                let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[i] &+ w[i]
                let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
                (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            h[0] = h[0] &+ a; h[1] = h[1] &+ b; h[2] = h[2] &+ c; h[3] = h[3] &+ d
            h[4] = h[4] &+ e; h[5] = h[5] &+ f; h[6] = h[6] &+ g; h[7] = h[7] &+ hh
        }
        return h.flatMap { word in [24, 16, 8, 0].map { UInt8((word >> UInt32($0)) & 0xff) } }
    }

    @Test func sha256FromNettleMatchesTheReferenceDigest() {
        var generator = SystemRandomNumberGenerator()
        // Every length around the one- and two-block padding boundaries, and some longer ones.
        for length in Array(0...200) + [447, 448, 511, 512, 1000, 4096, 10_001] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(SHA256.digest(bytes) == Self.referenceDigest(bytes), "length \(length)")
        }
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    static let bodies = [
        "", "\n", "Intro.\n", "Intro.  \n\n## A {#a}\t\n\nOne sentence.   \n\n",
        "\n\n  \nText\n\n\n## H\n\n\n", "# One\n# One\n# One\n## One {#one}\nText\n# One-2\nx\n",
        "Zeile mit NBSP\u{00A0}\nund Ideogramm-Leerzeichen\u{3000}\n## Ü\u{00A0}\nText ende\u{2003}\n",
        "Leerzeichen mit Akzent \u{301}\nTab\t\u{301}\n## X\nكلمة \n", "```\n# not a heading\n```\n\nText\n",
        "Setext\n======\n\nText\n\nZwei\n----\n", "> ## Im Zitat\n> Text\n\n- ## In der Liste\n  Text\n",
        "## \n\nLeere Überschrift\n## {#leer}\n", "Ende ohne Zeilenumbruch", "## A\n## A\n## A\n## A\n",
        "\u{0600} \nPrepend vor Leerzeichen\u{0600}.\n## ﻿BOM in der Mitte\n", "Vertikaler Tab\u{0B}\nSteuerzeichen\u{1F}\n## X\u{0C}\n",
        "Trailing tabs\t\t\t\n\t\n## Tabs\t {#t}\t\n\tEinzug\n", "Zeilenumbruch am Ende  \nhart\\\n## X\n\n\n\n",
    ]

    @Test func sectionsCutOnTheBytesMatchJoinedLines() throws {
        var texts = Self.bodies
        let corpus = "Beantragen Sie den Aufenthaltstitel rechtzeitig. [Link](../a.md#b) \n\n## Fristen {#fristen}\n\n- Punkt *eins* \n- Punkt zwei\n\n"
        texts.append(String(repeating: corpus, count: 30))
        texts.append(String(repeating: "## Wiederholt\n\nText.\n", count: 200))
        for text in texts {
            let fast = try #require(SectionCutter(text)).sections()
            let slow = SourceSections.bodyByLines(text)
            #expect(fast.map(\.key) == slow.map(\.key), "\(text.debugDescription)")
            #expect(fast.map(\.text) == slow.map(\.text), "\(text.debugDescription)")
            #expect(fast.map(\.hash) == slow.map(\.hash), "\(text.debugDescription)")
            #expect(SourceSections.body(text).map(\.hash) == slow.map(\.hash))
        }
        // A `\r` before a combining mark is left by line-end normalizing: such a text is cut by lines.
        #expect(SectionCutter("a\r\u{301}b\n## X\n") == nil)
        #expect(SourceSections.body("a\r\u{301}b\n## X\n").map(\.key) == SourceSections.bodyByLines("a\r\u{301}b\n## X\n").map(\.key))
    }

    static let destinations = [
        "", " ", "work.md", "./work.md", "../work.md", "../../work.md", "/work.md", "/work/index.md", "index.md", "work/",
        "work.md#fees", "work.md#f%C3%BCr", "#fees", "#f%C3%BCr", "#", "work.md#", "work.md?x=1", "work%20x.md", "work.MD",
        "https://example.org/a", "HTTPS://x", "mailto:a@b.example", "tel:+49", "//example.org", "javascript:alert(1)",
        "questionnaires/check-0.yaml", "../questionnaires/check-0.yaml", "questionnaires/a/b.yaml", "bild.png", ".", "..",
        "a//b.md", "a/./b.md", "a/../../b.md", "  work.md  ", "work.md\u{301}", "wörk.md", "work.md#über", "c:work.md",
        "a:b/c.md", "1a:b.md", "work.yaml", ".md", "index", "x/index.md#a#b", "../bereich-9/seite-964.md",
        "../bereich-8/seite-869.md#abschnitt-2", "seite.md#abschnitt-0", "a.md#%", "a.md#%zz",
        "/.md", "a/.md", "index/index.md", "a/b/../index.md", "../index.md", "./index.md", "../../index.md", "a/b/../../..",
    ]

    @Test func linksClassifiedOnTheBytesMatchCharacters() {
        for folder in ["index.md", "work/permit.md", "a/b/c.md"] {
            let rewriter = LinkRewriter(pageFile: folder)
            for destination in Self.destinations {
                #expect(rewriter.classify(destination) == rewriter.classifyByCharacters(destination), "\(destination.debugDescription) in \(folder)")
            }
        }
    }

    @Test func unsafeLinksFoundWithoutLowerCasingMatchTheFullTest() {
        func reference(_ destination: String) -> Bool {
            let lower = destination.trimmingWhitespace.lowercased()
            return ["javascript:", "vbscript:", "file:", "data:"].contains { lower.hasPrefix($0) }
        }
        let extra = ["JavaScript:x", " javascript:x", "\u{00A0}data:x", "DATA:", "File:/etc", "vbscript:", "j\u{301}avascript:",
                     "data", "dat:", "ﬁle:x", "\u{212A}x:", "ja\u{130}vascript:"]
        for destination in Self.destinations + extra {
            #expect(MarkdownRenderer.isUnsafe(destination) == reference(destination), "\(destination.debugDescription)")
        }
    }

    @Test func printableScalarsOnTheBytesMatchTheScalarTest() {
        func reference(_ value: Substring) -> Bool {
            value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value)
                && $0 != "\u{FEFF}" && $0 != "\u{2028}" && $0 != "\u{2029}" && $0 != "\u{85}" })
        }
        // Every scalar up to U+2FFF and the ones around U+FEFF, alone and inside a text.
        let scalars = (UInt32(0)..<0x3000).compactMap { Unicode.Scalar($0) } + (UInt32(0xFEF0)...0xFF10).compactMap { Unicode.Scalar($0) }
            + [Unicode.Scalar(0x1F600)!, Unicode.Scalar(0x10FFFF)!]
        for scalar in scalars {
            let alone = String(Character(scalar))
            #expect(SimpleFrontMatter.hasOnlyPrintableScalars(Substring(alone)) == reference(Substring(alone)), "U+\(String(scalar.value, radix: 16))")
            let inside = "a" + alone + "ب"
            #expect(SimpleFrontMatter.hasOnlyPrintableScalars(Substring(inside)) == reference(Substring(inside)))
        }
    }

    @Test func explicitIDsCheckedOnTheBytesMatchScalarProperties() {
        func reference(_ id: String) -> Bool {
            guard let first = id.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
            return id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
        }
        var ids = ["", "a", "A-1_b", "1a", "-a", "_a", "a b", "ä", "aä", "a\u{301}", "abschnitt-0", "a.b", "a:b", "Z", "z@", "[", "`a", "{a"]
        ids += (UInt8(0)..<128).map { String(UnicodeScalar($0)) + "a" } + (UInt8(0)..<128).map { "a" + String(UnicodeScalar($0)) }
        for id in ids {
            #expect(HeadingID.isValidExplicit(id) == reference(id), "\(id.debugDescription)")
        }
    }

    @Test func trailingWhitespaceTrimmedAsByCharacters() {
        func reference(_ text: String) -> String {
            var s = Substring(text)
            while let last = s.last, last.isWhitespace { s.removeLast() }
            return String(s)
        }
        for text in ["", " ", "a", "a ", "a\t", "a.", "a \u{301}", "a\u{00A0}", "a\u{3000}", "كلمة", "كلمة ", "x\u{0600} ", "a\n", "a}", "a ~"] {
            #expect(text.trimmingTrailingWhitespace == reference(text), "\(text.debugDescription)")
        }
    }

    @Test func columnsCountedOnDemandMatchATableOfEveryByte() {
        let text = "ab\näöü x [a](b.md) ك [c](d.md)\n\n🇩🇪 e\u{301} [f](g.md)\nlast"
        let bytes = Array(text.utf8)
        var lineStarts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { lineStarts.append(index + 1) }
        func reference(_ line: Int, _ byteColumn: Int) -> Int {
            guard line >= 1, line <= lineStarts.count, byteColumn > 1 else { return max(byteColumn, 1) }
            let start = lineStarts[line - 1]
            let end = min(start + byteColumn - 1, bytes.count)
            return bytes[start..<end].filter { $0 & 0xC0 != 0x80 }.count + 1
        }
        let map = ColumnMap(text)
        // In document order, backwards, repeated, past the line's end, on lines that do not exist.
        var questions: [(Int, Int)] = []
        for line in 0...6 { for column in [0, 1, 2, 3, 5, 8, 13, 21, 40, 100] { questions.append((line, column)) } }
        for (line, column) in questions + questions.reversed() + questions.shuffled() {
            #expect(map.characterColumn(line: line, byteColumn: column) == reference(line, column), "line \(line) column \(column)")
        }
    }

    @Test func segmentsFromTheBytesMatchCuttingTheHTML() {
        for markdown in ["", "Text", "# A\n\n[x](a.md) [y](https://e.example) [z](b.md)\n\n## B {#b}\n\nكلمة [w](c.md)",
                         String(repeating: "## H\n\n[l](x.md) ü\n\n", count: 50)] {
            let document = MarkdownDocument(markdown)
            let links = document.links()
            let resolved = links.map { !$0.destination.hasPrefix("http") }
            let ids = document.extractHeadings().map { HeadingID.slug($0.text) }
            #expect(document.renderSegments(headingIDs: ids, resolved: resolved)
                    == MarkdownDocument.cutAtLinks(document.renderHTML(headingIDs: ids), resolved: resolved))
            #expect(document.renderSegments(headingIDs: [], resolved: []) == [document.renderHTML(headingIDs: [])])
        }
    }

    @Test func frontMatterEntriesOnTheBytesMatchCharacters() {
        let lines = ["title: a", "title:", "title: ", "title:  a  b  ", "title:a", "Title: a", "ti-tle: a", "ti_tle: a", ": a", "title : a",
                     "title: \"أبلغوا عن تغيير السكن\"", "title: العمل", "title: a \u{301}", "title: \u{301}a", "title:\u{301} a",
                     "title \u{301}: a", "  title: a", "  - title: a", "   title: a", " title: a", "  \u{301}title: a", "url: https://x.example/a:b",
                     "title: a: b", "title: 'x' ", "title: x\t", "title:\ta", "ü: a", "tïtle: a", "", " ", "  ", "title", "sources:",
                     "summary: \"Kurz.\"", "reviewed: 2026-11-01", "order: 995", "title: \u{0600} a", "title:  \u{0600}"]
        for line in lines {
            for indent in [0, 2, 4] {
                let characters = SimpleFrontMatter.entryByCharacters(Substring(line), indent: indent)
                if case let .decided(bytes) = SimpleFrontMatter.entryOnBytes(Substring(line), indent: indent) {
                    #expect(bytes?.0 == characters?.0 && bytes?.1 == characters?.1 && bytes?.2 == characters?.2,
                            "\(line.debugDescription) at \(indent)")
                }
                let chosen = SimpleFrontMatter.entry(Substring(line), indent: indent)
                #expect(chosen?.0 == characters?.0 && chosen?.1 == characters?.1 && chosen?.2 == characters?.2)
            }
        }
        // The usual entries are decided on the bytes.
        for line in ["title: \"أبلغوا 995\"", "order: 3", "summary: Kurz."] {
            guard case .decided = SimpleFrontMatter.entryOnBytes(Substring(line), indent: 0) else {
                Issue.record("\(line) was left to Characters")
                continue
            }
        }
    }

    @Test func fileHashesDifferWhenAByteChanges() {
        let base = Data((0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        var seen = Set<Int>()
        for length in 0...base.count { seen.insert(DeferredBody.hash(base.prefix(length))) }
        for index in 0..<base.count {
            var changed = base
            changed[index] ^= 1
            seen.insert(DeferredBody.hash(changed))
        }
        #expect(seen.count == base.count + 1 + base.count)
        #expect(DeferredBody.hash(Data("abc".utf8)) == DeferredBody.hash(Data("abc".utf8)))
        // Words moved within a file (into another lane, or within one) change its hash too.
        var moved = Set<Int>()
        for (first, second) in [(0, 8), (0, 32), (8, 16), (24, 64), (0, 288)] {
            var swapped = base
            swapped.replaceSubrange(first..<first + 8, with: base[second..<second + 8])
            swapped.replaceSubrange(second..<second + 8, with: base[first..<first + 8])
            moved.insert(DeferredBody.hash(swapped))
        }
        #expect(moved.count == 5 && !moved.contains(DeferredBody.hash(base)))
    }

    @Test func bodiesPackedFromTheBytesMatchPackingTheSegments() {
        let renderer = MarkdownRenderer(pagePaths: ["", "a", "b/c"], questionnaireIDs: ["q"])
        let texts = ["", "Text", "[a](a.md) [x](https://e.example) [c](b/c.md#f) [q](questionnaires/q.yaml)",
                     "## Eins\n\n[a](a.md)\n\n## Zwei {#zwei}\n\nكلمة [c](b/c.md)\n\n## Drei\n\n[#](#zwei)\n",
                     String(repeating: "## H\n\n[l](a.md) ü [m](b/c.md#x)\n\n", count: 40)]
        for text in texts {
            let log = DiagnosticLog()
            var plain = renderer.render(text, relativePath: "index.md", origin: SourceLocation(path: "index.md", line: 1), log: log)
            plain.pack()
            let packed = renderer.render(text, relativePath: "index.md", origin: SourceLocation(path: "index.md", line: 1), log: log, packs: true)
            #expect(packed.isPacked && plain.isPacked)
            #expect(packed.segments == plain.segments)
            #expect(packed.toc.map(\.id) == plain.toc.map(\.id) && packed.toc.map(\.text) == plain.toc.map(\.text))
            #expect(packed.links.map(\.target) == plain.links.map(\.target))
            #expect(packed.links.map(\.location) == plain.links.map(\.location))
        }
    }

    /// A file's path cut into segments on the bytes gives what cutting it by Characters gave.
    @Test func pathSegmentsAreCutAsByCharacters() {
        let paths = ["de/work/permit.md", "de/index.md", "site.yaml", "", "/", "//a//b/", "/lead", "trail/", "a\r\n/b",
                     "de/arbeit/über.md", "de/\u{301}x.md", "de/x/\u{301}", "fa/کار/مجوز.md", "a/b\u{301}/c", "q/../x.md"]
        for path in paths {
            let whole = path + "/extra"
            for text in [path[...], whole.dropLast(6)] {
                #expect(ContentTree.segments(text) == text.split(separator: "/"), "\(path.debugDescription)")
                #expect(ContentTree.segments(text).map(\.startIndex) == text.split(separator: "/").map(\.startIndex))
            }
        }
    }
}
