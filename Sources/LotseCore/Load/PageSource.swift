/// One advice page as written: a Markdown file with front matter.
public struct PageSource: Sendable {
    public struct Source: Sendable, Hashable {
        public var title: String
        public var url: String
        /// The ids of the page's sections this source backs (`sections: [bamf]`); empty: the
        /// whole page. A leaflet that prints only some sections cites only their sources.
        public var sections: [String] = []
        public var sectionsLocation: SourceLocation? = nil
    }

    /// What a page holds.
    private struct Fields: Sendable {
        var language: String
        var path: String
        var relativePath: String
        var file: SourceLocation
        var title: String
        var summary: String?
        var order: Int?
        var reviewed: Day?
        var reviewedLocation: SourceLocation?
        var sources: [Source]
        var draft: Bool
        var critical = false
        var body: String
        var bodyLineOffset: Int
        var deferredBody: DeferredBody? = nil
    }

    /// The page's fields, held in one object: a page is copied wherever it is read out of the
    /// site's dictionaries (``SiteContent/page(_:in:)``, the link checks, the sitemap), and a
    /// copy of a dozen texts, a list and two locations was a dozen reference counts changed,
    /// on both cores at once (issue 10); now it is one. Still a value: a page's fields are
    /// copied before they are changed while another copy of the page holds them (``ownBox``).
    /// (Unchecked: a box is changed only while one page alone holds it.)
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    private init(_ fields: Fields) {
        box = Box(fields)
    }

    /// The fields, made this page's own before they are changed.
    private var ownBox: Box {
        mutating get {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            return box
        }
    }

    public var language: String {
        get { box.fields.language }
        set { ownBox.fields.language = newValue }
    }
    /// Path below the language folder without `.md`; `""` is the home page,
    /// `work` is `work/index.md`.
    public var path: String {
        get { box.fields.path }
        set { ownBox.fields.path = newValue }
    }
    /// The file below its language folder (`work/permit.md`), for relative links.
    public var relativePath: String {
        get { box.fields.relativePath }
        set { ownBox.fields.relativePath = newValue }
    }
    public var file: SourceLocation {
        get { box.fields.file }
        set { ownBox.fields.file = newValue }
    }
    public var title: String {
        get { box.fields.title }
        set { ownBox.fields.title = newValue }
    }
    public var summary: String? {
        get { box.fields.summary }
        set { ownBox.fields.summary = newValue }
    }
    public var order: Int? {
        get { box.fields.order }
        set { ownBox.fields.order = newValue }
    }
    public var reviewed: Day? {
        get { box.fields.reviewed }
        set { ownBox.fields.reviewed = newValue }
    }
    public var reviewedLocation: SourceLocation? {
        get { box.fields.reviewedLocation }
        set { ownBox.fields.reviewedLocation = newValue }
    }
    public var sources: [Source] {
        get { box.fields.sources }
        _modify {
            let own = ownBox
            yield &own.fields.sources
        }
    }
    public var draft: Bool {
        get { box.fields.draft }
        set { ownBox.fields.draft = newValue }
    }
    /// `critical: true` on a source page: while a translation is outdated,
    /// readers get the source (deadlines, fees, legal status).
    public var critical: Bool {
        get { box.fields.critical }
        set { ownBox.fields.critical = newValue }
    }
    public var body: String {
        get { box.fields.body }
        set { ownBox.fields.body = newValue }
    }
    /// Lines before the body in the file, to map Markdown positions to the file.
    public var bodyLineOffset: Int {
        get { box.fields.bodyLineOffset }
        set { ownBox.fields.bodyLineOffset = newValue }
    }
    /// Set when `body` was let go after loading, to be read again when it is
    /// rendered (a one-shot build, see ``DeferredBody``).
    var deferredBody: DeferredBody? {
        get { box.fields.deferredBody }
        set { ownBox.fields.deferredBody = newValue }
    }

    static let knownKeys = ["title", "summary", "order", "reviewed", "sources", "draft", "critical"]

