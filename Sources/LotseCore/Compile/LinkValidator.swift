/// Checks the `#anchor` of every link to a page, on the link graph, in every
/// language the linking text is shown in: a German page shown as fallback in
/// Arabic links to the Arabic version of its target, which must have that
/// heading too. The same holds for questionnaire texts.
///
/// A translator's mistake never takes the site down: when only a
/// translation lacks the heading (its source has it), that is a warning
/// located in the translation, listing the ids its source has, and the link
/// leads to the top of the translated page (see ``DroppedAnchors``).
///
/// The links are checked on all cores, in parts of the link graph, and what
/// they found is reported in link order: the same messages in the same order
/// as one pass over the links (at 10,000 pages this was the largest serial
/// part of compiling, issue 10).
enum LinkValidator {
    /// Reader language → `path#fragment` of links whose anchor a translation lacks.
    typealias DroppedAnchors = [String: Set<String>]

    /// What checking one link in one reader language found.
    private enum Finding: Sendable {
        /// Only the translation lacks the heading: a warning in `file` (once per file and message).
        case translationLacks(file: SourceLocation, message: String, reader: String, link: String)
        case missing(at: SourceLocation, message: String)
    }

    /// - Parameters:
    ///   - partSize: links checked together on one core.
    ///   - narrowsReaders: ask where a translation's page is shown only in the languages that could
    ///     show it (``Readers``); false asks every language, as before (tests compare the two).
    @discardableResult
    static func check(content: SiteContent, bodies: [String: RenderedBody], questionnaires: [CompiledQuestionnaire],
                      links: LinkGraph, log: DiagnosticLog, partSize: Int = 256, narrowsReaders: Bool = true) -> DroppedAnchors {
        let byID = Dictionary(questionnaires.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let edges = links.edges
        let languages = content.config.languages.map(\.code)
        let readers = Readers(config: content.config, narrows: narrowsReaders)
        let parts = stride(from: 0, to: edges.count, by: partSize).map { $0..<min($0 + partSize, edges.count) }
        let targets = AnchorTargets(edges: edges, languages: languages, content: content, bodies: bodies)
        let found = parts.parallelMap { part in
            // A text's links are next to each other in the graph: where it is shown is found once for them.
            var shown: (origin: LinkGraph.Origin, languages: [String])?
            return part.flatMap { index -> [Finding] in
                let edge = edges[index]
                guard edge.target.kind == .page, let fragment = edge.target.fragment, !fragment.isEmpty else { return [] }
                if shown?.origin != edge.from {
                    shown = (edge.from, shownIn(edge.from, languages: languages, readers: readers, content: content,
                                                questionnaires: byID))
                }
                return findings(edge, fragment: fragment, shownIn: shown!.languages, targets: targets, content: content,
                                bodies: bodies)
            }
        }
        var dropped: DroppedAnchors = [:]
        var warned = Set<String>()
        for finding in found.joined() {
            switch finding {
            case let .translationLacks(file, message, reader, link):
                if warned.insert("\(file.path)|\(message)").inserted {
                    log.warning(at: file, message)
                }
                dropped[reader, default: []].insert(link)
            case let .missing(location, message):
                log.error(at: location, message)
            }
        }
        return dropped
    }

    /// The languages whose readers could see a page written in a language: readers are served
    /// their own language, one of its `fallback` languages or the source (``SiteContent/page(_:in:)``),
    /// so a translation can only be shown to its own readers and to those of languages falling
    /// back to it. Asking only those (most translations: one language, not all ten) was most of
    /// finding where each text with a checked link is shown (issue 10).
    struct Readers {
        /// Language → the languages (in site order) that could be shown its pages; nil: all.
        private var byLanguage: [String: [String]]?
        private let all: [String]

        init(config: SiteConfig, narrows: Bool = true) {
            all = config.languages.map(\.code)
            guard narrows else { return }
            var candidates: [String: [String]] = [:]
            for language in config.languages where language.code != config.sourceLanguage {
                candidates[language.code] = config.languages.map(\.code).filter {
                    $0 == language.code || (config.language($0)?.fallback ?? []).contains(language.code)
                }
            }
            byLanguage = candidates
        }

        /// The languages that could be shown a page written in `language`.
        func candidates(for language: String) -> [String] {
            byLanguage?[language] ?? all
        }
    }

    /// The languages whose readers see the text the link is written in.
    private static func shownIn(_ origin: LinkGraph.Origin, languages all: [String], readers: Readers, content: SiteContent,
                                questionnaires: [String: CompiledQuestionnaire]) -> [String] {
        let source = content.config.sourceLanguage
        switch origin {
        case let .page(path, language):
            return readers.candidates(for: language).filter { content.servedLanguage(path, in: $0)?.language == language }
        case let .questionnaire(id, language):
            return language == source
                ? all.filter { $0 == source || (questionnaires[id]?.localized[$0]?.texts.isFallback ?? true) }
                : [language]
        }
    }

    /// Where each page that a link with an `#anchor` leads to is shown in each language, and the
    /// heading ids it has there: found once for each such page and language, on all cores, not
    /// for each link in each language it is shown in (at 10,000 pages, 70,000 lookups of the
    /// served language and the body for 1,011 pages; issue 10).
    struct AnchorTargets {
        /// For a page, in the order of `languages`: the language its readers are served and the ids
        /// of that version's headings; nil where it is not served or has no rendered body.
        private let served: [String: [(language: String, ids: Set<String>)?]]
        private let languages: [String]

        init(edges: [LinkGraph.Edge], languages: [String], content: SiteContent, bodies: [String: RenderedBody]) {
            var paths = Set<String>()
            for edge in edges where edge.target.kind == .page && !(edge.target.fragment ?? "").isEmpty {
                paths.insert(edge.target.path)
            }
            let list = Array(paths)
            let rows = list.parallelMap { path in
                languages.map { reader -> (language: String, ids: Set<String>)? in
                    guard let (language, _) = content.servedLanguage(path, in: reader),
                          let body = bodies[RenderContext.bodyKey(language: language, path: path)] else { return nil }
                    return (language, body.headingIDs)
                }
            }
            served = Dictionary(uniqueKeysWithValues: zip(list, rows))
            self.languages = languages
        }

        /// The served version of the page at `path` for the readers of `reader`.
        func served(_ path: String, reader: String) -> (language: String, ids: Set<String>)? {
            guard let row = served[path], let index = languages.firstIndex(of: reader) else { return nil }
            return row[index]
        }
    }

    /// The problems of one link's anchor, in the order of the languages it is shown in.
    private static func findings(_ edge: LinkGraph.Edge, fragment: String, shownIn: [String], targets: AnchorTargets,
                                 content: SiteContent, bodies: [String: RenderedBody]) -> [Finding] {
        let source = content.config.sourceLanguage
        let path = edge.target.path
        var found: [Finding] = []
        for reader in shownIn {
            guard let (language, ids) = targets.served(path, reader: reader) else { continue }
            if ids.contains(fragment) { continue }
            guard let target = content.page(path, in: reader)?.page else { continue }
            if language != source, let original = content.sourcePages[path],
               let originalBody = bodies[RenderContext.bodyKey(original)], originalBody.headingIDs.contains(fragment) {
                let sourceIDs = originalBody.headingIDs.filter { HeadingID.isValidExplicit($0) }.sorted()
                let message = "this translation has no heading with id '\(fragment)', which \(edge.location) links to; give that heading '{#\(fragment)}' (its source \(original.file.path) has the ids: \(sourceIDs.joined(separator: ", "))). Until then the link leads to the top of the page"
                found.append(.translationLacks(file: target.file, message: message, reader: reader, link: "\(path)#\(fragment)"))
            } else {
                found.append(.missing(at: edge.location,
                                      message: "link to '#\(fragment)' on page '\(path.isEmpty ? "index" : path)', but \(target.file.path) has no heading with that id (give the heading '{#\(fragment)}' in every language)"))
            }
        }
        return found
    }
}
