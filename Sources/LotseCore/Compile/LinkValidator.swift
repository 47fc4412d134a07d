/// Checks the `#anchor` of every link to a page, on the link graph, in every
/// language the linking text is shown in: a German page shown as fallback in
/// Arabic links to the Arabic version of its target, which must have that
/// heading too. The same holds for questionnaire texts.
///
/// A translator's mistake never takes the site down: when only a
/// translation lacks the heading (its source has it), that is a warning
/// located in the translation, listing the ids its source has, and the link
/// leads to the top of the translated page (see ``DroppedAnchors``).
enum LinkValidator {
    /// Reader language → `path#fragment` of links whose anchor a translation lacks.
    typealias DroppedAnchors = [String: Set<String>]

    @discardableResult
    static func check(content: SiteContent, bodies: [String: RenderedBody], questionnaires: [CompiledQuestionnaire],
                      links: LinkGraph, log: DiagnosticLog) -> DroppedAnchors {
        let source = content.config.sourceLanguage
        let all = content.config.languages.map(\.code)
        let byID = Dictionary(questionnaires.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var dropped: DroppedAnchors = [:]
        var warned = Set<String>()
        for edge in links.edges {
            guard edge.target.kind == .page, let fragment = edge.target.fragment, !fragment.isEmpty else { continue }
            let shownIn: [String]
            switch edge.from {
            case let .page(path, language):
                shownIn = all.filter { content.page(path, in: $0)?.page.language == language }
            case let .questionnaire(id, language):
                shownIn = language == source
                    ? all.filter { $0 == source || (byID[id]?.localized[$0]?.texts.isFallback ?? true) }
                    : [language]
            }
            for reader in shownIn {
                guard let (target, _) = content.page(edge.target.path, in: reader),
                      let targetBody = bodies[RenderContext.bodyKey(target)] else { continue }
                if targetBody.headingIDs.contains(fragment) { continue }
                if target.language != source, let original = content.sourcePages[edge.target.path],
                   let originalBody = bodies[RenderContext.bodyKey(original)], originalBody.headingIDs.contains(fragment) {
                    let ids = originalBody.headingIDs.filter { HeadingID.isValidExplicit($0) }.sorted()
                    let message = "this translation has no heading with id '\(fragment)', which \(edge.location) links to; give that heading '{#\(fragment)}' (its source \(original.file.path) has the ids: \(ids.joined(separator: ", "))). Until then the link leads to the top of the page"
                    if warned.insert("\(target.file.path)|\(message)").inserted {
                        log.warning(at: target.file, message)
                    }
                    dropped[reader, default: []].insert("\(edge.target.path)#\(fragment)")
                } else {
                    log.error(at: edge.location,
                              "link to '#\(fragment)' on page '\(edge.target.path.isEmpty ? "index" : edge.target.path)', but \(target.file.path) has no heading with that id (give the heading '{#\(fragment)}' in every language)")
                }
            }
        }
        return dropped
    }
}
