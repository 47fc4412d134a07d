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
}
