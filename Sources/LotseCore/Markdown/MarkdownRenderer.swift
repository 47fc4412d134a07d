/// Renders one Markdown text (a page body, a questionnaire intro, hint or
/// outcome) to HTML, rewriting its links and collecting what must be checked.
struct MarkdownRenderer: Sendable {
    /// Paths of the pages that exist in the source language.
    var pagePaths: Set<String>
    var questionnaireIDs: Set<String>
    var basePath: String
    /// Headings from this level on count for the table of contents.
    var tocMinimumHeadings = 3

    /// - Parameters:
    ///   - relativePath: the file below its language folder (`work/permit.md`), for relative links.
    ///   - origin: where the Markdown text starts in its file (line and column of its first character).
    func render(_ markdown: String, relativePath: String, origin: SourceLocation, log: DiagnosticLog) -> RenderedBody {
        let document = MarkdownDocument(markdown)
        let rewriter = LinkRewriter(pageFile: relativePath, basePath: basePath)
        let headings = document.extractHeadings()
        for heading in headings {
            if let id = heading.explicitID, !HeadingID.isValidExplicit(id) {
                log.error(at: position(origin, heading.line, heading.column),
                          "heading id '{#\(id)}' must start with a letter and use only ASCII letters, digits, '-' and '_'")
            } else if let id = heading.explicitID, ReservedIDs.all.contains(id) {
                log.error(at: position(origin, heading.line, heading.column), "heading id '\(id)' is used by the templates; choose another")
            }
        }
        let ids = HeadingID.assign(headings, reserved: ReservedIDs.all)
        var pageLinks: [RenderedBody.PageLink] = []
        var fragments: [(String, SourceLocation)] = []
        document.rewriteLinks { link in
            let location = position(origin, link.line, link.column)
            let target = rewriter.classify(link.destination)
            if link.isImage {
                if target == .external {
                    log.error(at: location, "image '\(link.destination)' would be loaded from another site; pages may make no external requests")
                } else {
                    log.error(at: location, "images are not supported yet: '\(link.destination)'")
                }
                return ""
            }
            switch target {
            case .external:
                return nil
            case let .fragment(id):
                fragments.append((id, location))
                return nil
            case let .page(path, fragment):
                if !pagePaths.contains(path) {
                    log.error(at: location, "link to a page that does not exist: '\(link.destination)' (no \(path.isEmpty ? "index" : path).md in the source language)")
                    return nil
                }
                pageLinks.append(.init(path: path, fragment: fragment, location: location))
                return rewriter.href(path: path, fragment: fragment)
            case let .questionnaire(id):
                if !questionnaireIDs.contains(id) {
                    log.error(at: location, "link to a questionnaire that does not exist: '\(id)'")
                    return nil
                }
                return rewriter.href(path: id, fragment: nil)
            case let .invalid(message):
                log.error(at: location, message)
                return nil
            }
        }
        for (id, location) in fragments where !ids.contains(id) {
            log.error(at: location, "link to '#\(id)', but this page has no heading with that id (ids: \(ids.joined(separator: ", ")))")
        }
        let toc = zip(headings, ids).filter { $0.0.level == 2 }.map { RenderedBody.TOCEntry(id: $0.1, text: $0.0.text, level: $0.0.level) }
        return RenderedBody(
            html: document.renderHTML(headingIDs: ids),
            headingIDs: Set(ids),
            toc: toc.count >= tocMinimumHeadings ? toc : [],
            pageLinks: pageLinks,
            localFragments: [])
    }

    private func position(_ origin: SourceLocation, _ line: Int, _ column: Int) -> SourceLocation {
        // cmark counts from the start of the text it was given.
        SourceLocation(path: origin.path, line: origin.line + max(line, 1) - 1,
                       column: line <= 1 ? origin.column + max(column, 1) - 1 : max(column, 1))
    }
}
