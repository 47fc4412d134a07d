import Foundation

/// Renders one Markdown text (a page body, a questionnaire intro, hint or
/// outcome) to HTML, rewriting its links and collecting what must be checked.
struct MarkdownRenderer: Sendable {
    /// Paths of the pages that exist in the source language.
    var pagePaths: Set<String>
    var questionnaireIDs: Set<String>
    /// Source pages marked `draft: true`, to explain links to them.
    var draftPaths: Set<String> = []
    /// Source pages whose file has an error already reported: links to them are not checked.
    var unreadablePaths: Set<String> = []
    /// Headings from this level on count for the table of contents.
    var tocMinimumHeadings = 3
    /// `{{fact}}` values (issue 9), filled in the language of the text.
    var facts = FactTable()
    var sourceLanguage = ""
    /// Terms for `glossary:` links (issue 9).
    var glossary = Glossary()
    var config: SiteConfig?

    /// - Parameters:
    ///   - relativePath: the file below its language folder (`work/permit.md`), for relative links.
    ///   - origin: where the Markdown text starts in its file (line and column of its first character).
    /// - Parameter packs: give the body packed (``RenderedBody/pack()``), made so straight from cmark's bytes.
    ///
    /// `headingsAsWritten` is given the text's headings when they are as written (no `{{fact}}`
    /// filled into the text): what a source page's sections are cut at (``SourceSections``), so
    /// that a build parses each source page once (issue 10).
    func render(_ markdown: String, relativePath: String, origin: SourceLocation, log: DiagnosticLog,
                language: String? = nil, packs: Bool = false,
                headingsAsWritten: (([MarkdownDocument.Heading]) -> Void)? = nil) -> RenderedBody {
        var markdown = markdown
        return markdown.withUTF8 {
            render(bytes: $0, relativePath: relativePath, origin: origin, log: log, language: language, packs: packs,
                   headingsAsWritten: headingsAsWritten)
        }
    }

