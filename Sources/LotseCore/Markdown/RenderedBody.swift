/// A Markdown text rendered once to HTML, with what validation needs to know about it.
struct RenderedBody: Sendable {
    struct TOCEntry: Sendable {
        var id: String
        var text: String
        var level: Int
    }

    /// A link to another page of the site, checked once the whole site is known.
    struct PageLink: Sendable {
        var path: String
        var fragment: String?
        var location: SourceLocation
    }

    /// HTML whose internal links contain ``LinkRewriter/languageToken`` in
    /// place of the language, so one rendering serves every language the
    /// text is shown in.
    var html: String
    var headingIDs: Set<String>
    var toc: [TOCEntry]
    var pageLinks: [PageLink]
    /// Links to `#fragment` on the same page.
    var localFragments: [(fragment: String, location: SourceLocation)]

    /// The HTML for readers of `language`.
    func html(for language: String) -> String {
        html.replacingOccurrences(of: LinkRewriter.languageToken, with: language)
    }
}

/// Ids the templates use on every page; headings in content never take them.
enum ReservedIDs {
    static let all: Set<String> = ["main", "toc-heading", "sources-heading", "contact-heading",
                                   "questionnaires-heading", "pages-heading", "so-far-heading", "answers-heading", "question"]
}
