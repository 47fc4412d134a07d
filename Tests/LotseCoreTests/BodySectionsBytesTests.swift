import Testing
@testable import LotseCore

/// Headings found and demoted by bytes give what reading Characters gives,
/// also where a combining mark joins a tag's character to the next one.
struct BodySectionsBytesTests {
    static let samples = [
        "<p>Intro</p>\n<h2 id=\"arbeit\">Arbeit</h2>\n<p>x</p>\n<h3 id=\"a-1\">A</h3>\n<h2 id=\"b\">B</h2>\n",
        "<h2 id=\"العمل\">العمل</h2>\n<p>نص</p>\n<h3 id=\"робота\">Робота</h3>\n<p>текст</p>\n",
        "<h2 id=\"x\">\u{301}combining first</h2>\n<h3 id=\"\u{301}y\">Y</h3>\n<p>a</p>\n",
        "<h2\u{301} id=\"z\">Z</h2><h7 id=\"n\">N</h7><h0>o</h0><hr /><h2>plain</h2>\n",
        "<p>&lt;h2 id=&quot;no&quot;&gt; text</p><h6 id=\"deep\">Deep</h6></h6\u{301}>",
        "<h2 id=\"a\">A</h2><h2 \u{301}id=\"b\">B</h2><h2 id=\"c\"", "", "no tags at all", "<", "<h", "<h2", "</h2",
        "<h1 id=\"t\">T</h1>\n<h4 id=\"f\">F <em>e</em></h4>\n<h5>five</h5>",
    ]

    @Test func demotingByBytesMatchesCharacters() {
        for html in Self.samples {
            // Up to past h6 (capped there), each tag written byte by byte.
            for shift in 0...5 {
                #expect(BodySections.demoteHeadings(html, by: shift) == BodySections.demoteHeadingsByCharacter(html, by: shift), "\(html)")
            }
        }
    }

    @Test func sectionsByBytesMatchCharacters() {
        for html in Self.samples {
            let sections = BodySections.split(html, level: 3)
            #expect(sections == BodySections.splitByCharacter(html, level: 3), "\(html)")
        }
    }

    /// The tag and quote searches (`memchr` on the contiguous UTF-8) find what Characters find, also far into a long text.
    @Test func headingIDsByBytesMatchCharacters() {
        let long = String(repeating: "<p>ü كلمة <b>x</b></p>\n", count: 400)
        for html in Self.samples + Self.samples.map({ long + $0 + long }) {
            #expect(BodySections.ids(in: html) == BodySections.headingsByCharacter(in: html).map(\.id), "\(html.suffix(80))")
            #expect(BodySections.split(html) == BodySections.splitByCharacter(html))
        }
    }

    /// A print version's whole page, cut and demoted from its bytes in one go, is what cutting the
    /// text and demoting each section gave (where the bytes path hands over to Characters: the same).
    @Test func splitAndDemotedFromBytesMatchesSplitThenDemote() {
        let pieces = Self.samples + ["<h2 id=\"a\">A</h2>", "<h3 id=\"b\">B</h3>", "<p>x</p>\n", " \n", "\u{301}", "ü", "كلمة",
                                     "<h1 id=\"t\">T</h1>", "</h2>", "<h4>", "<a href=\"#x\">l</a>",
                                     "\u{3000}", "\u{a0}", "\r\n\t", "\u{600}", "x"]
        var texts = Self.samples
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            texts.append((0..<Int.random(in: 0...7, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        var fast = 0
        for html in texts {
            for (level, shift) in [(2, 0), (2, 2), (3, 1)] {
                let expected = BodySections.split(html, level: level).map {
                    BodySections.Section(id: $0.id, level: $0.level, html: BodySections.demoteHeadings($0.html, by: shift))
                }
                var text = html
                if let sections = text.withUTF8({ BodySections.splitDemoted($0, level: level, shift: shift) }) {
                    fast += 1
                    #expect(sections == expected, "\(html)")
                }
            }
        }
        #expect(fast > 3_000)
    }

    /// A print version's sections as bytes are the sections as Strings, byte for byte: on the
    /// samples and random texts (the Character paths included), with links made absolute.
    @Test func sectionBytesAreTheSectionStrings() {
        let pieces = Self.samples + ["<h2 id=\"a\">A</h2>", "<h3 id=\"b\">B</h3>", "<p>x</p>\n", " \n", "\u{301}", "ü", "كلمة",
                                     "<a href=\"#x\">l</a>", "<a href=\"#\">", "\u{3000}", "x"]
        var texts = Self.samples
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            texts.append((0..<Int.random(in: 0...7, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for html in texts {
            var body = RenderedBody(segments: [html], links: [], headingIDs: [], toc: [])
            for packed in [false, true] {
                if packed { body.pack() }
                for (level, shift) in [(2, 0), (2, 2), (3, 1)] {
                    let strings = BodySections.absoluteSections(body, language: "de", absoluteBase: "https://x.example/",
                                                                pageURL: "https://x.example/de/a/", level: level, shift: shift)
                    let bytes = BodySections.absoluteSectionBytes(body, language: "de", absoluteBase: "https://x.example/",
                                                                  pageURL: "https://x.example/de/a/", level: level, shift: shift)
                    #expect(bytes == strings.map { BodySections.ByteSection(id: $0.id, level: $0.level, html: Array($0.html.utf8)) }, "\(html)")
                    // Unpacked once for the page and its print versions (``UnpackedBody``): the same sections.
                    #expect(BodySections.absoluteSectionBytes(body.unpacked(), language: "de", absoluteBase: "https://x.example/",
                                                              pageURL: "https://x.example/de/a/", level: level, shift: shift) == bytes, "\(html)")
                }
            }
        }
    }
}
