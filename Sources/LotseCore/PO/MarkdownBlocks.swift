import CCmark

/// The translatable blocks of a Markdown body, one PO entry each: headings
/// (their text, without `##` and `{#id}`), paragraphs, list items (without
/// their marker), block quotes. Code blocks and rules are kept as they are.
/// Each block remembers its lines, so a translation can be written back in
/// the source's structure: same headings, ids, lists and code.
struct MarkdownBlock: Equatable {
    enum Kind: String { case heading, paragraph, listItem = "list item", quote, table, other }
    var kind: Kind
    /// 0-based line range in the body.
    var lines: Range<Int>
    /// The text a translator sees.
    var text: String
    /// Written before the first line when writing back (`## `, `- `, `1. `).
    var prefix: String
    /// Written after the last line (` {#fees}`).
    var suffix: String
    /// Spaces before every further line (list item continuation).
    var indent: Int
    /// The section (``SourceSections``) the block is in.
    var section: String

    var translatable: Bool { kind != .other }

    /// The block's lines with `translation` in place of its text.
    func written(_ translation: String) -> [String] {
        let parts = translation.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        for (index, part) in parts.enumerated() {
            if index == 0 { out.append(prefix + part) } else { out.append(part.isEmpty ? "" : String(repeating: " ", count: indent) + part) }
        }
        if !suffix.isEmpty, !out.isEmpty { out[out.count - 1] += suffix }
        return out
    }

    static func blocks(_ body: String) -> [MarkdownBlock] {
        let markdown = SourceText.normalizeLineEnds(body)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let sections = SourceSections.sectionRanges(markdown)
        func section(of line: Int) -> String {
            sections.last { $0.lines.lowerBound <= line }?.key ?? "body"
        }
        let document = MarkdownDocument(markdown)
        var blocks: [MarkdownBlock] = []
        func range(_ node: OpaquePointer) -> Range<Int> {
            var start = Int(cmark_node_get_start_line(node)) - 1
            var end = Int(cmark_node_get_end_line(node))
            start = max(0, min(start, lines.count))
            end = max(start, min(end, lines.count))
            while end > start, lines[end - 1].trimmingWhitespace.isEmpty { end -= 1 }
            return start..<end
        }
        func add(_ kind: Kind, _ lines: Range<Int>, text: String, prefix: String = "", suffix: String = "", indent: Int = 0) {
            guard !lines.isEmpty else { return }
            blocks.append(MarkdownBlock(kind: kind, lines: lines, text: text, prefix: prefix, suffix: suffix, indent: indent,
                                        section: section(of: lines.lowerBound)))
        }
        var node = cmark_node_first_child(document.root)
        while let current = node {
            let r = range(current)
            let raw = lines[r].joined(separator: "\n")
            switch cmark_node_get_type(current) {
            case CMARK_NODE_PARAGRAPH:
                // A GFM-style table is a paragraph to cmark; keep it whole.
                add(raw.hasPrefix("|") ? .table : .paragraph, r, text: raw)
            case CMARK_NODE_HEADING where raw.hasPrefix("#"):
                var text = Substring(raw)
                var prefix = ""
                while text.hasPrefix("#") { prefix.append("#"); text = text.dropFirst() }
                while text.hasPrefix(" ") { prefix.append(" "); text = text.dropFirst() }
                var suffix = ""
                let trimmed = String(text).trimmingTrailingWhitespace
                if trimmed.hasSuffix("}"), let open = trimmed.range(of: " {#", options: .backwards) {
                    suffix = String(trimmed[open.lowerBound...])
                    text = Substring(trimmed[..<open.lowerBound])
                }
                add(.heading, r, text: String(text), prefix: prefix, suffix: suffix)
            case CMARK_NODE_LIST:
                var item = cmark_node_first_child(current)
                while let li = item {
                    let lr = range(li)
                    if !lr.isEmpty {
                        let content = cmark_node_first_child(li).map { Int(cmark_node_get_start_column($0)) - 1 } ?? 2
                        let first = lines[lr.lowerBound]
                        let cut = first.index(first.startIndex, offsetBy: min(content, first.count))
                        var text = [String(first[cut...])]
                        for line in lines[(lr.lowerBound + 1)..<lr.upperBound] {
                            let spaces = line.prefix { $0 == " " }.count
                            text.append(String(line.dropFirst(min(spaces, content))))
                        }
                        add(.listItem, lr, text: text.joined(separator: "\n"), prefix: String(first[..<cut]), indent: content)
                    }
                    item = cmark_node_next(li)
                }
            case CMARK_NODE_BLOCK_QUOTE:
                add(.quote, r, text: raw)
            default:
                add(.other, r, text: raw)
            }
            node = cmark_node_next(current)
        }
        // The nodes live as long as the document.
        withExtendedLifetime(document) {}
        return blocks
    }
}
