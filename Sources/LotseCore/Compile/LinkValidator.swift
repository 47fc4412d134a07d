/// Checks the `#anchor` of every link to a page, on the link graph, in every
/// language the linking text is shown in: a German page shown as fallback in
/// Arabic links to the Arabic version of its target, which must have that
/// heading too. The same holds for questionnaire texts.
enum LinkValidator {
    static func check(content: SiteContent, bodies: [String: RenderedBody], questionnaires: [CompiledQuestionnaire],
                      links: LinkGraph, log: DiagnosticLog) {
        let source = content.config.sourceLanguage
        let all = content.config.languages.map(\.code)
        let byID = Dictionary(questionnaires.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for edge in links.edges {
            guard edge.target.kind == .page, let fragment = edge.target.fragment, !fragment.isEmpty else { continue }
            let shownIn: [String]
            switch edge.from {
            case let .page(path, language):
                shownIn = language == source ? all.filter { $0 == source || content.translations[$0]?[path] == nil } : [language]
            case let .questionnaire(id, language):
                shownIn = language == source
                    ? all.filter { $0 == source || (byID[id]?.localized[$0]?.texts.isFallback ?? true) }
                    : [language]
            }
            for reader in shownIn {
                guard let (target, _) = content.page(edge.target.path, in: reader),
                      let targetBody = bodies[RenderContext.bodyKey(target)] else { continue }
                if !targetBody.headingIDs.contains(fragment) {
                    log.error(at: edge.location,
                              "link to '#\(fragment)' on page '\(edge.target.path.isEmpty ? "index" : edge.target.path)', but \(target.file.path) has no heading with that id (give the heading '{#\(fragment)}' in every language)")
                }
            }
        }
    }
}
