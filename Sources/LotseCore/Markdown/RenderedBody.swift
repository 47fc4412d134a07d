import Foundation

/// A Markdown text rendered once to HTML, with its links to the site's own
/// pages left open, and what validation needs to know about it.
///
/// The same text is shown in several languages (a source page is the
/// fallback in every language without a translation), and a link to another
/// page must lead to that page in the reader's language. So cmark's HTML is
/// kept cut at the `href` value of each such link: `segments` has one more
/// element than `links`, and ``html(reader:resolver:)`` joins them with the
/// URL a ``LinkResolver`` gives for each link. Nothing in the text itself is
/// ever replaced, so any text in content comes out as written.
struct RenderedBody: Sendable {
    struct TOCEntry: Sendable {
        var id: String
        var text: String
        var level: Int
    }

    /// A link to a page or questionnaire of the site, with where it is written.
    struct SiteLink: Sendable {
        var target: LinkTarget
        var location: SourceLocation
    }

    /// cmark's HTML, cut where each of `links` has its URL.
    var segments: [String] {
        get {
            switch storage {
            case let .plain(segments, _): return segments
            case let .packed(packed): return packed.segments
            }
        }
        set { storage = .plain(newValue, bytes: newValue.reduce(0) { $0 + $1.utf8.count }) }
    }

    /// The segments as strings (with their bytes, to size the joined HTML at
    /// once), or compressed (``pack()``).
    private enum Storage: Sendable {
        case plain([String], bytes: Int)
        case packed(PackedSegments)
    }
    private var storage: Storage
    /// The links to the site's pages and questionnaires, in document order.
    var links: [SiteLink]
    var headingIDs: Set<String>
    var toc: [TOCEntry]

    init(segments: [String], links: [SiteLink], headingIDs: Set<String>, toc: [TOCEntry]) {
        self.storage = .plain(segments, bytes: segments.reduce(0) { $0 + $1.utf8.count })
        self.links = links
        self.headingIDs = headingIDs
        self.toc = toc
    }

    /// The HTML for readers of `reader`'s language.
    func html(reader: String, resolver: some LinkResolver) -> String {
        let segments: [String]
        let segmentBytes: Int
        switch storage {
        case let .packed(packed):
            return packed.joined(inserting: links.map { HTML.escapeHref(resolver.href(for: $0.target, reader: reader)) })
        case let .plain(plain, bytes):
            segments = plain
            segmentBytes = bytes
        }
        guard !links.isEmpty else { return segments.first ?? "" }
        var html = ""
        html.reserveCapacity(segmentBytes + links.count * 32)
        html += segments[0]
        for (index, link) in links.enumerated() {
            html += HTML.escapeHref(resolver.href(for: link.target, reader: reader))
            html += segments[index + 1]
        }
        return html
    }

    /// ``html(reader:resolver:)`` as UTF-8 bytes (for leaflets, which change them further).
    func htmlBytes(reader: String, resolver: some LinkResolver) -> [UInt8] {
        if case let .packed(packed) = storage {
            return packed.joinedBytes(inserting: links.map { HTML.escapeHref(resolver.href(for: $0.target, reader: reader)) })
        }
        return Array(html(reader: reader, resolver: resolver).utf8)
    }

    /// Keeps the HTML compressed from now on (``PackedSegments``): for a
    /// one-shot build, which holds every page's body until it is written.
    mutating func pack() {
        guard case let .plain(segments, _) = storage, let packed = PackedSegments(segments) else { return }
        storage = .packed(packed)
    }

    var isPacked: Bool {
        if case .packed = storage { return true }
        return false
    }
}

/// Ids the templates use on every page; headings in content never take them.
enum ReservedIDs {
    static let all: Set<String> = ["main", "toc-heading", "sources-heading", "contact-heading",
                                   "questionnaires-heading", "pages-heading", "so-far-heading", "answers-heading", "question"]
}
