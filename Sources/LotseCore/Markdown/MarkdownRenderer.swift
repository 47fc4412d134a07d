/// Renders one Markdown text (a page body, a questionnaire intro, hint or
/// outcome) to HTML, rewriting its links and collecting what must be checked.
struct MarkdownRenderer: Sendable {
    /// Paths of the pages that exist in the source language.
    var pagePaths: Set<String>
    var questionnaireIDs: Set<String>
    /// Source pages marked `draft: true`, to explain links to them.
    var draftPaths: Set<String> = []
    /// Headings from this level on count for the table of contents.
    var tocMinimumHeadings = 3

    /// - Parameters:
    ///   - relativePath: the file below its language folder (`work/permit.md`), for relative links.
    ///   - origin: where the Markdown text starts in its file (line and column of its first character).
    func render(_ markdown: String, relativePath: String, origin: SourceLocation, log: DiagnosticLog) -> RenderedBody {
        let document = MarkdownDocument(markdown)
        var columns: ColumnMap?
        /// cmark counts columns in bytes; editors count characters.
        func position(_ origin: SourceLocation, _ line: Int, _ byteColumn: Int) -> SourceLocation {
            if columns == nil { columns = ColumnMap(markdown) }
            let column = columns!.characterColumn(line: line, byteColumn: byteColumn)
            return SourceLocation(path: origin.path, line: origin.line + max(line, 1) - 1,
                                  column: line <= 1 ? origin.column + column - 1 : column)
        }
        let rewriter = LinkRewriter(pageFile: relativePath)
        let headings = document.extractHeadings()
        for heading in headings {
            if let id = heading.explicitID, !HeadingID.isValidExplicit(id) {
                log.error(at: position(origin, heading.line, heading.column),
                          "heading id '{#\(id)}' must start with a letter and use only ASCII letters, digits, '-' and '_'")
            } else if let id = heading.explicitID, ReservedIDs.all.contains(id) {
                log.error(at: position(origin, heading.line, heading.column), "heading id '\(id)' is used by the templates; choose another")
            }
        }
        var explicit: [String: MarkdownDocument.Heading] = [:]
        for heading in headings {
            guard let id = heading.explicitID else { continue }
            if let first = explicit[id] {
                log.error(at: position(origin, heading.line, heading.column),
                          "heading id '{#\(id)}' is used twice on this page (first on line \(origin.line + first.line - 1)); links to it would be ambiguous")
            } else {
                explicit[id] = heading
            }
        }
        let ids = HeadingID.assign(headings, reserved: ReservedIDs.all)
        var siteLinks: [RenderedBody.SiteLink] = []
        // For each link left in the HTML, in order: is its URL made at render time?
        var resolved: [Bool] = []
        var fragments: [(String, SourceLocation)] = []
        func action(for link: MarkdownDocument.Link) -> MarkdownDocument.LinkAction {
            let location = position(origin, link.line, link.column)
            let target = rewriter.classify(link.destination)
            if Self.isUnsafe(link.destination) {
                log.warning(at: location, "link to '\(link.destination)' removed (scripts and local files are never linked); its text is kept")
                return .unwrap
            }
            if link.isImage {
                if target == .external {
                    log.error(at: location, "image '\(link.destination)' would be loaded from another site; pages may make no external requests")
                } else {
                    log.error(at: location, "images are not supported yet: '\(link.destination)'")
                }
                return .unwrap
            }
            switch target {
            case .external:
                return .keep
            case let .fragment(id):
                fragments.append((id, location))
                return .keep
            case let .page(path, fragment):
                if draftPaths.contains(path) {
                    log.error(at: location, "link to '\(link.destination)', a draft page (draft: true), which is not built")
                    return .keep
                }
                if !pagePaths.contains(path) {
                    log.error(at: location, "link to a page that does not exist: '\(link.destination)' (no \(path.isEmpty ? "index" : path).md in the source language)")
                    return .keep
                }
                siteLinks.append(.init(target: LinkTarget(kind: .page, path: path, fragment: fragment), location: location))
                return .replace("")
            case let .questionnaire(id):
                if !questionnaireIDs.contains(id) {
                    log.error(at: location, "link to a questionnaire that does not exist: '\(id)'")
                    return .keep
                }
                siteLinks.append(.init(target: LinkTarget(kind: .questionnaire, path: id), location: location))
                return .replace("")
            case let .invalid(message):
                log.error(at: location, message)
                return .keep
            }
        }
        document.rewriteLinks { link in
            let chosen = action(for: link)
            switch chosen {
            case .unwrap: break
            case .keep: resolved.append(false)
            case .replace: resolved.append(true)
            }
            return chosen
        }
        let idSet = Set(ids)
        for (id, location) in fragments where !idSet.contains(id) {
            log.error(at: location, "link to '#\(id)', but this page has no heading with that id (ids: \(ids.joined(separator: ", ")))")
        }
        let toc = zip(headings, ids).filter { $0.0.level == 2 }.map { RenderedBody.TOCEntry(id: $0.1, text: $0.0.text, level: $0.0.level) }
        let html = document.renderHTML(headingIDs: ids)
        return RenderedBody(
            segments: MarkdownDocument.cutAtLinks(html, resolved: resolved),
            links: siteLinks,
            headingIDs: idSet,
            toc: toc.count >= tocMinimumHeadings ? toc : [])
    }

}

extension MarkdownRenderer {
    /// Schemes cmark's safe mode refuses (it would leave an empty link).
    static func isUnsafe(_ destination: String) -> Bool {
        let lower = destination.trimmingWhitespace.lowercased()
        return ["javascript:", "vbscript:", "file:", "data:"].contains { lower.hasPrefix($0) }
    }
}

/// Turns cmark's byte columns into character (Unicode scalar) columns, as
/// Yams and editors count them.
///
/// Positions are asked for in document order, so the count continues from
/// the last one on the same line: 100,000 links on one line stay linear.
struct ColumnMap {
    private let bytes: [UInt8]
    private var lineStarts: [Int] = [0]
    /// The last answer: line, byte offset counted up to, and its column.
    private var last = (line: 0, end: 0, column: 1)

    init(_ text: String) {
        bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lineStarts.append(index + 1)
        }
    }

    mutating func characterColumn(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= lineStarts.count, byteColumn > 1 else { return max(byteColumn, 1) }
        let start = lineStarts[line - 1]
        let end = min(start + byteColumn - 1, bytes.count)
        var from = start
        var column = 1
        if last.line == line, last.end <= end {
            from = last.end
            column = last.column
        }
        // Count the bytes that start a scalar (not UTF-8 continuation bytes).
        for byte in bytes[from..<end] where byte & 0xC0 != 0x80 { column += 1 }
        last = (line, end, column)
        return column
    }
}
