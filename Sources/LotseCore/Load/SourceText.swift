import Foundation

/// Reads a content file as text the way volunteers' editors write it:
/// UTF-8, with or without a byte-order mark, with `\n` or `\r\n` line ends.
enum SourceText {
    static func read(_ url: URL, displayPath: String) throws(LotseError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LotseError(at: SourceLocation(path: displayPath), "cannot read file: \(error.localizedDescription)")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw LotseError(at: SourceLocation(path: displayPath), "file is not valid UTF-8 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return normalizeLineEnds(text)
    }

    static func normalizeLineEnds(_ text: String) -> String {
        guard text.contains("\r") else { return text }
        // "\r\n" is one Character in Swift, so replace it explicitly.
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}

/// A Markdown file split into its YAML front matter and its body.
struct FrontMatterSplit {
    /// The YAML between the `---` lines, or nil when the file has none.
    var yaml: String?
    /// Lines before the YAML text (the opening `---`).
    var yamlLineOffset: Int
    var body: String
    /// Lines before the body in the file.
    var bodyLineOffset: Int

    init(_ text: String, path: String) throws(LotseError) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else {
            yaml = nil
            yamlLineOffset = 0
            body = text
            bodyLineOffset = 0
            return
        }
        lines.removeFirst()
        guard let end = lines.firstIndex(where: {
            let t = $0.trimmingCharacters(in: .whitespaces)
            return t == "---" || t == "..."
        }) else {
            throw LotseError(at: SourceLocation(path: path, line: 1, column: 1),
                             "front matter starts with '---' but has no closing '---' line")
        }
        yaml = lines[..<end].joined(separator: "\n")
        yamlLineOffset = 1
        body = lines[(end + 1)...].joined(separator: "\n")
        bodyLineOffset = end + 2
    }
}
