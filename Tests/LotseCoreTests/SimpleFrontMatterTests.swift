import Testing
@testable import LotseCore

/// Front matter read without Yams gives what Yams gives, or is left to Yams.
struct SimpleFrontMatterTests {
    static let samples = [
        "title: \"Aufenthalt 3\"\nsummary: \"Kurz.\"\norder: 3\nreviewed: 2026-11-01\nsources:\n  - title: \"§ 4a AufenthG\"\n    url: \"https://www.gesetze-im-internet.de/aufenthg_2004/__4a.html\"\n",
        "title: Arbeit und Aufenthalt\nreviewed: \"2026-10-02\"\n",
        "title: 'العمل'\nsummary: تصريح الإقامة للعمل\norder: 007\ndraft: no\n",
        "title: Посвідка\n\nsources:\n- title: A\n  url: http://a.example/x\n- url: https://b.example/\n  title: 'B: b'\n",
        "title:   spaced   \nreviewed:   2026-01-31\n",
        "title: Fristen\ncritical: true\ndraft: Off\n",
    ]
    /// Each is YAML the simple reader must leave to Yams.
    static let declined = [
        "title: \"a\\\"b\"\n", "title: a # comment\n", "title: a\n  continued\n", "title: [a]\n", "title: a\ntitle: b\n",
        "title: a\nunknown: b\n", "title: a\norder: -1\n", "title: a\nreviewed: 2026-13-01\n", "title: \"\"\n", "summary: a\n",
        "title: a\nsources:\n  - title: a\n", "title: a\nsources:\n  - title: a\n    url: ftp://x\n", "title: a\nsources: []\n", "title: a\ncritical: maybe\n", "title: ~\n", "title: null\n", "title: a\nsummary: ~\n",
        "title: 'it''s'\n", "title: \"a\"b\n", "title: a\tb\n", "title: &x a\n", "title: a\nsources:\n  - title: a\n    url: http://x\n   - title: b\n",
    ]

    @Test func simpleFrontMatterReadsAsYamsReadsIt() throws {
        for yaml in Self.samples {
            #expect(SimpleFrontMatter(yaml) != nil, "\(yaml)")
            let text = "---\n\(yaml)---\nBody *text*.\n"
            let log = DiagnosticLog()
            let fast = try #require(PageSource.parse(text: text, language: "de", path: "a", relativePath: "a.md", displayPath: "content/de/a.md", log: log))
            let slow = try #require(PageSource.parse(text: text, language: "de", path: "a", relativePath: "a.md", displayPath: "content/de/a.md", log: log, simple: false))
            #expect(log.diagnostics.isEmpty)
            #expect(fast.title == slow.title)
            #expect(fast.summary == slow.summary)
            #expect(fast.order == slow.order)
            #expect(fast.reviewed == slow.reviewed)
            #expect(fast.reviewedLocation == slow.reviewedLocation)
            #expect(fast.sources == slow.sources)
            #expect(fast.draft == slow.draft)
            #expect(fast.critical == slow.critical)
            #expect(fast.body == slow.body)
            #expect(fast.bodyLineOffset == slow.bodyLineOffset)
        }
    }

    @Test func otherYamlIsLeftToYams() {
        for yaml in Self.declined {
            #expect(SimpleFrontMatter(yaml) == nil, "\(yaml)")
        }
    }

