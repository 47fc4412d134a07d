import CCmark
import CMarkdownArena
import Foundation

/// A CommonMark document parsed by cmark, owned by this object and freed with it.
///
/// cmark's AST is walked to find headings and links (with their source
/// positions) and to rewrite link destinations; HTML comes from cmark's own
/// renderer in its safe default mode, so raw HTML in content is replaced by
/// a comment and `javascript:` links are dropped.
///
/// Every node, buffer and the HTML of one document come from its own bump
/// arena (`CMarkdownArena`), emptied at once when the document goes: glibc
/// malloc's small-block lists grew slower as a 50,000-page build kept many
/// packed bodies alive between cmark's many small allocations (issue 10).
/// cmark's allocator takes no context, so every cmark call that may allocate
/// runs inside ``inArena(_:)``; the nodes stay valid as long as the document.
final class MarkdownDocument {
    struct Heading: Sendable, Hashable {
        var level: Int
        var text: String
        /// An explicit `{#id}` written after the heading text, if any.
        var explicitID: String?
        var line: Int
        var column: Int
    }

    struct Link: Sendable, Hashable {
        var destination: String
        var isImage: Bool
        var line: Int
        var column: Int
    }

    /// Valid as long as this document (keep it alive while using the nodes: `withExtendedLifetime`).
    let root: OpaquePointer
    private let arena: OpaquePointer
    nonisolated(unsafe) private static let mem = lotse_markdown_arena_cmark_mem()!.assumingMemoryBound(to: cmark_mem.self)

    convenience init(_ markdown: String) {
        var text = markdown
        let arena = lotse_markdown_arena_acquire()!
        self.init(root: text.withUTF8 { Self.parse($0, in: arena) }, arena: arena)
    }

    /// The document of a text's UTF-8 bytes (valid UTF-8: as a String's, or a file's checked when loaded).
    convenience init(bytes: UnsafeBufferPointer<UInt8>) {
        let arena = lotse_markdown_arena_acquire()!
        self.init(root: Self.parse(bytes, in: arena), arena: arena)
    }

    private init(root: OpaquePointer, arena: OpaquePointer) {
        self.root = root
        self.arena = arena
    }

    /// Runs `body` with cmark allocating from this document's arena (on this thread).
    private func inArena<R>(_ body: () -> R) -> R {
        let previous = lotse_markdown_arena_enter(arena)
        defer { lotse_markdown_arena_leave(previous) }
        return body()
    }

    /// Without `CMARK_OPT_VALIDATE_UTF8`: every text given is valid UTF-8 (a
    /// String's bytes, or a file's bytes checked when loaded), which cmark's
    /// check copies unchanged, and checking it was a sixth of parsing (issue 10).
    private static func parse(_ buffer: UnsafeBufferPointer<UInt8>, in arena: OpaquePointer) -> OpaquePointer {
        let previous = lotse_markdown_arena_enter(arena)
        defer { lotse_markdown_arena_leave(previous) }
        // cmark_parse_document with the arena's allocator.
        let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, mem)
        defer { cmark_parser_free(parser) }
        // The byte count, not strlen: a NUL in the text (from a YAML escape
        // such as "\0") must not silently end it; cmark replaces it with U+FFFD.
        if buffer.baseAddress != nil {
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        return cmark_parser_finish(parser)
    }

    deinit {
        // Every node (and the HTML) is in the arena: emptied at once, not freed node by node.
        lotse_markdown_arena_release(arena)
    }

    /// Visits every node in document order (on entering it).
    private func forEachNode(_ body: (OpaquePointer, cmark_node_type) -> Void) {
        inArena { walk(body) }
    }

