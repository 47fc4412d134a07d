/// One unit of rendering: a page in a language, all pages of a questionnaire
/// in a language, or one of the site-wide files. What ``SiteRenderer`` can
/// render on its own and what ``CompiledSite/outputs(dependingOn:)`` names.
public enum SiteOutput: Sendable, Hashable {
    /// An advice page, section page or home page (`path` `""`) in `language`,
    /// with its leaflet when it has one.
    case page(path: String, language: String)
    /// A questionnaire's start page, proofing page and every step, in `language`,
    /// and its result leaflets.
    case questionnaire(id: String, language: String)
    /// The glossary page in `language` (when the site has a glossary).
    case glossary(language: String)
    /// The translation status page (issue 9).
    case translationStatus
    /// `_headers`: the security headers for the web server.
    case securityHeaders
    /// `index.html`, the language chooser.
    case root
    /// `404.html`.
    case notFound
    case sitemap
    case robots
    /// `style.css`, and `leaflet.css` when the templates have one.
    case stylesheet
}

extension CompiledSite {
    /// Everything the site is made of, in a stable order.
    public var allOutputs: [SiteOutput] {
        var outputs: [SiteOutput] = [.root, .notFound, .sitemap, .robots, .translationStatus, .securityHeaders, .stylesheet]
        if !content.glossary.isEmpty {
            for language in languages { outputs.append(.glossary(language: language.code)) }
        }
        for language in languages {
            for path in pagePaths { outputs.append(.page(path: path, language: language.code)) }
            for id in questionnaireIDs { outputs.append(.questionnaire(id: id, language: language.code)) }
        }
        return outputs
    }
}
