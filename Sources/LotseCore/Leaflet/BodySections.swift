/// A page's rendered body cut into sections at its headings, and made fit
/// for paper.
///
/// Leaflets print advice text in pieces: one section named by `page#anchor`,
/// or a whole page as rows of a bilingual grid, section beside section. The
/// body is rendered once (see ``RenderedBody``); in cmark's safe output every
/// `<hN id="…">` is a heading Lotse numbered, so cutting at those tags is exact.
enum BodySections {
    struct Section: Equatable {
        /// The heading's id; nil for the text before the first heading.
        var id: String?
        var level: Int
        var html: String
    }

    /// Positions of the headings: (start offset of `<hN`, level, id).
    private static func headings(in html: String) -> [(start: String.Index, level: Int, id: String)] {
        var result: [(String.Index, Int, String)] = []
        var rest = html.startIndex
        while let open = html.range(of: "<h", range: rest..<html.endIndex) {
            rest = open.upperBound
            guard let digit = html[open.upperBound...].first, let level = digit.wholeNumberValue, (1...6).contains(level) else { continue }
            let afterDigit = html.index(after: open.upperBound)
            guard html[afterDigit...].hasPrefix(" id=\"") else { continue }
            let idStart = html.index(afterDigit, offsetBy: 5)
            guard let quote = html[idStart...].firstIndex(of: "\"") else { continue }
            result.append((open.lowerBound, level, String(html[idStart..<quote])))
        }
        return result
    }

    /// The body cut before every heading of level `level` or higher (`##` by
    /// default): the text before the first one, then one section per heading.
    static func split(_ html: String, level: Int = 2) -> [Section] {
        let cuts = headings(in: html).filter { $0.level <= level }
        var sections: [Section] = []
        var start = html.startIndex
        var current: (id: String?, level: Int) = (nil, 0)
        for cut in cuts {
            let piece = String(html[start..<cut.start])
            if current.id != nil || !piece.trimmingWhitespace.isEmpty {
                sections.append(Section(id: current.id, level: current.level, html: piece))
            }
            start = cut.start
            current = (cut.id, cut.level)
        }
        let last = String(html[start...])
        if current.id != nil || !last.trimmingWhitespace.isEmpty {
            sections.append(Section(id: current.id, level: current.level, html: last))
        }
        return sections
    }

    /// The section that starts at the heading with this id and runs to the
    /// next heading of the same or a higher level; nil when there is none.
    static func section(_ html: String, id: String) -> Section? {
        let all = headings(in: html)
        guard let index = all.firstIndex(where: { $0.id == HTML.escape(id) }) else { return nil }
        let start = all[index]
        let end = all[(index + 1)...].first { $0.level <= start.level }?.start ?? html.endIndex
        return Section(id: id, level: start.level, html: String(html[start.start..<end]))
    }

    /// Headings moved `by` levels down (an `##` of a page printed below the
    /// leaflet's own headings), at most to `<h6>`, and their ids dropped: one
    /// leaflet holds several pages, and a bilingual one every page twice.
    static func demoteHeadings(_ html: String, by shift: Int) -> String {
        var result = ""
        result.reserveCapacity(html.utf8.count)
        var rest = html[...]
        while let open = rest.range(of: "<") {
            result += rest[..<open.lowerBound]
            let tag = rest[open.upperBound...]
            let closing = tag.hasPrefix("/")
            let afterSlash = closing ? tag.dropFirst() : tag
            if afterSlash.first == "h", let level = afterSlash.dropFirst().first?.wholeNumberValue, (1...6).contains(level),
               let next = afterSlash.dropFirst(2).first, next == ">" || next == " " {
                let newLevel = min(level + shift, 6)
                result += closing ? "</h\(newLevel)>" : "<h\(newLevel)>"
                // Skip the rest of the tag (its id).
                guard let end = afterSlash.firstIndex(of: ">") else { rest = rest[open.upperBound...]; continue }
                rest = rest[rest.index(after: end)...]
            } else {
                result += "<"
                rest = tag
            }
        }
        result += rest
        return result
    }

    /// Links made absolute for paper: links to pages of the site lead to
    /// `language`'s version below the whole `base_url` (resolved by an
    /// absolute ``SiteLinkResolver``), and `#fragment` links to the page they
    /// are on (`pageURL`).
    static func absoluteLinks(_ body: RenderedBody?, language: String, absoluteBase: String, pageURL: String) -> String {
        guard let body else { return "" }
        return body.html(reader: language, resolver: SiteLinkResolver(prefix: absoluteBase))
            .replacing("href=\"#", with: "href=\"\(pageURL)#")
    }
}
