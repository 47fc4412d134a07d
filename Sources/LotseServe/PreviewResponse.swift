import Foundation

/// How `lotse serve` answers one request for a file of the site, worked out
/// from a ``PreviewSite/Snapshot`` alone (no sockets), so it can be tested
/// directly and served by any HTTP server.
///
/// Like the static web server the built site will be put on: `index.html` for
/// a folder, a redirect to `…/` for a folder asked without its slash, the
/// site's `404.html` with status 404 for anything else. Paths with `..` are
/// refused. HTML responses get the reload script; while the site has errors,
/// HTML requests get the error page (``ErrorPage``).
public struct PreviewResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    init(status: Int, contentType: String, body: Data, headers: [String: String] = [:]) {
        self.status = status
        self.headers = headers.merging(["Content-Type": contentType, "Cache-Control": "no-store"]) { a, _ in a }
        self.body = body
    }

    static func text(_ status: Int, _ text: String) -> PreviewResponse {
        PreviewResponse(status: status, contentType: "text/plain; charset=utf-8", body: Data((text + "\n").utf8))
    }

    /// The answer to a GET (or HEAD) of `rawPath` (still percent-encoded) with query `query`.
    public static func respond(to rawPath: String, query: String = "", site: PreviewSite.Snapshot) -> PreviewResponse {
        guard let decoded = rawPath.removingPercentEncoding, decoded.hasPrefix("/"),
              !decoded.contains("\0"), !decoded.contains("\\") else {
            return .text(400, "Bad request: not a path")
        }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { $0 == ".." || $0 == "." }) {
            return .text(400, "Bad request: paths with '..' are refused")
        }
        let base = site.basePath.hasSuffix("/") ? site.basePath : site.basePath + "/"
        if decoded + "/" == base || (decoded == "/" && base != "/") {
            return PreviewResponse(status: 302, contentType: "text/plain; charset=utf-8", body: Data(),
                                   headers: ["Location": base])
        }
        guard decoded.hasPrefix(base) else { return notFound(site: site, requestPath: decoded) }
        var relative = String(decoded.dropFirst(base.count))
        if relative.isEmpty || relative.hasSuffix("/") { relative += "index.html" }

        if !site.hasGoodSite, site.errors.isEmpty, !site.files.keys.contains(relative) {
            return compiling(site: site)
        }
        let showLastGood = query.split(separator: "&").contains { $0 == ErrorPage.lastGoodQuery || $0.hasPrefix(ErrorPage.lastGoodQuery + "=") }
        if let data = site.files[relative] {
            if ContentTypes.isHTML(relative), !site.errors.isEmpty, !showLastGood {
                return errorPage(site: site, requestPath: decoded)
            }
            return file(relative, data, status: 200, site: site)
        }
        if site.files[relative + "/index.html"] != nil {
            return PreviewResponse(status: 301, contentType: "text/plain; charset=utf-8", body: Data(),
                                   headers: ["Location": percentEncode(decoded) + "/"])
        }
        if !site.errors.isEmpty, !showLastGood, !site.hasGoodSite || looksLikePage(relative) {
            // A page the broken site may be about to have: show why it is not there.
            return errorPage(site: site, requestPath: decoded)
        }
        return notFound(site: site, requestPath: decoded)
    }

    static func file(_ path: String, _ data: Data, status: Int, site: PreviewSite.Snapshot) -> PreviewResponse {
        let type = ContentTypes.forPath(path)
        let body = type.hasPrefix("text/html") ? ReloadScript.inject(into: data, generation: site.generation) : data
        return PreviewResponse(status: status, contentType: type, body: body)
    }

    static func notFound(site: PreviewSite.Snapshot, requestPath: String) -> PreviewResponse {
        if let page = site.files["404.html"] {
            return file("404.html", page, status: 404, site: site)
        }
        return .text(404, "Not found: \(requestPath)")
    }

    static func errorPage(site: PreviewSite.Snapshot, requestPath: String) -> PreviewResponse {
        let html = ErrorPage.html(errors: site.errors, warnings: site.warningCount, requestPath: requestPath,
                                  hasLastGood: site.hasGoodSite)
        return PreviewResponse(status: 500, contentType: "text/html; charset=utf-8",
                               body: ReloadScript.inject(into: Data(html.utf8), generation: site.generation))
    }

    /// While the first compile runs: a page that reloads itself when it is done.
    static func compiling(site: PreviewSite.Snapshot) -> PreviewResponse {
        let html = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Lotse: compiling…</title></head>
        <body>
        <p>Lotse is compiling the site; this page reloads when it is ready.</p>
        </body>
        </html>

        """
        return PreviewResponse(status: 503, contentType: "text/html; charset=utf-8",
                               body: ReloadScript.inject(into: Data(html.utf8), generation: site.generation),
                               headers: ["Retry-After": "1"])
    }

    /// A folder or an `.html` file: what a reader's browser asks for.
    static func looksLikePage(_ relative: String) -> Bool {
        relative.hasSuffix(".html") || !(relative.split(separator: "/").last ?? "").contains(".")
    }

    static func percentEncode(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
