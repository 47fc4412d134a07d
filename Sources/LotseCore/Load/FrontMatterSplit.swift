import Foundation

/// A Markdown file split into its YAML front matter and its body.
///
/// Why it scans only up to the closing `---` and makes the body when asked:
/// loading reads every page for its front matter, and a build lets most
/// bodies (the translations') go unread until rendering (``DeferredBody``);
/// splitting every line of every file and copying every body was a tenth
/// of loading (issue 10).
struct FrontMatterSplit {
    /// The YAML between the `---` lines, or nil when the file has none.
    var yaml: String?
    /// Lines before the YAML text (the opening `---`).
    var yamlLineOffset: Int
    /// Lines before the body in the file.
    var bodyLineOffset: Int
    private let text: String
    /// Where the body starts in `text`.
    private let bodyStart: String.Index

    /// Where the body starts in the text's UTF-8 bytes.
    var bodyOffset: Int {
        text.utf8.distance(from: text.startIndex, to: bodyStart)
    }

    /// The text after the front matter (the whole text when there is none).
    var body: String {
        bodyStart == text.startIndex ? text : String(text.utf8[bodyStart...])!
    }

    init(_ text: String, path: String) throws(LotseError) {
        self.text = text
        var bytes = text
        // Byte offsets: the YAML's range, the line of the closing fence, where the body starts.
        let found = bytes.withUTF8 { Self.fences(in: $0) }
        switch found {
        case .none:
            yaml = nil
            yamlLineOffset = 0
            bodyStart = text.startIndex
            bodyLineOffset = 0
        case .unclosed:
            throw LotseError(at: SourceLocation(path: path, line: 1, column: 1),
                             "front matter starts with '---' but has no closing '---' line")
        case let .closed(yamlBytes, closingLine, body):
            let utf8 = text.utf8
            yaml = yamlBytes.isEmpty ? ""
                : String(utf8[utf8.index(utf8.startIndex, offsetBy: yamlBytes.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: yamlBytes.upperBound)])!
            yamlLineOffset = 1
            bodyStart = utf8.index(utf8.startIndex, offsetBy: body)
            bodyLineOffset = closingLine + 1
        }
    }

    enum Fences {
        case none
        case unclosed
        /// `yaml`: its bytes (empty when the fences are adjacent); `closingLine`: the
        /// closing fence's line (from 0); `body`: the offset of the line after it.
        case closed(yaml: Range<Int>, closingLine: Int, body: Int)
    }

    /// Front matter is a `---` line, YAML, and a `---` (or `...`) line.
    static func fences(in bytes: UnsafeBufferPointer<UInt8>) -> Fences {
        let count = bytes.count
        /// The offset of the `\n` ending the line that starts at `start` (or the end).
        func lineEnd(_ start: Int) -> Int {
            guard start < count, let base = bytes.baseAddress,
                  let found = memchr(base + start, Int32(UInt8(ascii: "\n")), count - start) else { return count }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
        }
        let firstEnd = lineEnd(0)
        guard isFence(bytes[0..<firstEnd], allowDots: false) else { return .none }
        guard firstEnd < count else { return .unclosed }
        let yamlStart = firstEnd + 1
        var start = yamlStart
        var line = 1
        while true {
            let end = lineEnd(start)
            if isFence(bytes[start..<end], allowDots: true) {
                return .closed(yaml: line > 1 ? yamlStart..<(start - 1) : yamlStart..<yamlStart,
                               closingLine: line, body: end < count ? end + 1 : count)
            }
            if end == count { return .unclosed }
            start = end + 1
            line += 1
        }
    }

    /// `---` (or `...` to close), with trailing spaces allowed.
    private static func isFence(_ line: Slice<UnsafeBufferPointer<UInt8>>, allowDots: Bool) -> Bool {
        var end = line.endIndex
        while end > line.startIndex, line[end - 1] == UInt8(ascii: " ") || line[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        guard end - line.startIndex == 3 else { return false }
        let first = line[line.startIndex]
        guard first == UInt8(ascii: "-") || (allowDots && first == UInt8(ascii: ".")) else { return false }
        return line[line.startIndex + 1] == first && line[line.startIndex + 2] == first
    }
}
