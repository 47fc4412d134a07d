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
        JoinedString.make(basePath, language, "/", path, path.isEmpty ? "" : "/")
    }

    func absolute(_ path: String, language: String) -> String {
        JoinedString.make(absoluteBase, language, "/", path, path.isEmpty ? "" : "/")
    }

    func relative(_ path: String, language: String) -> String {
        JoinedString.make(language, "/", path, path.isEmpty ? "" : "/")
    }

    /// The output file of a page: `de/work/permit/index.html`.
    func file(_ path: String, language: String) -> String {
        JoinedString.make(language, "/", path, path.isEmpty ? "" : "/", "index.html")
    }

    var root: String { basePath }
    var css: String { basePath + "style.css" }
    /// The leaflets' print stylesheet, `leaflet.css` beside `style.css`.
    var leafletCSS: String { basePath + "leaflet.css" }
}