    /// ``render(_:relativePath:origin:log:language:)`` of the text's UTF-8
    /// bytes (valid UTF-8 without NUL, as ``SourceText`` reads files), so a
    /// translation's Markdown read again goes from the file's bytes to cmark
    /// without being made a String (checked byte by byte) first (issue 10).
    func render(bytes markdown: UnsafeBufferPointer<UInt8>, relativePath: String, origin: SourceLocation, log: DiagnosticLog,
                language: String? = nil, packs: Bool = false,
                headingsAsWritten: (([MarkdownDocument.Heading]) -> Void)? = nil) -> RenderedBody {
        let document = MarkdownDocument(bytes: markdown)
        let fillsFacts = markdown.firstOffset(of: Array("{{".utf8), from: 0) != nil
        if fillsFacts {
            facts.checkPlaceholders(in: String(decoding: markdown, as: UTF8.self), origin: origin, log: log)
            let language = language ?? sourceLanguage
            document.replaceText { text, isURL in
                facts.fill(text, language: language, source: sourceLanguage, url: isURL && text.lowercased().hasPrefix("tel:"))
            }
        }
        var columns: ColumnMap?
        /// cmark counts columns in bytes; editors count characters.
        func position(_ origin: SourceLocation, _ line: Int, _ byteColumn: Int) -> SourceLocation {
            if columns == nil { columns = ColumnMap(bytes: markdown) }
            let column = columns!.characterColumn(line: line, byteColumn: byteColumn)
            return SourceLocation(path: origin.path, line: origin.line + max(line, 1) - 1,
                                  column: line <= 1 ? origin.column + column - 1 : column)
        }
        let rewriter = LinkRewriter(pageFile: relativePath)
        let headings = document.extractHeadings()
        if !fillsFacts { headingsAsWritten?(headings) }
        for heading in headings {
            if let id = heading.explicitID, !HeadingID.isValidExplicit(id) {
                log.error(at: position(origin, heading.line, heading.column),
                          "heading id '{#\(id)}' must start with a letter and use only ASCII letters, digits, '-' and '_'")
            } else if let id = heading.explicitID, ReservedIDs.all.contains(id) {
                log.error(at: position(origin, heading.line, heading.column), "heading id '\(id)' is used by the templates; choose another")
            }
        }
        var explicit: [String: MarkdownDocument.Heading] = [:]
        explicit.reserveCapacity(headings.count)
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
        let language = language ?? sourceLanguage
        // A translator's mistake never takes the site down: a broken link that only a
        // translation has is a warning (an error with --strict) and the link is dropped.
        let isTranslation = !sourceLanguage.isEmpty && language != sourceLanguage
        var glossaryTerms: [String] = []
        func action(for link: MarkdownDocument.Link) -> MarkdownDocument.LinkAction {
            let location = position(origin, link.line, link.column)
            func broken(_ message: String) -> MarkdownDocument.LinkAction {
                if isTranslation {
                    log.warning(at: location, message + " (only this translation has the link; it is shown as text)")
                    return .unwrap
                }
                log.error(at: location, message)
                return .keep
            }
            if link.destination.hasPrefix("glossary:") {
                let id = String(link.destination.dropFirst("glossary:".count))
                guard glossary.terms[id] != nil else {
                    let known = glossary.terms.keys.sorted()
                    return broken("unknown glossary term '\(id)' (\(known.isEmpty ? "there is no content/glossary.yaml" : "terms: " + known.joined(separator: ", ")))")
                }
                glossaryTerms.append(id)
                siteLinks.append(.init(target: LinkTarget(kind: .page, path: Glossary.path, fragment: id), location: location))
                return .replaceAppending("",
                                         append: GlossaryMarkup.originalMarker(id), ifEmpty: GlossaryMarkup.termMarker(id))
            }
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
                    return broken("link to '\(link.destination)', a draft page (draft: true), which is not built")
                }
                if unreadablePaths.contains(path) {
                    return .keep
                }
                guard let known = pagePaths.firstIndex(of: path) else {
                    return broken("link to a page that does not exist: '\(link.destination)' (no \(path.isEmpty ? "index" : path).md in the source language)")
                }
                // The site's own copy of the path: one string shared by every link to the page.
                siteLinks.append(.init(target: LinkTarget(kind: .page, path: pagePaths[known], fragment: fragment), location: location))
                return .replace("")
            case let .questionnaire(id):
                guard let known = questionnaireIDs.firstIndex(of: id) else {
                    return broken("link to a questionnaire that does not exist: '\(id)'")
                }
                siteLinks.append(.init(target: LinkTarget(kind: .questionnaire, path: questionnaireIDs[known]), location: location))
                return .replace("")
            case let .invalid(message):
                return broken(message)
            }
        }
        document.rewriteLinks { link in
            let chosen = action(for: link)
            switch chosen {
            case .unwrap: break
            case .keep: resolved.append(false)
            case .replace, .replaceAppending: resolved.append(true)
            }
            return chosen
        }
        let idSet = Set(ids)
        for (id, location) in fragments where !idSet.contains(id) {
            let shown = ids.count > 12 ? ids.prefix(12).joined(separator: ", ") + " and \(ids.count - 12) more" : ids.joined(separator: ", ")
            let message = "link to '#\(id)', but this page has no heading with that id\(Suggestion.didYouMean(id, in: idSet)) (ids: \(shown))"
            if isTranslation { log.warning(at: location, message) } else { log.error(at: location, message) }
        }
        let allTOC = zip(headings, ids).filter { $0.0.level == 2 }.map { RenderedBody.TOCEntry(id: $0.1, text: $0.0.text, level: $0.0.level) }
        let toc = allTOC.count >= tocMinimumHeadings ? allTOC : []
        let segments: [String]
        if !glossaryTerms.isEmpty, let config {
            let html = GlossaryMarkup.fill(document.renderHTML(headingIDs: ids), glossary: glossary, language: language, config: config)
            segments = MarkdownDocument.cutAtLinks(html, resolved: resolved)
        } else if packs {
            return document.withSegmentBytes(headingIDs: ids, resolved: resolved) { html, cuts in
                RenderedBody(packing: html, cuts: cuts, links: siteLinks, headingIDs: idSet, toc: toc)
            }
        } else {
            segments = document.renderSegments(headingIDs: ids, resolved: resolved)
        }
        var body = RenderedBody(segments: segments, links: siteLinks, headingIDs: idSet, toc: toc)
        if packs { body.pack() }
        return body
    }

}

