/// Where each page of the built site lives: its file in the output folder
/// and its URL. All URLs of a page are root-relative below `base_url`'s path;
/// canonical, hreflang and sitemap URLs are absolute.
struct SiteURLs: Sendable {
    var basePath: String
    var absoluteBase: String

    init(config: SiteConfig) {
        basePath = config.basePath
        absoluteBase = config.absoluteBase
    }

    /// `/de/work/permit/` for a page (or questionnaire) path in a language.
    func page(_ path: String, language: String) -> String {
        basePath + relative(path, language: language)
    }

    func absolute(_ path: String, language: String) -> String {
        absoluteBase + relative(path, language: language)
    }

    func relative(_ path: String, language: String) -> String {
        path.isEmpty ? "\(language)/" : "\(language)/\(path)/"
    }

    /// The output file of a page: `de/work/permit/index.html`.
    func file(_ path: String, language: String) -> String {
        relative(path, language: language) + "index.html"
    }

    var root: String { basePath }
    var css: String { basePath + "style.css" }
    /// The leaflets' print stylesheet, `leaflet.css` beside `style.css`.
    var leafletCSS: String { basePath + "leaflet.css" }
}
