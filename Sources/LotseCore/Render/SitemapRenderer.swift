/// `sitemap.xml` with `xhtml:link` alternates between real translations.
extension RenderContext {
    func renderSitemap() -> OutputFile {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

        """
        func entry(_ path: String, languages: [String]) {
            let links = alternates(path: path, translatedIn: languages)
            for code in languages {
                xml += "<url>\n<loc>\(HTML.escape(urls.absolute(path, language: code)))</loc>\n"
                for (hreflang, href) in links {
                    xml += "<xhtml:link rel=\"alternate\" hreflang=\"\(hreflang)\" href=\"\(HTML.escape(href))\"/>\n"
                }
                xml += "</url>\n"
            }
        }
        for path in content.pagePaths {
            entry(path, languages: translatedLanguages(of: path))
        }
        for questionnaire in questionnaires {
            entry(questionnaire.id, languages: questionnaire.translatedLanguages)
        }
        xml += "</urlset>\n"
        return OutputFile(path: "sitemap.xml", contents: xml)
    }
}
