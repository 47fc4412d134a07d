/// Checks the `#anchor` of every link between pages, in every language the
/// linking text is shown in: a German page shown as fallback in Arabic links
/// to the Arabic version of its target, which must have that heading too.
enum LinkValidator {
    static func check(content: SiteContent, bodies: [String: RenderedBody], log: DiagnosticLog) {
        let source = content.config.sourceLanguage
        let all = content.config.languages.map(\.code)
        for page in content.allPages {
            guard let body = bodies[RenderContext.bodyKey(page)] else { continue }
            let shownIn = page.language == source
                ? all.filter { $0 == source || content.translations[$0]?[page.path] == nil }
                : [page.language]
            for link in body.pageLinks {
                guard let fragment = link.fragment, !fragment.isEmpty else { continue }
                for reader in shownIn {
                    guard let (target, _) = content.page(link.path, in: reader),
                          let targetBody = bodies[RenderContext.bodyKey(target)] else { continue }
                    if !targetBody.headingIDs.contains(fragment) {
                        log.error(at: link.location,
                                  "link to '#\(fragment)' on page '\(link.path.isEmpty ? "index" : link.path)', but \(target.file.path) has no heading with that id (give the heading '{#\(fragment)}' in every language)")
                    }
                }
            }
        }
    }
}
