import Foundation

/// What an incremental rebuild (`lotse serve`) needs: for a changed source
/// file, the outputs that may show something of it.
///
/// How to use it after a file changed:
/// 1. `let before = old.outputs(dependingOn: file)`;
/// 2. compile again (`SiteCompiler.compile`; all files are read again, the
///    expensive part, rendering, is what this saves);
/// 3. if the new site has errors, keep serving the old one and show them;
/// 4. else `SiteRenderer.render(new, outputs: before.union(new.outputs(dependingOn: file)), into: sink)`.
///
/// Asking both the old and the new site matters: a link removed by the edit is
/// only in the old link graph, a link added only in the new one.
///
/// The answer, by file:
/// - a page (`content/<lang>/<path>.md`): that page in every language (its
///   fallbacks, and the hreflang alternates of its translations); the pages
///   and questionnaires whose texts link to it (their anchors are checked
///   against it, in every language they are shown in); the section or home
///   page that lists it and the questionnaire results that list it (they
///   show its title and summary); the sitemap (review dates, translations).
/// - a questionnaire's logic (`content/questionnaires/<id>.yaml`): the
///   questionnaire in every language, what links to it, the sitemap.
/// - a questionnaire's texts (`content/<lang>/questionnaires/<id>.yaml`): every
///   page of that language (the navigation shows the questionnaire's title),
///   and of every language showing these texts as a fallback; the sitemap.
/// - a language's `strings.yaml`: every page of that language (and of the
///   languages falling back to it), the language chooser and the 404 page.
/// - anything else (`site.yaml`, templates, a file that is new or gone from
///   the model, a draft): every output.
extension CompiledSite {
    public func outputs(dependingOn changedFile: String) -> Set<SiteOutput> {
        var everything: Set<SiteOutput> { Set(allOutputs) }
        let file = BuildOptions.url(changedFile).path
        let contentRoot = BuildOptions.url(options.content).path + "/"
        guard file.hasPrefix(contentRoot) else { return everything }
        let parts = file.dropFirst(contentRoot.count).split(separator: "/").map(String.init)
        let codes = languages.map(\.code)
        let source = sourceLanguage

        // content/questionnaires/<id>.yaml
        if parts.count == 2, parts[0] == "questionnaires", parts[1].hasSuffix(".yaml") {
            let id = String(parts[1].dropLast(5))
            guard questionnaire(id) != nil else { return everything }
            var result: Set<SiteOutput> = [.sitemap]
            for code in codes { result.insert(.questionnaire(id: id, language: code)) }
            result.formUnion(linking(to: id, kind: .questionnaire))
            return result
        }
        guard parts.count >= 2, codes.contains(parts[0]) else { return everything }
        let language = parts[0]
        let inner = parts.dropFirst().joined(separator: "/")
        // The languages that show this language's texts: itself, and when it
        // is the source, every language that falls back to it.
        func shownIn(translated: (String) -> Bool) -> [String] {
            language == source ? codes.filter { $0 == source || !translated($0) } : [language]
        }
        func everyPage(in readers: [String]) -> Set<SiteOutput> {
            var result: Set<SiteOutput> = []
            for reader in readers {
                for path in pagePaths { result.insert(.page(path: path, language: reader)) }
                for id in questionnaireIDs { result.insert(.questionnaire(id: id, language: reader)) }
            }
            return result
        }

        if inner == "strings.yaml" {
            var result = everyPage(in: language == source ? codes : [language])
            result.formUnion([.root, .notFound])
            return result
        }
        // content/<lang>/questionnaires/<id>.yaml
        if parts.count == 3, parts[1] == "questionnaires", parts[2].hasSuffix(".yaml") {
            let id = String(parts[2].dropLast(5))
            guard let q = questionnaire(id) else { return everything }
            let readers = shownIn { q.localized[$0].map { !$0.texts.isFallback } ?? false }
            var result = everyPage(in: readers)
            result.insert(.sitemap)
            if readers.contains(source) { result.insert(.notFound) }
            return result
        }
        guard inner.hasSuffix(".md") else { return everything }
        var segments = inner.dropLast(3).split(separator: "/").map(String.init)
        if segments.last == "index" { segments.removeLast() }
        let path = segments.joined(separator: "/")
        let known = language == source ? content.sourcePages[path]?.file.path : content.translations[language]?[path]?.file.path
        guard let known, BuildOptions.url(known).path == file else { return everything }

        var result: Set<SiteOutput> = [.sitemap]
        for code in codes { result.insert(.page(path: path, language: code)) }
        // The readers shown this file (also through a language's `fallback` languages).
        let readers = codes.filter { content.page(path, in: $0)?.page.language == language }
        if !path.isEmpty {
            for reader in readers { result.insert(.page(path: content.section(of: path), language: reader)) }
        }
        // Results list the page; their leaflets print it (or a section of it).
        for q in questionnaires where q.logic.outcomes.contains(where: { $0.pages.contains { QuestionnaireLogic.Outcome.sitePath($0) == path } }) {
            for reader in readers { result.insert(.questionnaire(id: q.id, language: reader)) }
        }
        result.formUnion(linking(to: path, kind: .page))
        return result
    }

    /// The outputs showing a text that links to `path`, in every language the text is shown in.
    private func linking(to path: String, kind: LinkTarget.Kind) -> Set<SiteOutput> {
        var result: Set<SiteOutput> = []
        let codes = languages.map(\.code)
        for edge in links.links(to: path, kind: kind) {
            switch edge.from {
            case let .page(from, language):
                let readers = language == sourceLanguage ? codes.filter { $0 == language || content.translations[$0]?[from] == nil } : [language]
                for reader in readers { result.insert(.page(path: from, language: reader)) }
            case let .questionnaire(id, language):
                let readers = language == sourceLanguage
                    ? codes.filter { $0 == language || (questionnaire(id)?.localized[$0]?.texts.isFallback ?? true) }
                    : [language]
                for reader in readers { result.insert(.questionnaire(id: id, language: reader)) }
            }
        }
        return result
    }
}
