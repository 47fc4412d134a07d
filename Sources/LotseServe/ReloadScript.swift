import Foundation

/// The only script Lotse ever puts into a page, and only in `lotse serve`:
/// it listens to the preview server's events and reloads the page after a
/// rebuild. `lotse build` never writes it (the built site has no JavaScript
/// at all); the server adds it to HTML responses as they go out, so the
/// bytes in memory are the bytes `lotse build` would write.
public enum ReloadScript {
    /// Where the server sends its events (server-sent events).
    public static let eventsPath = "/_lotse/events"
    /// Marks the script, for tests and for anyone reading the page source.
    public static let marker = "lotse serve: reloads this page after a rebuild"

    /// The script for a page rendered when the site was at `generation`: if
    /// the site changed between the page loading and the events connecting,
    /// the server says so at once.
    public static func script(generation: Int) -> String {
        "<script>/* \(marker); never in lotse build */"
            + "(function(){var e=new EventSource(\"\(eventsPath)?since=\(generation)\");"
            + "e.addEventListener(\"reload\",function(){e.close();location.reload()})})()</script>\n"
    }

    /// The page with the script inserted before its last `</body>` (or at the end).
    public static func inject(into html: Data, generation: Int) -> Data {
        let script = Data(script(generation: generation).utf8)
        let closing = Data("</body>".utf8)
        guard let range = html.range(of: closing, options: .backwards) else { return html + script }
        var result = Data(capacity: html.count + script.count)
        result.append(html[html.startIndex..<range.lowerBound])
        result.append(script)
        result.append(html[range.lowerBound...])
        return result
    }
}
