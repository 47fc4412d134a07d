/// Cuts a source page's body into its sections (``SourceSections/body(_:)``)
/// on the bytes: each section's normalized text made once, straight from
/// the body's lines.
///
/// Why: translation status hashes every section of every source page, and
/// making a String of every line, joining them, then splitting and trimming
/// the joined text again by Characters (twice: to test it for emptiness
/// and to hash it) was most of that phase (issue 10). A line is trimmed by
/// Characters as before only when it ends in something other than a
/// visible ASCII character (a space, a tab, a non-ASCII letter); a line
/// ending in `!`…`~` ends in a Character that is not whitespace (no
/// whitespace scalar starts a cluster that ends in one), so it stays whole.
struct SectionCutter {
    private let markdown: String
    private let headings: [MarkdownDocument.Heading]

    /// Nil for a text with a `\r` (``SourceText/normalizeLineEnds(_:)`` leaves
    /// one before a combining mark), whose lines the bytes do not give.
    init?(_ markdown: String) {
        guard !markdown.containsBytes("\r") else { return nil }
        self.init(checked: markdown, headings: MarkdownDocument(markdown).extractHeadings())
    }

    /// With the text's headings as cmark found them in it (``MarkdownDocument/extractHeadings(walkingEveryNode:)``):
    /// by a build, which parsed the text to render it. Nil for a text with a `\r`.
    init?(_ markdown: String, headings: [MarkdownDocument.Heading]) {
        guard !markdown.containsBytes("\r") else { return nil }
        self.init(checked: markdown, headings: headings)
    }

    /// A text already known to have no `\r`.
    private init(checked markdown: String, headings: [MarkdownDocument.Heading]) {
        self.markdown = markdown
        self.headings = headings
    }

    /// `hashed`: each section's hash taken now (``TextSection/init(key:normalized:hashed:)``).
    func sections(hashed: Bool = true) -> [TextSection] {
        var markdown = markdown
        return markdown.withUTF8 { bytes in
            var lineStarts = [0]
            for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "\n") { lineStarts.append(index + 1) }
            let lineCount = lineStarts.count
            /// Where line `index` ends, without its `\n`, and without trailing whitespace.
            func trimmedEnd(_ index: Int) -> Int {
                let start = lineStarts[index]
                let end = index + 1 < lineCount ? lineStarts[index + 1] - 1 : bytes.count
                guard end > start else { return end }
                if (UInt8(ascii: "!")...UInt8(ascii: "~")).contains(bytes[end - 1]) { return end }
                let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                // Trimming drops whole Characters from the end: what is left is a prefix of the line.
                return start + line.trimmingTrailingWhitespace.utf8.count
            }
            /// The lines' normalized text: each trimmed, no blank ones at the start or end, joined by `\n`.
            func normalized(_ lines: Range<Int>) -> String {
                let ends = lines.map(trimmedEnd)
                guard let first = ends.indices.first(where: { ends[$0] > lineStarts[lines.lowerBound + $0] }),
                      let last = ends.indices.last(where: { ends[$0] > lineStarts[lines.lowerBound + $0] }) else { return "" }
                var size = last - first
                for offset in first...last { size += ends[offset] - lineStarts[lines.lowerBound + offset] }
                return String(unsafeUninitializedCapacity: size) { out in
                    var written = 0
                    for offset in first...last {
                        if offset > first {
                            out[written] = UInt8(ascii: "\n")
                            written += 1
                        }
                        let start = lineStarts[lines.lowerBound + offset]
                        let length = ends[offset] - start
                        if length > 0 {
                            (out.baseAddress! + written).update(from: bytes.baseAddress! + start, count: length)
                            written += length
                        }
                    }
                    return written
                }
            }
            var sections: [TextSection] = []
            var keys = UniqueNames(firstNumber: 2)
            func add(_ key: String, _ range: Range<Int>) {
                let lower = max(0, min(range.lowerBound, lineCount))
                let text = normalized(lower..<max(lower, min(range.upperBound, lineCount)))
                guard !text.isEmpty else { return }
                sections.append(TextSection(key: keys.claim(key), normalized: text, hashed: hashed))
            }
            let starts = headings.map { $0.line - 1 }
            add("body", 0..<(starts.first ?? lineCount))
            for (index, heading) in headings.enumerated() {
                let end = index + 1 < starts.count ? starts[index + 1] : lineCount
                add("#" + (heading.explicitID ?? HeadingID.slug(heading.text)), starts[index]..<end)
            }
            return sections
        }
    }
}
