/// The `Content-Type` of each kind of file a Lotse site is made of, so the
/// preview behaves like the web server the built site will be put on.
enum ContentTypes {
    static func forPath(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        switch name[name.index(after: dot)...].lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "xml": return "application/xml; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "json": return "application/json"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "pdf": return "application/pdf"
        case "ico": return "image/x-icon"
        default: return "application/octet-stream"
        }
    }

    static func isHTML(_ path: String) -> Bool {
        forPath(path).hasPrefix("text/html")
    }
}
