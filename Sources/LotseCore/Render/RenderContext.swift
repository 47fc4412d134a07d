import Foundation

/// What every page's view model draws on: the site, its strings and URLs.
struct RenderContext: Sendable {
    var content: SiteContent
    var strings: StringCatalog
    var templates: TemplateSet
    var urls: SiteURLs
    /// Rendered Markdown of each page file, by ``bodyKey(_:)``.
    var bodies: [String: RenderedBody]
    var questionnaires: [CompiledQuestionnaire]
    /// Makes the URL of each link in Markdown for the reader's language.
    var resolver: any LinkResolver

    init(site: CompiledSite, templates: TemplateSet, resolver: any LinkResolver) {
        content = site.content
        strings = site.strings
        self.templates = templates
        urls = SiteURLs(config: site.content.config)
        bodies = site.bodies
        questionnaires = site.questionnaires
        self.resolver = resolver
    }

    var config: SiteConfig { content.config }
    var source: String { config.sourceLanguage }

    static func bodyKey(_ page: PageSource) -> String { "\(page.language)/\(page.path)" }

    /// A rendered Markdown text with its links resolved for `reader`.
    func html(_ body: RenderedBody, reader: String) -> String {
        body.html(reader: reader, resolver: resolver)
    }

    func language(_ code: String) -> Language {
        config.language(code) ?? Language(code: code, name: code)
    }

    func strings(_ language: String) -> [String: String] {
        strings.table(for: language)
    }

    /// The parts of the view model every page has.
    func common(language code: String, title: String, pageTitle: String? = nil, description: String? = nil,
                switcher: ((Language) -> String)?, canonical: String?, alternates: [(String, String)],
                noindex: Bool, currentNav: String?) -> [String: Any] {
        let lang = language(code)
        let s = strings(code)
        var model: [String: Any] = [
            "lang": code,
            "dir": lang.direction.rawValue,
            "title": title,
            "page_title": pageTitle ?? (title == s["site_title"] ? title : "\(title) – \(s["site_title"] ?? "")"),
            "s": s,
            "css_href": urls.css,
            "home_href": urls.page("", language: code),
            "noindex": noindex,
            "alternates": alternates.map { ["hreflang": $0.0, "href": $0.1] },
        ]
        if let description, !description.isEmpty { model["description"] = description }
        if let canonical { model["canonical"] = canonical }
        if let switcher, config.languages.count > 1 {
            model["has_languages"] = true
            model["languages"] = config.languages.map { other -> [String: Any] in
                ["code": other.code, "name": other.name, "dir": other.direction.rawValue,
                 "href": switcher(other), "current": other.code == code]
            }
        }
        var nav: [[String: Any]] = [["title": s["home"] ?? "", "href": urls.page("", language: code), "current": currentNav == ""]]
        for questionnaire in questionnaires {
            let texts = questionnaire.texts(for: code)
            nav.append(["title": texts.title, "href": urls.page(questionnaire.id, language: code),
                        "current": currentNav == questionnaire.id])
        }
        model["nav"] = nav
        if let office = config.office {
            var o: [String: Any] = [:]
            /// Sets `key` and, for texts in words, the language they are written in.
            func set(_ key: String, _ field: Office.Text?, marked prefix: String? = nil) -> String? {
                guard let (text, written) = field?.value(for: code, source: source) else { return nil }
                o[key] = text
                if let prefix {
                    o["\(prefix)_lang"] = written
                    o["\(prefix)_dir"] = language(written).direction.rawValue
                }
                return text
            }
            _ = set("name", office.name, marked: "name")
            if let address = set("address", office.address, marked: "address") {
                o["address_lines"] = address.split(separator: "\n").map { ["line": String($0).trimmingWhitespace] }
            }
            if let phone = set("phone", office.phone) {
                o["phone_href"] = "tel:" + phone.filter { $0.isNumber || $0 == "+" }
            }
            if let email = set("email", office.email) {
                o["email_href"] = "mailto:" + email
            }
            _ = set("opening_hours", office.openingHours, marked: "hours")
            model["office"] = o
        }
        if let notice = s["example_notice"], !notice.isEmpty { model["example_notice"] = notice }
        return model
    }

    /// The "not yet translated" notice and the source's `lang`/`dir` for a fallback page.
    func fallback(for reader: String) -> [String: Any] {
        let s = strings(reader)
        let sourceLanguage = language(source)
        let readerName = language(reader).name
        // The source language named in the reader's language ("آلمانی", not "Deutsch").
        let sourceName = Locale(identifier: reader).localizedString(forLanguageCode: source) ?? sourceLanguage.name
        return [
            "notice": (s["not_translated"] ?? "").filling(["language": readerName, "source_language": sourceName]),
            "body_lang": source,
            "body_dir": sourceLanguage.direction.rawValue,
        ]
    }

    /// A link to a page for the lists on home pages and results.
    func pageLink(_ path: String, in reader: String) -> [String: Any]? {
        guard let (page, isFallback) = content.page(path, in: reader) else { return nil }
        var link: [String: Any] = ["title": page.title, "href": urls.page(path, language: reader)]
        if let summary = page.summary { link["summary"] = summary }
        if isFallback {
            link["other_lang"] = source
            link["other_dir"] = language(source).direction.rawValue
        }
        return link
    }

    /// hreflang alternates: the real versions of a page, plus `x-default` for the source.
    func alternates(path: String, translatedIn languages: [String]) -> [(String, String)] {
        var result = config.languages.map(\.code).filter { $0 == source || languages.contains($0) }
            .map { ($0, urls.absolute(path, language: $0)) }
        result.append(("x-default", urls.absolute(path, language: source)))
        return result
    }

    func translatedLanguages(of path: String) -> [String] {
        config.languages.map(\.code).filter { $0 == source || content.translations[$0]?[path] != nil }
    }
}
