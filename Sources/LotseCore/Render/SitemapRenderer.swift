/// `sitemap.xml` with `xhtml:link` alternates between real translations, and
/// `robots.txt` pointing to it.
extension RenderContext {
    func renderRobots() -> OutputFile {
        OutputFile(path: "robots.txt", contents: "User-agent: *\nAllow: /\n\nSitemap: \(urls.absoluteBase)sitemap.xml\n")
    }


    static let sitemapPath = "sitemap.xml"

    func renderSitemap() -> OutputFile {
        var xml = ""
        renderSitemap { part, estimatedSize in
            // Sized once from the first pages: growing by doubling held two copies of
            // a large site's sitemap at once (20 MB at 10,000 pages, issue 10).
            if xml.isEmpty, estimatedSize > 0 { xml.reserveCapacity(estimatedSize) }
            xml += part
        }
        return OutputFile(path: Self.sitemapPath, contents: xml)
    }

    /// The sitemap in parts of about `partSize` bytes (whole entries), in
    /// order, each handed to `emit` with the size the whole is estimated at
    /// (0 when unknown): a build writes the parts as they come instead of
    /// holding the whole (12 MB at 10,000 pages, the largest file, issue 10).
    func renderSitemap(partSize: Int = 1 << 16, emit: (_ part: String, _ estimatedSize: Int) -> Void) {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

        """
        var emitted = 0
        var estimatedSize = 0
        func flush(atLeast size: Int) {
            guard xml.utf8.count >= size, !xml.isEmpty else { return }
            emitted += xml.utf8.count
            emit(xml, estimatedSize)
            xml.removeAll(keepingCapacity: true)
        }
        func entry(_ path: String, languages: [String], reviewed: (String) -> Day? = { _ in nil }) {
            let links = alternates(path: path, translatedIn: languages).map { ($0.0, HTML.escape($0.1)) }
            // The alternates are the same lines in every language's entry: made once for
            // the path (they were three quarters of the sitemap's appends, issue 10).
            var alternateLines = ""
            for (hreflang, href) in links {
                alternateLines += "<xhtml:link rel=\"alternate\" hreflang=\""
                alternateLines += hreflang
                alternateLines += "\" href=\""
                alternateLines += href
                alternateLines += "\"/>\n"
            }
            for code in languages {
                xml += "<url>\n<loc>"
                // A language's address is among the alternates already escaped (not `x-default`, the last).
                if let link = links.dropLast().first(where: { $0.0 == code }) {
                    xml += link.1
                } else {
                    xml += HTML.escape(urls.absolute(path, language: code))
                }
                xml += "</loc>\n"
                if let day = reviewed(code) {
                    xml += "<lastmod>"
                    xml += day.description
                    xml += "</lastmod>\n"
                }
                xml += alternateLines
                xml += "</url>\n"
            }
        }
        let entries = content.pagePaths.count + questionnaires.count
        for (index, path) in content.pagePaths.enumerated() {
            entry(path, languages: translatedLanguages(of: path)) { content.reviewed(path, in: $0) }
            if index == 15 {
                // The first parts wait for this estimate, so that a whole made of them is sized at once.
                estimatedSize = (emitted + xml.utf8.count) / 16 * entries * 11 / 10
            }
            if index >= 15 { flush(atLeast: partSize) }
        }
        for questionnaire in questionnaires {
            entry(questionnaire.id, languages: questionnaire.translatedLanguages)
        }
        xml += "</urlset>\n"
        flush(atLeast: 0)
    }
}
