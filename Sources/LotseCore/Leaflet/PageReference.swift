/// `pages:` entries of an outcome: a page path, or `path#anchor` for one
/// section of it (`work/permit#application`). A leaflet prints the whole
/// page, or only that section.
extension QuestionnaireLogic.Outcome {
    /// The page path of a `pages:` entry (`index` is the home page, ``""``).
    static func pagePath(_ reference: String) -> String {
        let path = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? reference
        return path.trimmingWhitespace
    }

    /// The `#anchor` of a `pages:` entry, if any.
    static func pageAnchor(_ reference: String) -> String? {
        guard let hash = reference.firstIndex(of: "#") else { return nil }
        let anchor = String(reference[reference.index(after: hash)...]).trimmingWhitespace
        return anchor.isEmpty ? nil : anchor
    }

    /// The page as the site knows it: `index` stands for the home page.
    static func sitePath(_ reference: String) -> String {
        let path = pagePath(reference)
        return path == "index" ? "" : path
    }
}

/// Checks the `#anchor` of every outcome's `pages:` entry like a link:
/// the heading must exist in every language the page is shown in.
enum PageReferenceAnchors {
    /// With `onlyPath`, only the entries naming that page (after it changed, in `lotse serve`).
    static func check(_ questionnaires: [CompiledQuestionnaire], content: SiteContent, bodies: [String: RenderedBody], log: DiagnosticLog,
                      onlyPath: String? = nil) {
        for q in questionnaires {
            for outcome in q.logic.outcomes {
                for (reference, location) in zip(outcome.pages, outcome.pageLocations)
                where onlyPath.map({ QuestionnaireLogic.Outcome.sitePath(reference) == $0 }) ?? true {
                    guard let anchor = QuestionnaireLogic.Outcome.pageAnchor(reference) else {
                        if reference.hasSuffix("#") {
                            log.error(at: location, "outcome '\(outcome.id)' names '\(reference)' with an empty anchor: write page#heading-id or only the page")
                        }
                        continue
                    }
                    let path = QuestionnaireLogic.Outcome.sitePath(reference)
                    for language in content.config.languages.map(\.code) {
                        guard let (page, _) = content.page(path, in: language),
                              let body = bodies[RenderContext.bodyKey(page)] else { continue }
                        if !body.headingIDs.contains(anchor) {
                            let known = BodySections.split(body.html(reader: language, resolver: SiteLinkResolver(prefix: "/"))).compactMap(\.id)
                            log.error(at: location, "outcome '\(outcome.id)' names '#\(anchor)' on page '\(QuestionnaireLogic.Outcome.pagePath(reference))', but \(page.file.path) has no heading with that id (give the heading '{#\(anchor)}' in every language; sections: \(known.joined(separator: ", ")))")
                            break
                        }
                    }
                }
            }
        }
    }
}
