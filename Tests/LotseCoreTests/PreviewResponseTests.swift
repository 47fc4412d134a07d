import Foundation
import Testing
@testable import LotseCore
@testable import LotseServe

/// How `lotse serve` answers requests, from the site in memory: like the web
/// server the built site goes on, plus the reload script and the error page.
@Suite struct PreviewResponseTests {
    static let page = Data("<!DOCTYPE html>\n<html lang=\"de\">\n<body>\n<h1>Arbeit</h1>\n</body>\n</html>\n".utf8)

    func snapshot(errors: [Diagnostic] = [], basePath: String = "/") -> PreviewSite.Snapshot {
        var site = PreviewSite.Snapshot(generation: 7)
        site.files = [
            "index.html": Self.page,
            "de/index.html": Self.page,
            "de/work/index.html": Self.page,
            "404.html": Data("<html><body>Nicht gefunden</body></html>".utf8),
            "style.css": Data("body{}".utf8),
            "sitemap.xml": Data("<urlset/>".utf8),
            "robots.txt": Data("User-agent: *\n".utf8),
            "logo.svg": Data("<svg/>".utf8),
        ]
        site.errors = errors
        site.basePath = basePath
        site.hasGoodSite = true
        return site
    }

    func body(_ response: PreviewResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func servesFilesWithTheirTypesAndIndexForFolders() {
        let site = snapshot()
        let expected = ["/": "text/html; charset=utf-8", "/de/work/": "text/html; charset=utf-8",
                        "/style.css": "text/css; charset=utf-8", "/sitemap.xml": "application/xml; charset=utf-8",
                        "/robots.txt": "text/plain; charset=utf-8", "/logo.svg": "image/svg+xml"]
        for (path, type) in expected {
            let response = PreviewResponse.respond(to: path, site: site)
            #expect(response.status == 200, "\(path)")
            #expect(response.headers["Content-Type"] == type, "\(path)")
        }
        #expect(PreviewResponse.respond(to: "/style.css", site: site).body == Data("body{}".utf8))
        let folder = PreviewResponse.respond(to: "/de/work", site: site)
        #expect(folder.status == 301)
        #expect(folder.headers["Location"] == "/de/work/")
    }

    @Test func unknownPathsGetTheSites404AndDotDotIsRefused() {
        let site = snapshot()
        let missing = PreviewResponse.respond(to: "/de/nope/", site: site)
        #expect(missing.status == 404)
        #expect(body(missing).contains("Nicht gefunden"))
        for path in ["/de/../../etc/passwd", "/de/%2e%2e/index.html", "/..", "/de/./work/", "/a%5Cb", "/a%00"] {
            #expect(PreviewResponse.respond(to: path, site: site).status == 400, "\(path)")
        }
    }

    @Test func onlyHTMLGetsTheReloadScriptAndOtherwiseTheBytesAreTheBuiltOnes() {
        let site = snapshot()
        let html = body(PreviewResponse.respond(to: "/de/work/", site: site))
        #expect(html.contains(ReloadScript.marker))
        #expect(html.contains("EventSource(\"/_lotse/events?since=7\")"))
        // The script sits before </body>; taking it out gives the page as built.
        #expect(html.replacingOccurrences(of: ReloadScript.script(generation: 7), with: "") == String(decoding: Self.page, as: UTF8.self))
        #expect(html.range(of: "<script")!.lowerBound < html.range(of: "</body>")!.lowerBound)
        #expect(!body(PreviewResponse.respond(to: "/sitemap.xml", site: site)).contains("<script"))
        #expect(!body(PreviewResponse.respond(to: "/logo.svg", site: site)).contains("<script"))
    }

    @Test func whileTheSiteHasErrorsPagesShowThemAndTheLastGoodSiteStaysReachable() {
        let error = Diagnostic(.error, at: LotseCore.SourceLocation(path: "content/de/work.md", line: 4, column: 7), "link to a page that does not exist: 'weg.md'")
        let site = snapshot(errors: [error])
        let page = PreviewResponse.respond(to: "/de/work/", site: site)
        #expect(page.status == 500)
        #expect(body(page).contains("content/de/work.md:4:7"))
        #expect(body(page).contains("link to a page that does not exist: 'weg.md'"))
        #expect(body(page).contains(ReloadScript.marker))
        #expect(body(page).contains("href=\"/de/work/?lotse-last-good\""))
        let lastGood = PreviewResponse.respond(to: "/de/work/", query: "lotse-last-good", site: site)
        #expect(lastGood.status == 200)
        #expect(body(lastGood).contains("<h1>Arbeit</h1>"))
        // Not pages: still the last good files.
        #expect(PreviewResponse.respond(to: "/style.css", site: site).status == 200)
    }

    @Test func theErrorPageShowsTheLineItPointsAt() {
        let error = Diagnostic(.error, at: LotseCore.SourceLocation(path: "x.md", line: 2, column: 3), "bad <thing>")
        let html = ErrorPage.html(errors: [error], warnings: 2, requestPath: "/de/", hasLastGood: false) { _, line in
            line == 2 ? "a [b](c)" : nil
        }
        #expect(html.contains("<code class=\"where\">x.md:2:3</code>: bad &lt;thing&gt;"))
        #expect(html.contains("<pre>2 | a [b](c)\n  |   ^</pre>"))
        #expect(html.contains("2 warnings too"))
        #expect(!html.contains("last good"))
    }

    @Test func beforeTheFirstCompileIsDonePagesSaySoAndReloadThemselves() {
        let site = PreviewSite.Snapshot(generation: 3)
        let response = PreviewResponse.respond(to: "/de/work/", site: site)
        #expect(response.status == 503)
        #expect(body(response).contains("compiling"))
        #expect(body(response).contains("EventSource(\"/_lotse/events?since=3\")"))
    }

    @Test func aSiteBelowABasePathIsServedThere() {
        let site = snapshot(basePath: "/advice/")
        #expect(PreviewResponse.respond(to: "/", site: site).headers["Location"] == "/advice/")
        #expect(PreviewResponse.respond(to: "/advice", site: site).headers["Location"] == "/advice/")
        #expect(PreviewResponse.respond(to: "/advice/de/work/", site: site).status == 200)
        #expect(PreviewResponse.respond(to: "/de/work/", site: site).status == 404)
    }

    @Test func theWatcherLeavesOutEditorsTemporaryFiles() {
        for name in [".work.md.swp", "work.md~", "4913", "#work.md#", ".#work.md", "x.swx"] {
            #expect(FileWatcher.isIgnored(name), "\(name)")
        }
        #expect(!FileWatcher.isIgnored("work.md"))
        #expect(!FileWatcher.isIgnored("site.yaml"))
    }
}
