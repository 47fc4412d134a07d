/// `_headers`: the HTTP headers the site should be served with, in the
/// format Netlify and Cloudflare Pages read from the published folder.
///
/// The site has no script, loads nothing from other origins and is never
/// meant to be framed, so the policy can forbid all of that: a page that
/// was tampered with (or a content mistake that slipped through) still
/// cannot run code or send a reader's answers elsewhere. Forms post only to
/// the site itself; QR codes may be `data:` images. docs/hosting.md has the
/// same headers for nginx and Apache.
///
/// Styles may be inline ('unsafe-inline' for style-src only): a leaflet carries
/// its print CSS in a `<style>` element so that it also works as one file
/// (`lotse leaflet`). With no script, no external loads and images from the
/// site only, an inline style cannot send anything anywhere. (A hash of the
/// leaflet CSS would be narrower; the next step.)
enum SecurityHeaders {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    /// Header name and value, in the order they are written.
    static let all: [(String, String)] = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("Referrer-Policy", "no-referrer"),
        ("X-Content-Type-Options", "nosniff"),
    ]

    /// The `_headers` file: every path of the site gets the headers.
    static func file() -> OutputFile {
        var text = "# Written by Lotse: the headers every page of this site should be served with (see docs/hosting.md).\n/*\n"
        for (name, value) in all { text += "  \(name): \(value)\n" }
        return OutputFile(path: "_headers", contents: text)
    }
}
