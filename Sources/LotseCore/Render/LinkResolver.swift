/// Where a link in content leads: a page (with an optional `#anchor`) or a
/// questionnaire of the site, by its path (`work/permit`, `""` for the home
/// page, the questionnaire's id). The language is not part of the target:
/// the same text links to the page in whichever language it is read.
public struct LinkTarget: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case page
        case questionnaire
    }

    public var kind: Kind
    public var path: String
    public var fragment: String?

    public init(kind: Kind, path: String, fragment: String? = nil) {
        self.kind = kind
        self.path = path
        self.fragment = fragment
    }
}

/// Turns a link in content into the URL written into a page, at render time.
///
/// Rendering asks the resolver for every link of every Markdown text in the
/// reader's language, so the same compiled site can be rendered with
/// root-relative URLs (the website) or absolute ones (printed leaflets).
/// The result is escaped for the `href` attribute by the renderer.
public protocol LinkResolver: Sendable {
    func href(for target: LinkTarget, reader: String) -> String
}

/// The site's own URLs: `/<lang>/<path>/#fragment` below `base_url`'s path,
/// or, with `absolute`, below the whole `base_url` (`https://…/de/work/`).
public struct SiteLinkResolver: LinkResolver {
    /// What goes before `<lang>/`: `/` or `/advice/`, or `https://advice.example/`.
    public var prefix: String

    public init(prefix: String) {
        self.prefix = prefix
    }

    /// Root-relative URLs, as the built site uses them.
    public static func relative(for site: CompiledSite) -> SiteLinkResolver {
        SiteLinkResolver(prefix: site.content.config.basePath)
    }

    /// Absolute URLs (for printing: a leaflet's addresses must work on paper).
    public static func absolute(for site: CompiledSite) -> SiteLinkResolver {
        SiteLinkResolver(prefix: site.content.config.absoluteBase)
    }

    public func href(for target: LinkTarget, reader: String) -> String {
        // One String of the size needed, each part's bytes copied once (every link of every page
        // and print version is resolved; appending part by part cost 2,700 instructions a link; issue 10).
        let fragment = target.fragment ?? ""
        return JoinedString.make(prefix, reader, "/", target.path, target.path.isEmpty ? "" : "/",
                                 fragment.isEmpty ? "" : "#", fragment)
    }
}

/// Leads links to an anchor that the reader's version of a page lacks (a
/// translator's mistake, a warning at compile time) to the top of the page.
struct DroppingAnchorsResolver: LinkResolver {
    var base: any LinkResolver
    /// Reader language → `path#fragment` to lead to the page's top.
    var dropped: [String: Set<String>]

    static func wrap(_ resolver: any LinkResolver, dropping dropped: [String: Set<String>]) -> any LinkResolver {
        let base = (resolver as? DroppingAnchorsResolver)?.base ?? resolver
        return dropped.isEmpty ? base : DroppingAnchorsResolver(base: base, dropped: dropped)
    }

    func href(for target: LinkTarget, reader: String) -> String {
        if target.kind == .page, let fragment = target.fragment, dropped[reader]?.contains("\(target.path)#\(fragment)") == true {
            return base.href(for: LinkTarget(kind: .page, path: target.path), reader: reader)
        }
        return base.href(for: target, reader: reader)
    }
}