    /// Texts where bytes and Characters differ: marks after quotes, dashes,
    /// spaces and colons, a prepended mark before a closing quote, a letter
    /// equivalent to an indicator, tabs and blank lines in odd places.
    static let tricky = [
        "title: \"a\u{301}\"\n", "title: \"\u{301}a\"\n", "title: \"a\u{600}\"\n", "title: -\u{301}a\n", "title: \u{1FEF}a\n",
        "title: a:\u{301} b\n", "title: a \u{301}#b\n", "title: a\u{301}:\n", "title: \u{301}\n", "title:\u{301} a\n",
        "title: a\nsources:\n \u{301} - title: a\n    url: https://x\n", "title: a\nsources:\n  -\u{301} title: a\n    url: https://x\n",
        "title: a\nsources:\n  - \u{301}title: a\n    url: https://x\n", "title: a\nsources:\n  - title: a\n    \u{301}url: https://x\n",
        "title: a\nsources:\n  - title: a\n    url: https://\u{301}x\n", "title: a\nsources:\n  - title: a\n    url: \"http://x\"\n  - title: b\n    url: https://y\n",
        "title: a\nsources:\n  - title: a\n    url: https://x\n     url: https://y\n", "title: a\nsources:\n  - title: a\n\n    url: https://x\n",
        "title: a\nsources:\n  - title: a\n    url: https://x\n    title: b\n", "title: a\nsources:\n  - url: https://x\n", "title: a\nsources:\n",
        "title: a\nsources:\n-  title: a\n   url: https://x\n", "title: a\nsources: x\n", "\n\ntitle: a\n  \n", "title: a", "", "   \n",
        "title: \"'\"\n", "title: '\"'\n", "title: \"a\\b\"\n", "title: 'a'b'\n", "title: \"\"\n", "title: ' '\n", "title: Null\n", "title: NULL \n",
        "title: a\norder: 1 2\n", "title: a\norder: \" 3 \"\n", "title: a\nreviewed: \"2026-02-30\"\n", "title: a\nreviewed:  2026-02-03\n",
        "title: a\ndraft: YES\ncritical: 'no'\n", "title: a\ndraft: yes\ndraft: no\n", "title: a\nTitle: b\n", "title: a\nsum_mary: b\n",
        "title: a\u{00A0}\n", "title: a\u{2028}b\n", "title: a\u{85}b\n", "title: \u{FEFF}a\n", "title: a\u{7F}\n",
        "title: تصريح الإقامة\nsummary: \"من يعمل: لديه\"\n", "title: Посвідка # x\n", "title: Erklärung: Barrierefreiheit\n",
    ]

    @Test func bytesReadAsCharactersRead() {
        func same(_ a: SimpleFrontMatter?, _ b: SimpleFrontMatter?) -> Bool {
            guard let a, let b else { return a == nil && b == nil }
            return a.title == b.title && a.summary == b.summary && a.order == b.order && a.reviewed == b.reviewed
                && a.reviewedPosition?.line == b.reviewedPosition?.line && a.reviewedPosition?.column == b.reviewedPosition?.column
                && a.sources == b.sources && a.draft == b.draft && a.critical == b.critical
        }
        for yaml in Self.samples + Self.declined + Self.tricky {
            #expect(same(SimpleFrontMatter(yaml), SimpleFrontMatter(byCharacters: yaml)), "\(yaml.debugDescription)")
        }
        // The samples are decided on the bytes (else the fast path would not be one); trailing spaces are left to Characters.
        for yaml in Self.samples where !yaml.contains(" \n") {
            var text = yaml
            guard case .decided = text.withUTF8({ SimpleFrontMatter.onBytes($0) }) else {
                Issue.record("not read on the bytes: \(yaml.debugDescription)")
                continue
            }
        }
    }

    /// A page keeps its fields in one shared object (a copy is one retain); it is still a value:
    /// changing a copy, or the page itself while a copy is held, leaves the other as it was.
    @Test func aPageCopiedAndChangedStaysAValue() throws {
        let log = DiagnosticLog()
        let text = "---\n\(Self.samples[0])---\nBody *text*.\n"
        var page = try #require(PageSource.parse(text: text, language: "de", path: "a", relativePath: "a.md", displayPath: "content/de/a.md", log: log))
        let original = page
        var copy = page
        copy.title = "Anders"
        copy.sources.append(.init(title: "B", url: "https://b.example/"))
        copy.body = ""
        copy.critical = true
        #expect(page.title == "Aufenthalt 3" && original.title == "Aufenthalt 3" && copy.title == "Anders")
        #expect(page.sources.count == 1 && original.sources.count == 1 && copy.sources.count == 2)
        #expect(page.body == "Body *text*.\n" && copy.body.isEmpty)
        #expect(!page.critical && copy.critical)
        // Changed in place while `original` holds the same fields: `original` keeps the old ones.
        page.summary = nil
        page.sources[0].title = "C"
        #expect(original.summary == "Kurz." && page.summary == nil)
        #expect(original.sources[0].title == "§ 4a AufenthG" && page.sources[0].title == "C")
        // Pages in a dictionary changed through their index (as a build lets bodies go).
        var pages = ["a": page]
        let held = pages["a"]!
        pages.changeEachValue { $0.body = "" }
        #expect(pages["a"]!.body.isEmpty && held.body == "Body *text*.\n")
    }
}
