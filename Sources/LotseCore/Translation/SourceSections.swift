import Foundation
import Yams

/// One part of a source text that a translation follows: a page's title,
/// summary, sources or one heading's section of its body; one questionnaire
/// text; one interface string. Its hash is taken of the normalized text, so
/// line ends and trailing spaces do not count, and of the text as written:
/// `{{fact}}` placeholders, not their values, so changing a fact outdates
/// no translation.
public struct TextSection: Sendable, Hashable {
    /// `title`, `summary`, `sources`, `body` (text before the first heading),
    /// `#<heading id>`; a questionnaire text's key path; a string's key.
    public var key: String
    public var text: String {
        didSet { knownHash = nil }
    }
    /// The hash of ``text``, when it was taken ahead (see ``init(key:normalized:hashed:)``).
    private var knownHash: String?

    /// The text's hash (``SourceSections/hash(normalized:)``): as taken ahead, else taken now.
    public var hash: String { knownHash ?? SourceSections.hash(normalized: text) }

    /// `hashed`: as for ``init(key:normalized:hashed:)``.
    init(key: String, text: String, hashed: Bool = true) {
        self.init(key: key, normalized: SourceSections.normalize(text), hashed: hashed)
    }

    /// A section of a text already normalized (``SourceSections/normalize(_:)``). `hashed`: its hash
    /// is taken now, as it will be compared (maybe more than once); else when asked for. A build
    /// compares the source pages' hashes only with the records of their translations, and hashing
    /// was most of cutting the sections of a site without records (issue 10).
    init(key: String, normalized text: String, hashed: Bool = true) {
        self.key = key
        self.text = text
        knownHash = hashed ? SourceSections.hash(normalized: text) : nil
    }

    public var words: Int { SourceSections.wordCount(text) }

    // The key and the text: the hash follows from the text, taken ahead or not.
    public static func == (a: TextSection, b: TextSection) -> Bool {
        a.key == b.key && a.text == b.text
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(text)
    }
}

enum SourceSections {
    /// Unix line ends, no trailing spaces or tabs, no blank lines at the start or end.
    static func normalize(_ text: String) -> String {
        let unix = SourceText.normalizeLineEnds(text)
        var lines = Self.lines(unix).map { String($0).trimmingTrailingWhitespace }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// `text.split(separator: "\n", omittingEmptySubsequences: false)`, cut at
    /// `\n` bytes when the text has no `\r`: a line feed is then always a
    /// character of its own, so the lines are the same, found without
    /// walking grapheme clusters (that was most of hashing a page).
    static func lines(_ text: String) -> [Substring] {
        let utf8 = text.utf8
        guard !utf8.contains(13) else { return text.split(separator: "\n", omittingEmptySubsequences: false) }
        var result: [Substring] = []
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            if utf8[index] == 10 {
                result.append(text[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        result.append(text[start..<utf8.endIndex])
        return result
    }

    /// The first 16 hex digits of the SHA-256 of the normalized text.
    static func hash(_ text: String) -> String {
        hash(normalized: normalize(text))
    }

    /// ``hash(_:)`` of a text already normalized.
    static func hash(normalized text: String) -> String {
        String(SHA256.hex(text).prefix(16))
    }

    /// Runs of characters between whitespace that hold a letter or a digit (see ``WordCount``).
    static func wordCount(_ text: String) -> Int {
        WordCount.count(text)
    }

    /// A page's sections: front matter texts, then the body split at every heading.
    /// `bodyHeadings`: the body's headings as cmark found them in it, when the caller parsed it
    /// (a build, rendering it: ``MarkdownRenderer``); else it is parsed here.
    /// `hashed`: the sections' hashes taken now (``TextSection/init(key:normalized:hashed:)``).
    static func page(_ page: PageSource, bodyHeadings: [MarkdownDocument.Heading]? = nil, hashed: Bool = true) -> [TextSection] {
        var sections = [TextSection(key: "title", text: page.title, hashed: hashed)]
        if let summary = page.summary, !summary.isEmpty { sections.append(TextSection(key: "summary", text: summary, hashed: hashed)) }
        if !page.sources.isEmpty {
            sections.append(TextSection(key: "sources", text: page.sources.map(\.title).joined(separator: "\n"), hashed: hashed))
        }
        return sections + body(page.body, headings: bodyHeadings, hashed: hashed)
    }

    /// The body cut before each heading (cmark finds them, so a `#` in a code block is no heading).
    /// `headings`: the text's headings, found by the caller in the text as it is.
    static func body(_ text: String, headings: [MarkdownDocument.Heading]? = nil, hashed: Bool = true) -> [TextSection] {
        // Headings found in the text: the text itself, which is its normalized form when it has no `\r`
        // (which the cutter refuses).
        if let headings, let cutter = SectionCutter(text, headings: headings) { return cutter.sections(hashed: hashed) }
        let markdown = SourceText.normalizeLineEnds(text)
        return SectionCutter(markdown)?.sections(hashed: hashed) ?? bodyByLines(markdown)
    }

    /// ``body(_:)`` by joining lines and normalizing each section's text
    /// (twice): for a text with a `\r` left in it, which ``SectionCutter``
    /// does not take; tests compare the two.
    static func bodyByLines(_ markdown: String) -> [TextSection] {
        let lines = Self.lines(markdown).map(String.init)
        return sectionRanges(markdown).map { key, range in
            TextSection(key: key, text: lines[range].joined(separator: "\n"))
        }
    }

    /// The sections of a body as 0-based line ranges (Unix line ends expected).
    static func sectionRanges(_ markdown: String) -> [(key: String, lines: Range<Int>)] {
        let document = MarkdownDocument(markdown)
        let headings = document.extractHeadings()
        let lines = Self.lines(markdown).map(String.init)
        var sections: [(key: String, lines: Range<Int>)] = []
        var keys = UniqueNames(firstNumber: 2)
        func add(_ key: String, _ range: Range<Int>) {
            let lower = max(0, min(range.lowerBound, lines.count))
            let clamped = lower..<max(lower, min(range.upperBound, lines.count))
            guard !normalize(lines[clamped].joined(separator: "\n")).isEmpty else { return }
            sections.append((keys.claim(key), clamped))
        }
        let starts = headings.map { $0.line - 1 }
        add("body", 0..<(starts.first ?? lines.count))
        for (index, heading) in headings.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1] : lines.count
            add("#" + (heading.explicitID ?? HeadingID.slug(heading.text)), starts[index]..<end)
        }
        return sections
    }

    /// The texts of a YAML file by dotted key path, in file order (questionnaire texts, strings).
    static func yamlTexts(_ text: String) -> [TextSection] {
        guard let root = (try? Yams.compose(yaml: text, YAMLDocument.resolver, .default, .utf8)) ?? nil else { return [] }
        var result: [TextSection] = []
        func walk(_ node: Node, _ path: String) {
            switch node {
            case let .mapping(mapping):
                for pair in mapping {
                    let key = pair.key.string ?? "\(pair.key)"
                    walk(pair.value, path.isEmpty ? key : "\(path).\(key)")
                }
            case let .scalar(scalar):
                if node.null == nil, !scalar.string.trimmingWhitespace.isEmpty, path != "draft" {
                    result.append(TextSection(key: path, text: scalar.string))
                }
            default: break
            }
        }
        walk(root, "")
        return result
    }
}
