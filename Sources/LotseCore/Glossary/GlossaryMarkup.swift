/// The HTML of a glossary link: the term as written (or the glossary's
/// term when the link has no text) followed by the German original, marked
/// with its language and isolated for bidirectional text, so an Arabic
/// sentence stays right to left around it:
/// `تصريح الإقامة (<bdi lang="de" dir="ltr">Aufenthaltserlaubnis</bdi>)`.
///
/// cmark's safe mode drops raw HTML, so the link gets marker texts (private
/// use characters, which content never contains) that are replaced in
/// cmark's output.
enum GlossaryMarkup {
    static func originalMarker(_ id: String) -> String { "\u{E000}\(id)\u{E001}" }
    static func termMarker(_ id: String) -> String { "\u{E002}\(id)\u{E001}" }

    /// ` (<bdi lang="de" dir="ltr">Original</bdi>)`, or nothing in the originals' language.
    static func original(_ term: Glossary.Term, glossary: Glossary, language: String) -> String {
        guard language != glossary.originalLanguage else { return "" }
        let dir = Language.defaultDirection(for: glossary.originalLanguage).rawValue
        return " (<bdi lang=\"\(glossary.originalLanguage)\" dir=\"\(dir)\">\(HTML.escape(term.original))</bdi>)"
    }

    static func fill(_ html: String, glossary: Glossary, language: String, config: SiteConfig) -> String {
        var result = html
        for (id, term) in glossary.terms where result.contains(id) {
            result = result.replacing(originalMarker(id), with: original(term, glossary: glossary, language: language))
            if let (entry, _) = glossary.entry(id, language: language, config: config) {
                result = result.replacing(termMarker(id), with: HTML.escape(entry.term))
            }
        }
        return result
    }
}
