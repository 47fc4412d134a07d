import Foundation

/// `/<lang>/glossary/`: every term in the reader's language, sorted in the
/// reader's alphabet (ICU collation for the language's locale), each with
/// its German original and a one-line explanation. A term not yet
/// translated is shown in the language it has, marked so.
extension RenderContext {
    func renderGlossary(reader: String) -> OutputFile? {
        let glossary = content.glossary
        guard !glossary.isEmpty, templates.has("glossary") else { return nil }
        let s = strings(reader)
        let readerLanguage = language(reader)
        var model = common(language: reader, title: s["glossary_title"] ?? "", description: s["glossary_intro"],
                           switcher: { urls.page(Glossary.path, language: $0.code) },
                           canonical: urls.absolute(Glossary.path, language: reader),
                           alternates: alternates(path: Glossary.path, translatedIn: config.languages.map(\.code)),
                           noindex: false, currentNav: Glossary.path)
        model["intro"] = s["glossary_intro"] ?? ""
        let locale = Locale(identifier: reader)
        let terms = glossary.terms.values.compactMap { term -> (String, [String: Any])? in
            guard let (entry, written) = glossary.entry(term.id, language: reader, config: config) else { return nil }
            var item: [String: Any] = ["anchor": term.id, "term": entry.term, "explanation": entry.explanation]
            if reader != glossary.originalLanguage && written != glossary.originalLanguage {
                item["original"] = term.original
                item["original_lang"] = glossary.originalLanguage
            }
            item["text_mark"] = written == reader ? false as Any : [
                "lang": written, "dir": language(written).direction.rawValue,
                "marker": s["not_yet_translated"] ?? "", "marker_lang": reader, "marker_dir": readerLanguage.direction.rawValue,
            ] as [String: Any]
            return (entry.term, item)
        }.sorted { lhs, rhs in
            let order = lhs.0.compare(rhs.0, options: [.caseInsensitive], range: nil, locale: locale)
            return order == .orderedSame ? (lhs.1["anchor"] as! String) < (rhs.1["anchor"] as! String) : order == .orderedAscending
        }.map(\.1)
        model["terms"] = terms
        return OutputFile(path: urls.file(Glossary.path, language: reader), contents: templates.render(model, template: "glossary"))
    }
}
