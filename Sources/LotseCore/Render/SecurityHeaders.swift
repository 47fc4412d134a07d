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
/// Styles come only from the site's own files (`style.css`, and `leaflet.css`
/// for leaflets), never inline: no `'unsafe-inline'`, and no hash of a
/// stylesheet either, so the policy stays one fixed line that a site owner
/// can copy into an nginx or Apache configuration once and keep when they
/// edit their templates' CSS. Only `lotse leaflet`'s single file carries its
/// CSS inline; it is opened from disk or mail, not served under this policy.
enum SecurityHeaders {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

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
