/// `sections:` on a page's sources: which sections of the page a source backs.
///
/// A leaflet that prints only some sections of a page (`page#anchor`) cites
/// only the sources of those sections (and every source without
/// `sections:`), not the page's whole list: a page on deadlines may cite
/// sixteen paragraphs of law for one printed section. A translation may leave
/// `sections:` out; its sources are then scoped like the source language's
/// source with the same url. A section id is checked like an anchor: an
/// unknown one is an error at its position.
enum SourceScopes {
    /// The section ids `source` backs on `page` (empty: the whole page).
    static func scope(of source: PageSource.Source, on page: PageSource, original: PageSource?) -> [String] {
        if !source.sections.isEmpty { return source.sections }
        return original?.sources.first { $0.url == source.url }?.sections ?? []
    }

    /// The sources to cite when only the sections with `printedIDs` (the
    /// printed sections' headings and every heading inside them) are printed.
    static func cited(_ page: PageSource, original: PageSource?, printedIDs: Set<String>) -> [PageSource.Source] {
        page.sources.filter { source in
            let scope = scope(of: source, on: page, original: original)
            return scope.isEmpty || scope.contains { printedIDs.contains(HTML.escape($0)) }
        }
    }

    /// Every `sections:` id names a heading of its page.
    static func check(_ pages: [PageSource], bodies: [String: RenderedBody], log: DiagnosticLog) {
        // Most pages name no sections: their body is not looked up (a key made and hashed for each page).
        for page in pages where page.sources.contains(where: { !$0.sections.isEmpty }) {
            guard let body = bodies[RenderContext.bodyKey(page)] else { continue }
            for source in page.sources {
                for id in source.sections where !body.headingIDs.contains(id) {
                    log.error(at: source.sectionsLocation ?? page.file,
                              "source '\(source.title)' names section '#\(id)', but \(page.file.path) has no heading with that id (give the heading '{#\(id)}')")
                }
            }
        }
    }
}
