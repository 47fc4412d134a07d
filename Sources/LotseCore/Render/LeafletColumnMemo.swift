/// Leaflet columns made once for the several leaflets that print them.
///
/// Why: every reader language of an advice page has a bilingual print
/// version, and its office-language column (the page's German text, contact,
/// disclaimer, notes) is the same for all of them: made once per page, not
/// once per reader (it was a fifth of a build's CPU time). One memo belongs
/// to one batch of outputs rendered by one thread (``SiteRenderer``), so it
/// needs no lock, and holds only the columns of that batch's page.
final class LeafletColumnMemo {
    private var columns: [String: RenderContext.LeafletColumn] = [:]

    /// The column of `path` in `language`, made by `make` the first time it is asked for, with
    /// whether its keys are unique (asked by every leaflet that pairs it: answered once).
    func column(_ path: String, language: String, make: () -> RenderContext.LeafletColumn) -> RenderContext.LeafletColumn {
        let key = language + "/" + path
        if let known = columns[key] { return known }
        var made = make()
        made.uniqueKeys = Set(made.parts.map(\.key)).count == made.parts.count
        columns[key] = made
        return made
    }
}