    private func walk(_ body: (OpaquePointer, cmark_node_type) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            body(node, cmark_node_get_type(node))
        }
    }

    /// ``forEachNode(_:)`` for the headings alone: only a container block (the
    /// document, a block quote, a list or a list item) can hold a heading, so
    /// the walk enters no other node, in particular not the inline nodes of
    /// paragraphs, most of a document (visiting every node was a third of
    /// finding headings, issue 10). Without recursion: nesting is unbounded.
    private func forEachHeadingNode(_ body: (OpaquePointer, cmark_node_type) -> Void) {
        inArena {
            func holdsBlocks(_ type: cmark_node_type) -> Bool {
                type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST || type == CMARK_NODE_ITEM
            }
            var next = cmark_node_first_child(root)
            while let node = next {
                let type = cmark_node_get_type(node)
                if type == CMARK_NODE_HEADING { body(node, type) }
                if holdsBlocks(type), let child = cmark_node_first_child(node) {
                    next = child
                    continue
                }
                // The next sibling of this node or of the nearest ancestor that has one, below the root.
                var current: OpaquePointer? = node
                next = nil
                while let at = current, at != root {
                    if let sibling = cmark_node_next(at) {
                        next = sibling
                        break
                    }
                    current = cmark_node_parent(at)
                }
            }
        }
    }

    /// The headings in document order. An explicit id written as a trailing
    /// `{#id}` is removed from the heading's text in the tree.
    /// - Parameter walkingEveryNode: find them by visiting every node (as before issue 10; tests compare both).
    func extractHeadings(walkingEveryNode: Bool = false) -> [Heading] {
        var headings: [Heading] = []
        let visit = walkingEveryNode ? forEachNode : forEachHeadingNode
        visit { node, type in
            guard type == CMARK_NODE_HEADING else { return }
            let explicit = Self.stripExplicitID(node)
            headings.append(Heading(
                level: Int(cmark_node_get_heading_level(node)),
                text: Self.plainText(of: node).trimmingWhitespace,
                explicitID: explicit,
                line: Int(cmark_node_get_start_line(node)),
                column: Int(cmark_node_get_start_column(node))))
        }
        return headings
    }

    /// Every link and image, in document order.
    func links() -> [Link] {
        var links: [Link] = []
        forEachNode { node, type in
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { return }
            links.append(Link(
                destination: cmark_node_get_url(node).map { String(cString: $0) } ?? "",
                isImage: type == CMARK_NODE_IMAGE,
                line: Int(cmark_node_get_start_line(node)),
                column: Int(cmark_node_get_start_column(node))))
        }
        return links
    }

    /// What to do with a link or image found in the text.
    enum LinkAction {
        case keep
        case replace(String)
        /// Drop the link but keep its text (for links that must not be followed).
        case unwrap
        /// Set the destination and add a text at the end of the link's text
        /// (and `ifEmpty` as its text when it has none): glossary links.
        case replaceAppending(String, append: String, ifEmpty: String)
    }

    /// Rewrites link and image destinations, in the order of ``links()``.
    func rewriteLinks(_ transform: (Link) -> LinkAction) {
        inArena { rewriteLinksInArena(transform) }
    }

    private func rewriteLinksInArena(_ transform: (Link) -> LinkAction) {
        var unwrap: [OpaquePointer] = []
        var append: [(OpaquePointer, String, String)] = []
        forEachNode { node, type in
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { return }
            let link = Link(
                destination: cmark_node_get_url(node).map { String(cString: $0) } ?? "",
                isImage: type == CMARK_NODE_IMAGE,
                line: Int(cmark_node_get_start_line(node)),
                column: Int(cmark_node_get_start_column(node)))
            switch transform(link) {
            case .keep: break
            case let .replace(url): _ = cmark_node_set_url(node, url)
            case .unwrap: unwrap.append(node)
            case let .replaceAppending(url, text, ifEmpty):
                _ = cmark_node_set_url(node, url)
                append.append((node, text, ifEmpty))
            }
        }
        for (node, text, ifEmpty) in append {
            if cmark_node_first_child(node) == nil, let child = cmark_node_new_with_mem(CMARK_NODE_TEXT, Self.mem) {
                _ = cmark_node_set_literal(child, ifEmpty)
                _ = cmark_node_append_child(node, child)
            }
            if !text.isEmpty, let child = cmark_node_new_with_mem(CMARK_NODE_TEXT, Self.mem) {
                _ = cmark_node_set_literal(child, text)
                _ = cmark_node_append_child(node, child)
            }
        }
        // The tree may only change once the walk is over.
        for node in unwrap {
            while let child = cmark_node_first_child(node) {
                _ = cmark_node_insert_before(node, child)
            }
            cmark_node_free(node)
        }
    }

    /// Rewrites every text (text nodes, inline code, code blocks) and every
    /// link destination in the tree, for `{{fact}}` placeholders: in the tree,
    /// not in the source, so positions and Markdown structure stay as written.
    func replaceText(_ transform: (_ text: String, _ isURL: Bool) -> String) {
        inArena { cmark_consolidate_text_nodes(root) }
        forEachNode { node, type in
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                guard let literal = cmark_node_get_literal(node) else { return }
                let text = String(cString: literal)
                let replaced = transform(text, false)
                if replaced != text { _ = cmark_node_set_literal(node, replaced) }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                guard let url = cmark_node_get_url(node) else { return }
                let text = String(cString: url)
                let replaced = transform(text, true)
                if replaced != text { _ = cmark_node_set_url(node, replaced) }
            default:
                break
            }
        }
    }

    /// HTML from cmark's renderer (safe mode), with `id` attributes added to
    /// the headings in document order.
    func renderHTML(headingIDs: [String]) -> String {
        withHTML(headingIDs: headingIDs) { String(decoding: $0, as: UTF8.self) }
    }

    /// ``renderHTML(headingIDs:)`` cut at links (``cutAtLinks(_:resolved:)``):
    /// from cmark's bytes to the segments, each made a String once (making
    /// the whole HTML a String first, then each segment, checked every byte
    /// twice; issue 10).
    func renderSegments(headingIDs: [String], resolved: [Bool]) -> [String] {
        withHTML(headingIDs: headingIDs) { Self.cutAtLinks($0, resolved: resolved) }
    }

    /// cmark's HTML with the heading ids added, as bytes valid only inside `body`.
    private func withHTML<R>(headingIDs: [String], _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        // In the arena: no free, it goes with the document (which `self` keeps alive here).
        guard let cString = inArena({ cmark_render_html(root, CMARK_OPT_DEFAULT) }) else {
            return body(UnsafeBufferPointer(start: nil, count: 0))
        }
        let html = UnsafeBufferPointer(start: UnsafeRawPointer(cString).assumingMemoryBound(to: UInt8.self), count: strlen(cString))
        return Self.withHeadingIDs(html, ids: headingIDs, body)
    }

    /// In safe mode every literal `<h1>`…`<h6>` in cmark's output is a
    /// heading it rendered (content text is escaped, raw HTML omitted), so
    /// the n-th opening tag belongs to the n-th heading.
    ///
    /// Straight from cmark's buffer into the String's, jumping from `<` to
    /// `<` (`memchr`): copying byte by byte into an array, then into a String,
    /// was a tenth of the Markdown phase (issue 10).
    static func addHeadingIDs(_ html: UnsafeBufferPointer<UInt8>, ids: [String]) -> String {
        withHeadingIDs(html, ids: ids) { String(decoding: $0, as: UTF8.self) }
    }

    /// ``addHeadingIDs(_:ids:)`` as bytes, handed to `body` (valid only inside it).
    static func withHeadingIDs<R>(_ html: UnsafeBufferPointer<UInt8>, ids: [String], _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard !ids.isEmpty, let base = html.baseAddress else { return body(html) }
        let escaped = ids.map(HTML.escape)
        // Each `<hN>` becomes `<hN id="…">`: 6 bytes and the id more.
        let capacity = html.count + escaped.reduce(0) { $0 + $1.utf8.count + 6 }
        let out = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        defer { out.deallocate() }
        let length: Int = {
            var written = 0
            func append(_ bytes: UnsafeBufferPointer<UInt8>) {
                guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
                (out.baseAddress! + written).update(from: from, count: bytes.count)
                written += bytes.count
            }
            func append(_ text: String) {
                var text = text
                text.withUTF8 { append($0) }
            }
            let count = html.count
            var copied = 0
            var index = 0
            var next = 0
            while next < ids.count, index < count,
                  let found = memchr(base + index, Int32(UInt8(ascii: "<")), count - index) {
                let at = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                // "<h" digit ">"
                guard at + 3 < count, html[at + 1] == UInt8(ascii: "h"),
                      (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(html[at + 2]), html[at + 3] == UInt8(ascii: ">") else {
                    index = at + 1
                    continue
                }
                append(UnsafeBufferPointer(rebasing: html[copied..<(at + 3)]))
                append(" id=\"")
                append(escaped[next])
                append("\">")
                next += 1
                index = at + 4
                copied = index
            }
            append(UnsafeBufferPointer(rebasing: html[copied..<count]))
            return written
        }()
        return body(UnsafeBufferPointer(rebasing: out[0..<length]))
    }

    /// Cuts cmark's HTML at the (empty) URL of each link whose `resolved` is
    /// true: `resolved` has one entry per link left in the tree, in document
    /// order. As with heading ids, safe mode makes this exact: every literal
    /// `<a href="` in the output is a link cmark rendered, in document order.
    static func cutAtLinks(_ html: String, resolved: [Bool]) -> [String] {
        guard resolved.contains(true) else { return [html] }
        var source = html
        return source.withUTF8 { cutAtLinks($0, resolved: resolved) }
    }

    /// ``cutAtLinks(_:resolved:)`` of HTML bytes.
    static func cutAtLinks(_ bytes: UnsafeBufferPointer<UInt8>, resolved: [Bool]) -> [String] {
        var segments: [String] = []
        var start = 0
        for cut in linkCuts(bytes, resolved: resolved) + [bytes.count] {
            segments.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<cut]), as: UTF8.self))
            start = cut
        }
        return segments
    }

    /// Where ``cutAtLinks(_:resolved:)`` cuts: the offset after each resolved link's `<a href="`.
    static func linkCuts(_ bytes: UnsafeBufferPointer<UInt8>, resolved: [Bool]) -> [Int] {
        guard resolved.contains(true) else { return [] }
        let marker = Array("<a href=\"".utf8)
        var cuts: [Int] = []
        var index = 0
        var link = 0
        while link < resolved.count, let found = bytes.firstOffset(of: marker, from: index) {
            index = found + marker.count
            if resolved[link] { cuts.append(index) }
            link += 1
        }
        return cuts
    }

    /// cmark's HTML with heading ids and where it is cut at links, handed to `body` (valid only inside it).
    func withSegmentBytes<R>(headingIDs: [String], resolved: [Bool], _ body: (UnsafeBufferPointer<UInt8>, [Int]) -> R) -> R {
        withHTML(headingIDs: headingIDs) { body($0, Self.linkCuts($0, resolved: resolved)) }
    }

    /// The text of a node's descendants, as a reader sees it.
    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }

    /// Removes a trailing `{#id}` from a heading's last text node and returns the id.
    private static func stripExplicitID(_ heading: OpaquePointer) -> String? {
        guard let last = cmark_node_last_child(heading), cmark_node_get_type(last) == CMARK_NODE_TEXT,
              let literal = cmark_node_get_literal(last) else { return nil }
        // No `{#` in the bytes: none in the text (most headings), without decoding it.
        guard strstr(literal, "{#") != nil else { return nil }
        // On the literal's bytes when they decide (most headings): no String of the text, the new literal cut from the old.
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
        if case let .decided(cut) = explicitIDCut(bytes) {
            guard let cut else { return nil }
            let id = String(decoding: UnsafeBufferPointer(rebasing: bytes[cut.id]), as: UTF8.self)
            let kept = UnsafeMutableBufferPointer<CChar>.allocate(capacity: cut.kept + 1)
            defer { kept.deallocate() }
            bytes.withMemoryRebound(to: CChar.self) { _ = kept.initialize(from: $0[0..<cut.kept]) }
            kept[cut.kept] = 0
            _ = cmark_node_set_literal(last, kept.baseAddress)
            return id
        }
        guard let (id, text) = splitExplicitID(String(cString: literal)) else { return nil }
        _ = cmark_node_set_literal(last, text)
        return id
    }

    /// A heading text's trailing `{#id}`: the id, and the text left without
    /// it (and the whitespace before it); nil when it has none.
    static func splitExplicitID(_ text: String) -> (id: String, text: String)? {
        var bytes = text
        switch bytes.withUTF8({ splitExplicitIDOnBytes($0) }) {
        case let .decided(split): return split
        case .undecided: return splitExplicitIDByCharacters(text)
        }
    }

    /// ``splitExplicitID(_:)`` on the bytes, when the ends of the text and
    /// of what is left of it are decided there (``WhitespaceTrim``), the
    /// `}` and `{#` are ASCII next to ASCII (so each is Characters of its
    /// own, as Foundation's search finds them): most headings. Splitting by
    /// Characters (slices, trimming, `prefix`) was most of reading a heading.
    static func splitExplicitIDOnBytes(_ text: UnsafeBufferPointer<UInt8>) -> SimpleFrontMatter.Decision<(id: String, text: String)?> {
        switch explicitIDCut(text) {
        case .undecided: return .undecided
        case .decided(nil): return .decided(nil)
        case let .decided(cut?):
            return .decided((String(decoding: UnsafeBufferPointer(rebasing: text[cut.id]), as: UTF8.self),
                             String(decoding: UnsafeBufferPointer(rebasing: text[0..<cut.kept]), as: UTF8.self)))
        }
    }

    /// Where ``splitExplicitIDOnBytes(_:)`` finds the id, and how many bytes of the text it keeps (a prefix).
    static func explicitIDCut(_ text: UnsafeBufferPointer<UInt8>) -> SimpleFrontMatter.Decision<(id: Range<Int>, kept: Int)?> {
        guard let start = WhitespaceTrim.trimmedStart(text) else { return .undecided }
        guard start < text.count else { return .decided(nil) }
        guard let end = WhitespaceTrim.trimmedEnd(text) else { return .undecided }
        // The last Character: a visible ASCII byte or a plain letter (nothing joins it), "}" only as the byte alone.
        guard text[end - 1] == UInt8(ascii: "}") else { return .decided(nil) }
        if end - 1 > start, text[end - 2] >= 0x80 { return .undecided }
        var open = end - 2
        while open >= start, !(text[open] == UInt8(ascii: "{") && text[open + 1] == UInt8(ascii: "#")) { open -= 1 }
        guard open >= start else { return .decided(nil) }
        guard open == start || text[open - 1] < 0x80, open + 2 == end || text[open + 2] < 0x80 else { return .undecided }
        // What is left: from the start (its leading whitespace kept) to the `{#`, trailing whitespace dropped.
        guard let left = WhitespaceTrim.trimmedEnd(UnsafeBufferPointer(rebasing: text[start..<open])) else { return .undecided }
        return .decided(((open + 2)..<(end - 1), start + left))
    }

    /// ``splitExplicitID(_:)`` by Characters, for any text.
    static func splitExplicitIDByCharacters(_ text: String) -> (id: String, text: String)? {
        let trimmed = text.trimmingWhitespace
        guard endsInClosingBrace(trimmed), let open = lastIDOpening(in: trimmed) else { return nil }
        // The last Character is "}" alone, its one byte.
        let id = String(trimmed[open.upperBound..<trimmed.utf8.index(before: trimmed.endIndex)])
        let remaining = String(trimmed[..<open.lowerBound])
        // Keep the whitespace before the text (it may follow inline code).
        let leading = text.prefix { $0.isWhitespace }
        return (id, String(leading) + remaining.trimmingTrailingWhitespace)
    }

    /// `text.hasSuffix("}")`, on the bytes when an ASCII byte ends the text
    /// and one is before it: then the last Character is that byte alone.
    static func endsInClosingBrace(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let last = utf8.last, last < 0x80 else { return text.hasSuffix("}") }
        guard last == UInt8(ascii: "}") else { return false }
        if let before = utf8.dropLast().last, before >= 0x80 { return text.hasSuffix("}") }
        return true
    }

    /// The last `{#` in `text`, as Foundation's backward search finds it:
    /// found in the bytes when ASCII surrounds it (Foundation was a tenth of
    /// the headings' time), else asked of Foundation, whose search does not
    /// cut a letter from its combining marks.
    private static func lastIDOpening(in text: String) -> Range<String.Index>? {
        let utf8 = text.utf8
        var index = utf8.endIndex
        while index > utf8.startIndex {
            index = utf8.index(before: index)
            guard utf8[index] == UInt8(ascii: "{") else { continue }
            let hash = utf8.index(after: index)
            guard hash < utf8.endIndex, utf8[hash] == UInt8(ascii: "#") else { continue }
            let after = utf8.index(after: hash)
            let asciiAround = (index == utf8.startIndex || utf8[utf8.index(before: index)] < 0x80)
                && (after == utf8.endIndex || utf8[after] < 0x80)
            return asciiAround ? index..<after : text.range(of: "{#", options: .backwards)
        }
        return nil
    }
}
