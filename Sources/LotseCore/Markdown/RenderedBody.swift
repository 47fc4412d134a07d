import Foundation

/// A Markdown text rendered once to HTML, with what validation needs to know about it.
struct RenderedBody: Sendable {
    struct TOCEntry: Sendable {
        var id: String
        var text: String
        var level: Int
    }

    /// A link to another page of the site, checked once the whole site is known.
    struct PageLink: Sendable {
        var path: String
        var fragment: String?
        var location: SourceLocation
    }

    /// HTML whose internal links contain ``LinkRewriter/languageToken`` in
    /// place of the language, so one rendering serves every language the
    /// text is shown in.
    var html: String
    var headingIDs: Set<String>
    var toc: [TOCEntry]
    var pageLinks: [PageLink]

    /// The HTML for readers of `language`.
    func html(for language: String) -> String {
        html.replacing(LinkRewriter.languageToken, with: language)
    }
}

/// Ids the templates use on every page; headings in content never take them.
enum ReservedIDs {
    static let all: Set<String> = ["main", "toc-heading", "sources-heading", "contact-heading",
                                   "questionnaires-heading", "pages-heading", "so-far-heading", "answers-heading", "question"]
}

extension String {
    /// Replaces every occurrence of `token` (found by bytes, fast for large pages).
    func replacing(_ token: String, with replacement: String) -> String {
        let tokenBytes = Array(token.utf8)
        guard let first = tokenBytes.first else { return self }
        var utf8 = self
        return utf8.withUTF8 { buffer -> String in
            var result: [UInt8] = []
            var index = 0
            var copied = 0
            let count = buffer.count
            let n = tokenBytes.count
            while index + n <= count {
                if buffer[index] == first, memcmp(buffer.baseAddress! + index, tokenBytes, n) == 0 {
                    if result.isEmpty { result.reserveCapacity(count + 64) }
                    result.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied..<index]))
                    result.append(contentsOf: replacement.utf8)
                    index += n
                    copied = index
                } else {
                    index += 1
                }
            }
            if copied == 0 { return self }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied..<count]))
            return String(decoding: result, as: UTF8.self)
        }
    }
}
