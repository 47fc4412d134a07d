/// Checks the `#anchor` of every link between pages, in every language the
/// linking text is shown in: a German page shown as fallback in Arabic links
/// to the Arabic version of its target, which must have that heading too.
///
/// A translator's mistake never takes the site down: when only a
/// translation lacks the heading (its source has it), that is a warning
/// located in the translation, listing the ids its source has, and the link
/// leads to the top of the translated page (see ``droppedAnchors``).
enum LinkValidator {
    /// Reader language → `path#fragment` of links whose anchor a translation lacks.
    typealias DroppedAnchors = [String: Set<String>]

    @discardableResult
    static func check(content: SiteContent, bodies: [String: RenderedBody], log: DiagnosticLog) -> DroppedAnchors {
        let source = content.config.sourceLanguage
        let all = content.config.languages.map(\.code)
        var dropped: DroppedAnchors = [:]
        for page in content.allPages {
            guard let body = bodies[RenderContext.bodyKey(page)] else { continue }
            let shownIn = all.filter { content.page(page.path, in: $0)?.page.language == page.language }
            for link in body.pageLinks {
                guard let fragment = link.fragment, !fragment.isEmpty else { continue }
                for reader in shownIn {
                    guard let (target, _) = content.page(link.path, in: reader),
                          let targetBody = bodies[RenderContext.bodyKey(target)] else { continue }
                    if targetBody.headingIDs.contains(fragment) { continue }
                    if target.language != source, let original = content.sourcePages[link.path],
                       let originalBody = bodies[RenderContext.bodyKey(original)], originalBody.headingIDs.contains(fragment) {
                        let ids = originalBody.headingIDs.filter { HeadingID.isValidExplicit($0) }.sorted()
                        log.warning(at: target.file,
                                    "this translation has no heading with id '\(fragment)', which \(link.location) links to; give that heading '{#\(fragment)}' (its source \(original.file.path) has the ids: \(ids.joined(separator: ", "))). Until then the link leads to the top of the page")
                        dropped[reader, default: []].insert("\(link.path)#\(fragment)")
                    } else {
                        log.error(at: link.location,
                                  "link to '#\(fragment)' on page '\(link.path.isEmpty ? "index" : link.path)', but \(target.file.path) has no heading with that id (give the heading '{#\(fragment)}' in every language)")
                    }
                }
            }
        }
        return dropped
    }
}
