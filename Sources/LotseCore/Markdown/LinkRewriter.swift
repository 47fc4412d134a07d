import Foundation

/// Reads a link written in content (`../work/permit.md#fees`) as what it
/// leads to: a page of the site (`work/permit`, anchor `fees`), a
/// questionnaire, a web address, or nothing valid. The URL for a reader is
/// made at render time by a ``LinkResolver``.
struct LinkRewriter {
    enum Target: Equatable {
        /// A web address, `mailto:` or `tel:` link: kept as written.
        case external
        /// `#id` on the same page.
        case fragment(String)
        case page(path: String, fragment: String?)
        case questionnaire(id: String)
        case invalid(String)
    }

    /// The folder of the file the link is in, below the language folder (`work` for `work/permit.md`).
    var folder: [String]
    /// `folder` joined by `/`, as UTF-8 bytes.
    private let folderPath: [UInt8]

    init(pageFile relativePath: String) {
        var parts: [String]
        if relativePath.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: every byte is a Character, cut where the Characters are.
            parts = relativePath.utf8.split(separator: UInt8(ascii: "/")).map { String(Substring($0)) }
        } else {
            parts = relativePath.split(separator: "/").map(String.init)
        }
        parts.removeLast()
        folder = parts
        folderPath = Array(parts.joined(separator: "/").utf8)
    }

    static func hasScheme(_ url: String) -> Bool {
        // On the bytes when the first `:` is followed by an ASCII character (or
        // ends the text): then it is the first Character `:`, and the scheme
        // before it is valid only if all ASCII, byte for Character.
        let utf8 = url.utf8
        guard let byteColon = utf8.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let afterColon = utf8.index(after: byteColon)
        if afterColon == utf8.endIndex || utf8[afterColon] < 0x80 {
            func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
            let scheme = utf8[..<byteColon]
            guard let first = scheme.first, isLetter(first) else { return false }
            return scheme.allSatisfy { isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
        }
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    /// ``hasScheme(_:)`` of a text of visible ASCII bytes (every byte a Character).
    static func hasScheme(visibleASCII url: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let colon = url.firstIndex(of: UInt8(ascii: ":")) else { return false }
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        guard colon > 0, isLetter(url[0]) else { return false }
        return url[..<colon].allSatisfy { isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    /// `%XX` decoded, or the text as written when it has none (or a bad one);
    /// Foundation is asked only when there is a `%` (it was a twentieth of a build).
    static func percentDecoded(_ text: String) -> String {
        guard text.containsBytes("%") else { return text }
        return text.removingPercentEncoding ?? text
    }

    func classify(_ destination: String) -> Target {
        var bytes = destination
        if let target = bytes.withUTF8({ classifyVisibleASCII($0, destination: destination) }) { return target }
        return classifyByCharacters(destination)
    }

    /// ``classify(_:)`` for the links most content has: visible ASCII only
    /// (no whitespace to trim, every Character one byte) and no `%` before
    /// the `#` (the path is the text as written). Cut on the bytes, making
    /// only the strings the target holds: splitting and trimming each link
    /// by Characters was a third of rendering Markdown (issue 10). Nil for
    /// any other link (``classifyByCharacters(_:)``); tests compare the two.
    func classifyVisibleASCII(_ url: UnsafeBufferPointer<UInt8>, destination: String) -> Target? {
        guard !url.isEmpty, url.allSatisfy({ (UInt8(ascii: "!")...UInt8(ascii: "~")).contains($0) }) else { return nil }
        if Self.hasScheme(visibleASCII: url) || (url.count >= 2 && url[0] == UInt8(ascii: "/") && url[1] == UInt8(ascii: "/")) { return .external }
        /// The text after `from`, `%XX` decoded (Foundation asked only when it has a `%`).
        func decoded(from start: Int) -> String {
            let bytes = UnsafeBufferPointer(rebasing: url[start...])
            let text = String(decoding: bytes, as: UTF8.self)
            return bytes.contains(UInt8(ascii: "%")) ? Self.percentDecoded(text) : text
        }
        if url[0] == UInt8(ascii: "#") { return .fragment(decoded(from: 1)) }
        let hash = url.firstIndex(of: UInt8(ascii: "#"))
        let pathEnd = hash ?? url.count
        for index in 0..<pathEnd where url[index] == UInt8(ascii: "%") || url[index] == UInt8(ascii: "?") { return nil }
        let fragment = hash.map { decoded(from: $0 + 1) }
        // The path's segments (none empty) joined by "/": one String made at the end.
        var path = url[0] == UInt8(ascii: "/") ? [] : folderPath
        path.reserveCapacity(path.count + pathEnd + 1)
        /// Where the last segment of `path` starts.
        func lastSegmentStart() -> Int { (path.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1 }
        func removeLastSegment() { path.removeSubrange(max(lastSegmentStart() - 1, 0)...) }
        var start = 0
        while start <= pathEnd {
            var end = start
            while end < pathEnd, url[end] != UInt8(ascii: "/") { end += 1 }
            let length = end - start
            if length == 1, url[start] == UInt8(ascii: ".") {
                // "." is this folder
            } else if length == 2, url[start] == UInt8(ascii: "."), url[start + 1] == UInt8(ascii: ".") {
                if path.isEmpty { return .invalid("link '\(destination)' leads outside the language folder") }
                removeLastSegment()
            } else if length > 0 {
                if !path.isEmpty { path.append(UInt8(ascii: "/")) }
                path.append(contentsOf: UnsafeBufferPointer(rebasing: url[start..<end]))
            }
            start = end + 1
        }
        guard !path.isEmpty else { return .invalid("link '\(destination)' does not name a file") }
        if path.count - lastSegmentStart() >= 3, path.suffix(3).elementsEqual(".md".utf8) {
            path.removeLast(3)
            if path[lastSegmentStart()...].elementsEqual("index".utf8) { removeLastSegment() }
            return .page(path: String(decoding: path, as: UTF8.self), fragment: fragment)
        }
        return nil
    }

    /// ``classify(_:)`` for any link, by Characters (and Foundation's percent decoding).
    func classifyByCharacters(_ destination: String) -> Target {
        let url = destination.trimmingWhitespace
        if url.isEmpty { return .invalid("link has no destination") }
        if Self.hasScheme(url) || url.hasPrefix("//") { return .external }
        if url.hasPrefix("#") { return .fragment(Self.percentDecoded(String(url.dropFirst()))) }
        var pathPart = url
        var fragment: String?
        if let hash = pathPart.firstIndex(of: "#") {
            fragment = String(pathPart[pathPart.index(after: hash)...])
            fragment = fragment.map(Self.percentDecoded)
            pathPart = String(pathPart[..<hash])
        }
        if pathPart.containsASCIIToken("?") ?? pathPart.contains("?") { return .invalid("links to pages cannot have a query (?…)") }
        let decoded = Self.percentDecoded(pathPart)
        var segments = decoded.hasPrefix("/") ? [] : folder
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                if segments.isEmpty { return .invalid("link '\(destination)' leads outside the language folder") }
                segments.removeLast()
            default: segments.append(String(segment))
            }
        }
        guard let last = segments.last else { return .invalid("link '\(destination)' does not name a file") }
        if last.hasSuffix(".md") {
            segments[segments.count - 1] = String(last.dropLast(3))
            if segments.last == "index" { segments.removeLast() }
            return .page(path: segments.joined(separator: "/"), fragment: fragment)
        }
        if segments.count == 2, segments[0] == "questionnaires", last.hasSuffix(".yaml") {
            return .questionnaire(id: String(last.dropLast(5)))
        }
        return .invalid("link '\(destination)' is neither a page (.md file), a questionnaire (questionnaires/<id>.yaml) nor a web address")
    }
}
