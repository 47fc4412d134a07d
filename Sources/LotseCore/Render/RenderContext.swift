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
    /// Where each translation stands (issue 9), for notices and the status page.
    var tracking: [LanguageTracking] = []
    /// Links whose anchor a translation lacks lead to the page's top (see ``LinkValidator``).
    var droppedAnchors: LinkValidator.DroppedAnchors = [:] {
        didSet { resolver = DroppingAnchorsResolver.wrap(resolver, dropping: droppedAnchors) }
    }
    /// The build date: the date printed on leaflets.
    var today: Day
    /// Makes the URL of each link in Markdown for the reader's language.
    var resolver: any LinkResolver
    /// Interface texts every page of a language repeats, filled in once (shared by copies of the context).
    let repeatedTexts = RepeatedTexts()
    /// QR codes of earlier builds, and where this render's go (none: each made anew).
    var qrCodes: QRCodeCache?

    init(site: CompiledSite, templates: TemplateSet, resolver: any LinkResolver, qrCodes: QRCodeCache? = nil) {
        self.qrCodes = qrCodes
        content = site.content
        strings = site.strings
        self.templates = templates
        urls = SiteURLs(config: site.content.config)
        bodies = site.bodies
        questionnaires = site.questionnaires
        today = site.options.today
        tracking = site.tracking
        self.resolver = DroppingAnchorsResolver.wrap(resolver, dropping: site.droppedAnchors)
        droppedAnchors = site.droppedAnchors
    }

    /// A rendered text's HTML for readers of `reader` (nothing for no text),
    /// with links to anchors their language's page lacks pointing at the page instead.
    func html(_ body: RenderedBody?, for reader: String) -> String {
        guard let body else { return "" }
        return html(body, reader: reader)
    }

    var config: SiteConfig { content.config }
    var source: String { config.sourceLanguage }

    static func bodyKey(_ page: PageSource) -> String { bodyKey(language: page.language, path: page.path) }
    static func bodyKey(language: String, path: String) -> String { JoinedString.make(language, "/", path) }

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
                noindex: Bool, currentNav: String?) -> ViewModel {
        common(language: code, title: title, pageTitle: pageTitle, description: description, switcher: switcher,
               canonical: canonical, alternatesView: Self.alternatesView(alternates), noindex: noindex, currentNav: currentNav)
    }

    /// hreflang alternates as the templates read them.
    static func alternatesView(_ alternates: [(String, String)]) -> [ViewModel] {
        alternates.map { ViewModel(sorted: [("href", .text($0.1)), ("hreflang", .text($0.0))]) }
    }

    /// ``common(language:title:pageTitle:description:switcher:canonical:alternates:noindex:currentNav:)``
    /// with the alternates' view made by the caller. `switcherHrefs`: the switcher's addresses in the
    /// order of the site's languages, when the caller has them (the same for every reader of a page).
    func common(language code: String, title: String, pageTitle: String? = nil, description: String? = nil,
                switcher: ((Language) -> String)?, switcherHrefs: [String]? = nil, canonical: String?, alternatesView: [ViewModel],
                noindex: Bool, currentNav: String?) -> ViewModel {
        let lang = language(code)
        let s = strings(code)
        // In the order of their keys (``ViewModel``).
        var model = ViewModel(sorted: [
            ("alternates", .list(alternatesView)),
            ("css_href", .text(urls.css)),
            ("dir", .text(lang.direction.rawValue)),
            ("home_href", .text(urls.page("", language: code))),
            ("lang", .text(code)),
            ("noindex", .flag(noindex)),
            ("page_title", .text(pageTitle ?? (title == s["site_title"] ? title : "\(title) – \(s["site_title"] ?? "")"))),
            ("s", .strings(s)),
            ("title", .text(title)),
        ])
        if let description, !description.isEmpty { model["description"] = description }
        if let canonical { model["canonical"] = canonical }
        if let switcher, config.languages.count > 1 {
            model["has_languages"] = true
            let hrefs = switcherHrefs.flatMap { $0.count == config.languages.count ? $0 : nil }
            // Each language's fields read where they are kept: a copy of the language was a retain
            // and a release of its names and tags, ten languages on every page (issue 10).
            let languages = config.languages
            model[value: "languages"] = .list(languages.indices.map { index in
                ViewModel(sorted: [("code", .text(languages[index].code)), ("current", .flag(languages[index].code == code)),
                                   ("dir", .text(languages[index].direction.rawValue)),
                                   ("href", .text(hrefs?[index] ?? switcher(languages[index]))),
                                   ("name", .text(languages[index].name))])
            })
        }
        // The same for every page of a language with the same current entry ("\u{1}": none).
        model[value: "nav"] = .list(repeatedTexts.view("nav\u{0}\(code)\u{0}\(currentNav ?? "\u{1}")") {
            navigation(language: code, current: currentNav)
        })
        if let office = config.office {
            model[value: "office"] = .object(repeatedTexts.view("office\u{0}\(code)") { ViewModel(officeView(office, language: code)) })
        }
        if let notice = s["example_notice"], !notice.isEmpty { model["example_notice"] = notice }
        return model
    }

    /// The site's navigation in a language, `current` marked (home is "", nil for none).
    func navigation(language code: String, current currentNav: String?) -> [ViewModel] {
        let s = strings(code)
        func entry(_ title: String, _ href: String, current: Bool) -> ViewModel {
            ViewModel(sorted: [("current", .flag(current)), ("href", .text(href)), ("title", .text(title))])
        }
        var nav = [entry(s["home"] ?? "", urls.page("", language: code), current: currentNav == "")]
        for questionnaire in questionnaires {
            nav.append(entry(questionnaire.texts(for: code).title, urls.page(questionnaire.id, language: code),
                             current: currentNav == questionnaire.id))
        }
        if !content.glossary.isEmpty {
            nav.append(entry(s["glossary_title"] ?? "", urls.page(Glossary.path, language: code), current: currentNav == Glossary.path))
        }
        return nav
    }

    /// The office's contact as the page templates show it in a language.
    func officeView(_ office: Office, language code: String) -> [String: Any] {
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
        return o
    }

    /// The "not yet translated" notice and the shown text's `lang`/`dir` for
    /// a page shown in another language: the source, or the first of the
    /// reader's `fallback` languages that has it. When `critical` the reader's
    /// own translation exists but is outdated, and the source is shown instead.
    func fallback(for reader: String, shownIn shown: String? = nil, critical: Bool = false) -> [String: Any] {
        let s = strings(reader)
        let shownCode = shown ?? source
        let shownLanguage = language(shownCode)
        let readerName = language(reader).name
        // The shown language named in the reader's language ("آلمانی", not "Deutsch").
        let shownName = languageName(shownCode, in: reader)
        let key = critical ? "critical_outdated" : "not_translated"
        return [
            "notice": (s[key] ?? "").filling(["language": readerName, "source_language": shownName]),
            "body_lang": shownCode,
            "body_dir": shownLanguage.direction.rawValue,
        ]
    }

    /// A language's name in the reader's language (asked of ICU once per render for each pair).
    func languageName(_ code: String, in reader: String) -> String {
        repeatedTexts.text("language-name\u{0}\(code)\u{0}\(reader)") {
            Locale(identifier: reader).localizedString(forLanguageCode: code) ?? language(code).name
        }
    }

    /// The notice on a translation whose source changed since it was made,
    /// with a link to the original.
    func outdatedNotice(path: String, reader: String) -> [String: Any]? {
        guard reader != source, content.isOutdated(path, in: reader), let original = content.sourcePages[path] else { return nil }
        let s = strings(reader)
        let name = languageName(source, in: reader)
        let notice: String
        // The date of the source's review, when it is later than the translation's; else no date.
        let translated = content.translations[reader]?[path]?.reviewed
        if let day = original.reviewed, translated.map({ $0 < day }) ?? true {
            notice = (s["translation_outdated"] ?? "").filling(["source_language": name, "date": LocalizedDate.format(day, language: reader)])
        } else {
            notice = (s["translation_outdated_undated"] ?? "").filling(["source_language": name])
        }
        return ["notice": notice, "original_href": urls.page(path, language: source), "original_lang": source,
                "original_link": s["read_original"] ?? ""]
    }

    /// A link to a page for the lists on home pages and results.
    func pageLink(_ path: String, in reader: String) -> [String: Any]? {
        guard let (page, isFallback) = content.page(path, in: reader) else { return nil }
        var link: [String: Any] = ["title": page.title, "href": urls.page(path, language: reader)]
        if let summary = page.summary { link["summary"] = summary }
        if isFallback {
            link["other_lang"] = page.language
            link["other_dir"] = language(page.language).direction.rawValue
            link["other_lang_tag"] = languageTag(page.language, reader: reader) ?? false
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
        // Asked by index: a lookup by key copies the page (a dozen references retained and released).
        config.languages.map(\.code).filter { $0 == source || content.translations[$0]?.index(forKey: path) != nil }
    }
}
