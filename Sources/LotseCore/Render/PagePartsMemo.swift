/// An advice page's parts of a result leaflet (``RenderContext/pageParts(_:served:anchors:language:shift:withTitle:bodies:)``)
/// made once for all the results of a questionnaire that print the page.
///
/// Why: the results of a questionnaire print the same few advice pages again
/// and again (and each result has two leaflets for a reader of another
/// language than the office's); every time the page's packed body was
/// unpacked, joined with absolute links, cut into sections and demoted: about
/// a twentieth of a 1,000-page build (issue 10). The parts depend only on the
/// page, its sections printed and the language, so they are the same each time.
/// One memo belongs to one call of ``RenderContext/renderLeaflets(_:reader:)``
/// (one thread), so it needs no lock.
final class PagePartsMemo {
    private var parts: [String: [RenderContext.LeafletPart]] = [:]

    /// The parts of `path` (the sections `anchors`, nil: the whole page) in `language`, made by `make` the first time.
    func parts(_ path: String, anchors: [String]?, language: String, make: () -> [RenderContext.LeafletPart]) -> [RenderContext.LeafletPart] {
        // Anchors are ids (no NUL in them); nil and [] are told apart by the marker.
        let key = language + "\u{0}" + path + (anchors.map { "\u{0}[" + $0.joined(separator: "\u{0}") } ?? "")
        if let known = parts[key] { return known }
        let made = make()
        parts[key] = made
        return made
    }
}