extension MarkdownRenderer {
    /// Schemes cmark's safe mode refuses (it would leave an empty link).
    static func isUnsafe(_ destination: String) -> Bool {
        // A text starting with a visible ASCII character starts with the same Character trimmed and
        // lower-cased: only j, v, f or d can start one of these schemes (most links need no lower-casing).
        if let first = destination.utf8.first, (UInt8(ascii: "!")...UInt8(ascii: "~")).contains(first),
           !"jJvVfFdD".utf8.contains(first) { return false }
        let lower = destination.trimmingWhitespace.lowercased()
        return ["javascript:", "vbscript:", "file:", "data:"].contains { lower.hasPrefix($0) }
    }
}

/// Turns cmark's byte columns into character (Unicode scalar) columns, as
/// Yams and editors count them.
///
/// Counts only what is asked, and each byte at most once per line: the
/// lines are found (`memchr`) only as far as a question needs, and a
/// question on the line of the one before, further on (links are asked in
/// document order), counts on from there. So 100,000 links on one line cost
/// no more than on many lines, and a page does not count every byte for a
/// few links on it (a table of every byte was a twentieth of rendering
/// Markdown; issue 10). (Finding every line was most of the map's cost; its
/// own copy of the bytes is one `memcpy`, and reading the caller's bytes in
/// place measured no faster, so the map keeps the copy and no borrowed pointer.)
final class ColumnMap {
    private let bytes: [UInt8]
    private var lineStarts: [Int] = [0]
    /// Whether `lineStarts` holds every line's start.
    private var foundAllLines = false
    /// The last question's line start and byte offset, and the scalars between them.
    private var cursor = (lineStart: -1, offset: 0, scalars: 0)

    convenience init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    convenience init(bytes: UnsafeBufferPointer<UInt8>) {
        self.init(bytes: Array(bytes))
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Finds line starts until there are `count` (or every line's).
    private func findLines(upTo count: Int) {
        guard !foundAllLines else { return }
        // Appended to a local array (not the property, checked for exclusive access at each append).
        var starts: [Int] = []
        swap(&starts, &lineStarts)
        defer { swap(&starts, &lineStarts) }
        foundAllLines = bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            var index = starts[starts.count - 1]
            while starts.count < count {
                guard index < buffer.count, let found = memchr(base + index, Int32(UInt8(ascii: "\n")), buffer.count - index) else {
                    return true
                }
                index = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found)) + 1
                starts.append(index)
            }
            return false
        }
    }

    func characterColumn(line: Int, byteColumn: Int) -> Int {
        if line > lineStarts.count { findLines(upTo: line) }
        guard line >= 1, line <= lineStarts.count, byteColumn > 1 else { return max(byteColumn, 1) }
        let start = lineStarts[line - 1]
        let end = min(start + byteColumn - 1, bytes.count)
        if cursor.lineStart != start || cursor.offset > end { cursor = (start, start, 0) }
        let scalars = cursor.scalars + Self.scalarStarts(bytes, cursor.offset..<end)
        cursor = (start, end, scalars)
        return scalars + 1
    }

    /// How many bytes in `range` start a scalar (are not UTF-8 continuation bytes, `10xxxxxx`),
    /// counted eight at a time: a byte at a time was a quarter of handling a link (issue 10).
    static func scalarStarts(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            var count = 0
            var index = range.lowerBound
            while index + 8 <= range.upperBound {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                // Bit 7 of each byte that has bit 7 set and bit 6 clear (`w << 1` moves bit 6 to bit 7 of the same byte).
                let continuations = word & ~(word << 1) & 0x8080_8080_8080_8080
                count += 8 - continuations.nonzeroBitCount
                index += 8
            }
            while index < range.upperBound {
                if base[index] & 0xC0 != 0x80 { count += 1 }
                index += 1
            }
            return count
        }
    }
}
