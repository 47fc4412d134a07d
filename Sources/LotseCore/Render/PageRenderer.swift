/// View models and HTML for the advice pages, home pages, the language
/// chooser and the 404 page.
extension RenderContext {
    /// An advice page (or a language's home page when `path` is empty) in `reader`'s language.
    /// `served`: the page as ``SiteContent/page(_:in:)`` gives it, when the caller has it;
    /// `memo`: the parts every reader language of the page shares, kept for the next reader.
    func renderPage(_ path: String, reader: String, served: (page: PageSource, isFallback: Bool)?? = nil,
                    memo: PageViewMemo? = nil) -> OutputFile {
        guard let (page, isFallback) = served ?? content.page(path, in: reader),
              let body = bodies[Self.bodyKey(page)] else {
            return OutputFile(path: urls.file(path, language: reader), contents: "")
        }
        let s = strings(reader)
        let isHome = path.isEmpty
        var model = common(
            language: reader,
            title: page.title,
            pageTitle: isHome ? "\(page.title) – \(s["site_title"] ?? "")" : nil,
            description: page.summary,
            // Only the URLs captured: a closure that used `self` would copy the whole context (a few dozen references) for every page.
            switcher: { [urls] in urls.page(path, language: $0.code) },
            switcherHrefs: memo?.switcherHrefs(path) { [urls, config] in config.languages.map { urls.page(path, language: $0.code) } },
            canonical: urls.absolute(path, language: isFallback ? source : reader),
            alternatesView: memo?.alternates(path) { alternatesView(path) } ?? alternatesView(path),
            noindex: false,
            currentNav: isHome ? "" : nil)
        // Unpacked once for the page, its table of contents and its print version.
        let unpacked = memo?.bodies.body(Self.bodyKey(page), path: path, of: body)
        // As bytes: never checked as a String on its way into the page.
        model[value: "body"] = .utf8(unpacked?.htmlBytes(reader: reader, resolver: resolver) ?? body.htmlBytes(reader: reader, resolver: resolver))
        if isFallback {
            let critical = page.language == source && content.translations[reader]?.index(forKey: path) != nil
            model["fallback"] = fallback(for: reader, shownIn: page.language, critical: critical)
        } else if let notice = outdatedNotice(path: path, reader: reader) {
            model["outdated"] = notice
        }
        if let reviewed = page.reviewed {
            model["reviewed"] = dateText("last_reviewed", language: reader, date: reviewed)
        }
        if !page.sources.isEmpty {
            model["has_sources"] = true
            model[value: "sources"] = .list(page.sources.map { ViewModel(sorted: [("title", .text($0.title)), ("url", .text($0.url))]) })
        }
        // A home or section page lists the pages it is the nearest section of.
        let children = (content.children[path] ?? []).compactMap { pageLink($0, in: reader) }
        model["has_pages"] = !children.isEmpty
        model["pages"] = children
        if !isHome { model.merge(leafletLinks(for: path, reader: reader, single: false)) }
        if isHome {
            let qs = questionnaires.map { q -> [String: Any] in
                let texts = q.texts(for: reader)
                var item: [String: Any] = ["title": texts.title, "href": urls.page(q.id, language: reader)]
                if let summary = texts.summary { item["summary"] = summary }
                if texts.isFallback {
                    item["other_lang"] = source
                    item["other_dir"] = language(source).direction.rawValue
                    item["other_lang_tag"] = languageTag(source, reader: reader) ?? false
                }
                return item
            }
            model["has_questionnaires"] = !qs.isEmpty
            model["questionnaires"] = qs
        } else if case let toc = unpacked?.toc ?? body.toc, !toc.isEmpty {
            // Asked once: a packed body unpacks itself to give its table of contents.
            model["has_toc"] = true
            model[value: "toc"] = .list(toc.map { ViewModel(sorted: [("id", .text($0.id)), ("text", .text($0.text))]) })
        }
        return OutputFile(path: urls.file(path, language: reader),
                          utf8: templates.renderBytes(model, template: isHome ? "home" : "page"))
    }

    private func alternatesView(_ path: String) -> [ViewModel] {
        Self.alternatesView(alternates(path: path, translatedIn: translatedLanguages(of: path)))
    }

    /// `/`: every language by its own name, each marked with its `lang` and `dir`.
    func renderRoot() -> OutputFile {
        let s = strings(source)
        var model = common(language: source, title: s["choose_language"] ?? "", pageTitle: s["site_title"],
                           switcher: nil, canonical: urls.absoluteBase, alternates: [], noindex: false, currentNav: nil)
        model["choices"] = choices(text: "site_title")
        model["greetings"] = greetings()
        return OutputFile(path: "index.html", contents: templates.render(model, template: "root"))
    }

    /// `404.html`, served by web servers for unknown paths: in the source
    /// language, with a way home in every language.
    func render404() -> OutputFile {
        let s = strings(source)
        var model = common(language: source, title: s["page_not_found"] ?? "", switcher: nil, canonical: nil,
                           alternates: [], noindex: true, currentNav: nil)
        model["choices"] = choices(text: "back_to_home")
        return OutputFile(path: "404.html", contents: templates.render(model, template: "404"))
    }

    private func choices(text key: String) -> [[String: Any]] {
        config.languages.map { language in
            let text = strings(language.code)[key] ?? ""
            return ["code": language.code, "name": language.name, "dir": language.direction.rawValue,
                    "href": urls.page("", language: language.code), "choose": text, "back": text]
        }
    }
}
