import Testing
@testable import LotseCore

/// Headings are found by walking only the blocks that can hold one (issue 10):
/// the same headings, in the same order, with the same ids cut off, as
/// visiting every node finds.
struct HeadingWalkTests {
    private static func headings(_ markdown: String, everyNode: Bool) -> [String] {
        MarkdownDocument(markdown).extractHeadings(walkingEveryNode: everyNode).map {
            "\($0.level)|\($0.text)|\($0.explicitID ?? "-")|\($0.line):\($0.column)"
        }
    }

    @Test func headingsInEveryKindOfBlockAreFoundAsByVisitingEveryNode() {
        let texts = [
            "", "Text only, *emphasis* and [a link](a.md).", "# One", "# Eins {#eins}\n\nText\n\n## Zwei\n\n### Drei {#drei}",
            "Setext\n======\n\nAnother\n-------\n", "> # In a quote\n>\n> > ## Deeper {#deep}\n> > text\n\n# After",
            "- item\n\n  # In an item\n\n  - nested\n\n    ## Nested {#n}\n\n1. ordered\n\n   ### Ordered\n",
            "```\n# not a heading\n```\n\n    # indented code\n\n<div>\n# html\n</div>\n\n# Real",
            "# A\n# A\n# A {#a}\n> - > - # Deep in containers\n\n---\n\n## Ende",
            "- # first\n- # second\n  > # third\n- plain\n\n# top {#x}\n",
            "# مرحبا\n\n## Привіт {#pryvit}\n\n### ትግርኛ\n\n- > ## עברית\n",
            String(repeating: "> ", count: 300) + "# very deep\n\n# shallow",
            String(repeating: "- ", count: 200) + "# deep item\n",
        ]
        for text in texts {
            #expect(Self.headings(text, everyNode: false) == Self.headings(text, everyNode: true), "\(text.prefix(60))")
        }
    }
}
