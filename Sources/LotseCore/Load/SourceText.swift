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
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return normalizeLineEnds(text)
    }

    static func normalizeLineEnds(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
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
        // Scan bytes: front matter is a `---` line, YAML, and a `---` (or `...`) line.
        let lines = Self.lineRanges(text)
        guard let first = lines.first, Self.isFence(text.utf8[first], allowDots: false) else {
            yaml = nil
            yamlLineOffset = 0
            body = text
            bodyLineOffset = 0
            return
        }
        guard let end = lines.dropFirst().firstIndex(where: { Self.isFence(text.utf8[$0], allowDots: true) }) else {
            throw LotseError(at: SourceLocation(path: path, line: 1, column: 1),
                             "front matter starts with '---' but has no closing '---' line")
        }
        let yamlStart = lines[1 < lines.count ? 1 : 0].lowerBound
        yaml = end > 1 ? String(text.utf8[yamlStart..<lines[end - 1].upperBound])! : ""
        yamlLineOffset = 1
        body = end + 1 < lines.count ? String(text.utf8[lines[end + 1].lowerBound...])! : ""
        bodyLineOffset = end + 1
    }

    /// The byte ranges of the lines, without their `\n`.
    private static func lineRanges(_ text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            if utf8[index] == UInt8(ascii: "\n") {
                ranges.append(start..<index)
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        ranges.append(start..<utf8.endIndex)
        return ranges
    }

    /// `---` (or `...` to close), with trailing spaces allowed.
    private static func isFence(_ line: Substring.UTF8View, allowDots: Bool) -> Bool {
        var bytes = Array(line)
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { bytes.removeLast() }
        return bytes == Array("---".utf8) || (allowDots && bytes == Array("...".utf8))
    }
}
