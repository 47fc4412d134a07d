/// `sitemap.xml` with `xhtml:link` alternates between real translations, and
/// `robots.txt` pointing to it.
extension RenderContext {
    func renderRobots() -> OutputFile {
        OutputFile(path: "robots.txt", contents: "User-agent: *\nAllow: /\n\nSitemap: \(urls.absoluteBase)sitemap.xml\n")
    }


    func renderSitemap() -> OutputFile {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

        """
        func entry(_ path: String, languages: [String], reviewed: (String) -> Day? = { _ in nil }) {
            let links = alternates(path: path, translatedIn: languages)
            for code in languages {
                xml += "<url>\n<loc>\(HTML.escape(urls.absolute(path, language: code)))</loc>\n"
                if let day = reviewed(code) { xml += "<lastmod>\(day)</lastmod>\n" }
                for (hreflang, href) in links {
                    xml += "<xhtml:link rel=\"alternate\" hreflang=\"\(hreflang)\" href=\"\(HTML.escape(href))\"/>\n"
                }
                xml += "</url>\n"
            }
        }
        let entries = content.pagePaths.count + questionnaires.count
        for (index, path) in content.pagePaths.enumerated() {
            entry(path, languages: translatedLanguages(of: path)) { content.page(path, in: $0)?.page.reviewed }
            if index == 15 {
                // Sized once from the first pages: growing by doubling held two copies of
                // a large site's sitemap at once (20 MB at 10,000 pages, issue 10).
                xml.reserveCapacity(xml.utf8.count / 16 * entries * 11 / 10)
            }
        }
        for questionnaire in questionnaires {
            entry(questionnaire.id, languages: questionnaire.translatedLanguages)
        }
        xml += "</urlset>\n"
        return OutputFile(path: "sitemap.xml", contents: xml)
    }
}