    /// Parses a page file's text; problems go to `log`, and nil is returned
    /// when the page cannot be used at all.
    /// - Parameters:
    ///   - simple: read plain front matter without Yams (``SimpleFrontMatter``); tests compare both.
    ///   - keepsBody: false leaves `body` empty (a build reads a translation's Markdown again, ``DeferredBody``).
    static func parse(text: String, language: String, path: String, relativePath: String, displayPath: String, log: DiagnosticLog,
                      simple: Bool = true, keepsBody: Bool = true) -> PageSource? {
        let file = SourceLocation(path: displayPath)
        let split: FrontMatterSplit
        do {
            split = try FrontMatterSplit(text, path: displayPath)
        } catch {
            log.add(contentsOf: error)
            return nil
        }
        guard let yaml = split.yaml else {
            log.error(at: file, "page has no front matter: start the file with a '---' line, a 'title:' line and another '---' line")
            return nil
        }
        let body = keepsBody ? split.body : ""
        if simple, let front = SimpleFrontMatter(yaml), let title = front.title {
            return PageSource(Fields(language: language, path: path, relativePath: relativePath, file: file, title: title,
                              summary: front.summary, order: front.order, reviewed: front.reviewed,
                              reviewedLocation: front.reviewedPosition.map {
                                  SourceLocation(path: displayPath, line: $0.line + split.yamlLineOffset, column: $0.column)
                              },
                              sources: front.sources, draft: front.draft ?? false,
                              critical: front.critical ?? false, body: body, bodyLineOffset: split.bodyLineOffset))
        }
        let doc: YAMLDocument
        do {
            doc = try YAMLDocument(text: yaml, path: displayPath, lineOffset: split.yamlLineOffset)
        } catch {
            log.add(contentsOf: error)
            return nil
        }
        var page = PageSource(Fields(language: language, path: path, relativePath: relativePath, file: file, title: "", summary: nil, order: nil,
                              reviewed: nil, reviewedLocation: nil, sources: [], draft: false,
                              body: body, bodyLineOffset: split.bodyLineOffset))
        var hasTitle = false
        for (key, keyNode, value) in doc.entries(doc.root, log: log, what: "front matter") {
            switch key {
            case "title":
                hasTitle = true
                if value.null != nil {
                    // `title:`, `title: ~`, `title: null`: YAML's "no value", not the text "~".
                    log.error(at: doc.location(of: value), "title is required: write the page's title after 'title:'")
                } else if let title = doc.string(value, log: log, what: "title")?.trimmingWhitespace, !title.isEmpty {
                    page.title = title
                } else {
                    log.error(at: doc.location(of: value), "title is empty")
                }
            case "summary":
                page.summary = value.null != nil ? nil : doc.string(value, log: log, what: "summary")?.trimmingWhitespace
            case "order":
                page.order = doc.int(value, log: log, what: "order")
            case "reviewed":
                if let raw = doc.string(value, log: log, what: "reviewed") {
                    if let day = Day(raw) {
                        page.reviewed = day
                        page.reviewedLocation = doc.location(of: value)
                    } else {
                        log.error(at: doc.location(of: value), "reviewed must be a date written YYYY-MM-DD, not '\(raw)'")
                    }
                }
            case "sources":
                for item in doc.sequence(value, log: log, what: "sources") {
                    var title: String?
                    var url: String?
                    var urlLocation = doc.location(of: item)
                    var sections: [String] = []
                    var sectionsLocation: SourceLocation?
                    for (k, kNode, v) in doc.entries(item, log: log, what: "a source") {
                        switch k {
                        case "title": title = v.null != nil ? nil : doc.string(v, log: log, what: "a source's title")
                        case "url":
                            url = v.null != nil ? nil : doc.string(v, log: log, what: "a source's url")
                            urlLocation = doc.location(of: v)
                        case "sections":
                            sectionsLocation = doc.location(of: v)
                            sections = doc.sequence(v, log: log, what: "a source's sections")
                                .compactMap { doc.string($0, log: log, what: "a section id")?.trimmingWhitespace }
                                .map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }
                                .filter { !$0.isEmpty }
                        default: doc.warnUnknownKey(k, at: kNode, in: "a source", known: ["title", "url", "sections"], log: log)
                        }
                    }
                    if let url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                        log.error(at: urlLocation, "a source's url must start with https:// or http://")
                    } else if let url {
                        page.sources.append(Source(title: title?.trimmingWhitespace.isEmpty == false ? title! : url, url: url,
                                                   sections: sections, sectionsLocation: sectionsLocation))
                    } else {
                        // A source without its address would be a link to nowhere (`<a href="">`).
                        log.error(at: doc.location(of: item), "a source needs a url (https://…) so readers can check it\(title.map { " ('\($0)' has none)" } ?? "")")
                    }
                }
            case "draft":
                page.draft = doc.bool(value, log: log, what: "draft") ?? false
            case "critical":
                page.critical = doc.bool(value, log: log, what: "critical") ?? false
            default:
                doc.warnUnknownKey(key, at: keyNode, what: "front matter key", in: nil, known: knownKeys, log: log)
            }
        }
        if !hasTitle {
            log.error(at: doc.start, "front matter has no title")
            return nil
        }
        return page
    }
}
