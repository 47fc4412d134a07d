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
            case let .packed(packed, links, _): return Array(packed.segments.prefix(links + 1))
            }
        }
        set {
            if case let .packed(packed, count, tocCount) = storage {
                // Plain again: the table of contents (and released links' targets) come back out.
                let parts = packed.withSegments(from: count + 1) { Self.parts($0, $1, links: count, toc: tocCount) }
                if links.count != count { links = parts.targets.map { SiteLink(target: $0, location: SourceLocation(path: "")) } }
                plainTOC = parts.toc
            }
            storage = .plain(newValue, bytes: newValue.reduce(0) { $0 + $1.utf8.count })
        }
    }

    /// The segments as strings (with their bytes, to size the joined HTML at
    /// once), or compressed (``pack()``) together with the link targets and
    /// the table of contents.
    private enum Storage: Sendable {
        case plain([String], bytes: Int)
        case packed(PackedSegments, links: Int, toc: Int)
    }
    private var storage: Storage
    /// The links to the site's pages and questionnaires, in document order,
    /// with where each is written. A packed body also holds their targets, so
    /// a build lets these go once the link graph has them (``releaseLinks()``).
    var links: [SiteLink]
    var headingIDs: Set<String>
    /// The table of contents of a plain body (a packed one holds it packed).
    private var plainTOC: [TOCEntry]

    init(segments: [String], links: [SiteLink], headingIDs: Set<String>, toc: [TOCEntry]) {
        self.storage = .plain(segments, bytes: segments.reduce(0) { $0 + $1.utf8.count })
        self.links = links
        self.headingIDs = headingIDs
        self.plainTOC = toc
    }

    /// The level-2 headings shown as the table of contents (empty when there are few).
    var toc: [TOCEntry] {
        guard case let .packed(packed, links, count) = storage, count > 0 else { return plainTOC }
        return packed.withSegments(from: links + 1) { Self.parts($0, $1, links: links, toc: count) }.toc
    }

    /// The HTML for readers of `reader`'s language.
    func html(reader: String, resolver: some LinkResolver) -> String {
        let segments: [String]
        let segmentBytes: Int
        switch storage {
        case let .packed(packed, count, tocCount):
            return packed.joined(first: count + 1) { bytes, packedParts in
                Self.hrefs(Self.parts(bytes, packedParts, links: count, toc: tocCount).targets, reader: reader, resolver: resolver)
            }
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

    /// The links' targets as `href` values for readers of `reader`'s language, escaped: what goes between the segments.
    static func hrefs(_ targets: [LinkTarget], reader: String, resolver: some LinkResolver) -> [String] {
        targets.map { HTML.escapeHref(resolver.href(for: $0, reader: reader)) }
    }

    /// ``html(reader:resolver:)`` as UTF-8 bytes (for leaflets, which change them further).
    func htmlBytes(reader: String, resolver: some LinkResolver) -> [UInt8] {
        if case let .packed(packed, count, tocCount) = storage {
            return packed.joinedBytes(first: count + 1) { bytes, packedParts in
                Self.hrefs(Self.parts(bytes, packedParts, links: count, toc: tocCount).targets, reader: reader, resolver: resolver)
            }
        }
        return Array(html(reader: reader, resolver: resolver).utf8)
    }

    /// The body unpacked once (``UnpackedBody``), for a page that joins it more than once.
    func unpacked() -> UnpackedBody {
        switch storage {
        case let .packed(packed, count, tocCount):
            let (bytes, ranges) = packed.unpacked()
            let (targets, toc) = bytes.withUnsafeBufferPointer { Self.parts($0, ranges[(count + 1)...], links: count, toc: tocCount) }
            return UnpackedBody(bytes: bytes, ranges: Array(ranges.prefix(count + 1)), targets: targets, toc: toc)
        case let .plain(segments, bytes):
            // As ``html(reader:resolver:)`` joins them: without links, the first segment alone.
            let used = links.isEmpty ? Array(segments.prefix(1)) : segments
            var joined: [UInt8] = []
            joined.reserveCapacity(bytes)
            var ranges: [Range<Int>] = []
            for segment in used {
                let start = joined.count
                joined.append(contentsOf: segment.utf8)
                ranges.append(start..<joined.count)
            }
            if ranges.isEmpty { ranges = [0..<0] }
            return UnpackedBody(bytes: joined, ranges: ranges, targets: links.isEmpty ? [] : links.map(\.target), toc: plainTOC)
        }
    }

    /// Keeps the HTML compressed from now on (``PackedSegments``), with the
    /// links' targets and the table of contents: for a one-shot build, which
    /// holds every page's body until it is written. At 10,000 pages the
    /// tables of contents and link lists held as strings and arrays were
    /// about 13 MB; packed after the HTML they share its compression.
    mutating func pack() {
        guard case let .plain(segments, _) = storage else { return }
        guard let packed = PackedSegments(segments, then: Self.packedPartBytes(links: links, toc: plainTOC)) else { return }
        storage = .packed(packed, links: links.count, toc: plainTOC.count)
        plainTOC = []
    }

    /// A body packed (``pack()``) straight from cmark's HTML bytes, cut at
    /// `cuts` (offsets, one per link): the same as making the segments
    /// strings and packing them, without the strings.
    init(packing html: UnsafeBufferPointer<UInt8>, cuts: [Int], links: [SiteLink], headingIDs: Set<String>, toc: [TOCEntry]) {
        if cuts.count == links.count,
           let packed = PackedSegments(html: html, cuts: cuts, then: Self.packedPartBytes(links: links, toc: toc)) {
            self.init(segments: [], links: links, headingIDs: headingIDs, toc: [])
            storage = .packed(packed, links: links.count, toc: toc.count)
        } else {
            var segments: [String] = []
            var start = 0
            for cut in cuts + [html.count] {
                segments.append(String(decoding: UnsafeBufferPointer(rebasing: html[start..<cut]), as: UTF8.self))
                start = cut
            }
            self.init(segments: segments, links: links, headingIDs: headingIDs, toc: toc)
            pack()
        }
    }

    /// What a packed body holds after its HTML, as UTF-8 bytes one after the other and each
    /// part's length: each link's kind and path in one part, then its fragment ("" for none,
    /// "#…" for one, even an empty one); each entry of the table of contents as `level:id`,
    /// then its text. Written straight into one array (making each part a String to copy its
    /// bytes was a fifth of packing a body, issue 10); the only writer of this layout, for
    /// both ways of packing (``pack()`` and ``init(packing:cuts:links:headingIDs:toc:)``).
    static func packedPartBytes(links: [SiteLink], toc: [TOCEntry]) -> (bytes: [UInt8], lengths: [Int]) {
        var bytes: [UInt8] = []
        var lengths: [Int] = []
        lengths.reserveCapacity(2 * (links.count + toc.count))
        func endPart(from start: Int) { lengths.append(bytes.count - start) }
        for link in links {
            var start = bytes.count
            bytes.append(link.target.kind == .page ? UInt8(ascii: "p") : UInt8(ascii: "q"))
            bytes.append(contentsOf: link.target.path.utf8)
            endPart(from: start)
            start = bytes.count
            if let fragment = link.target.fragment {
                bytes.append(UInt8(ascii: "#"))
                bytes.append(contentsOf: fragment.utf8)
            }
            endPart(from: start)
        }
        for entry in toc {
            var start = bytes.count
            bytes.append(contentsOf: String(entry.level).utf8)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: entry.id.utf8)
            endPart(from: start)
            start = bytes.count
            bytes.append(contentsOf: entry.text.utf8)
            endPart(from: start)
        }
        return (bytes, lengths)
    }

    /// Lets go of the links' locations (and the list itself) of a packed body,
    /// whose HTML is made from the targets packed with it: a one-shot build,
    /// once the link graph holds every link for the checks. Does nothing to a
    /// plain body, whose links are how its HTML is made.
    mutating func releaseLinks() {
        guard isPacked else { return }
        links = []
    }

    var isPacked: Bool {
        if case .packed = storage { return true }
        return false
    }

    /// The link targets and table of contents packed after the HTML (``pack()``, the layout
    /// ``packedPartBytes(links:toc:)`` writes), read from the packed parts' bytes where they are:
    /// only the strings the targets and entries hold are made (each part made a String, then cut
    /// into new ones, was a third of unpacking a body; issue 10). Cut at bytes, so a path, id or
    /// fragment that starts with a combining mark comes back as it was packed.
    static func parts(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: ArraySlice<Range<Int>>, links: Int,
                      toc tocCount: Int) -> (targets: [LinkTarget], toc: [TOCEntry]) {
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        var targets: [LinkTarget] = []
        targets.reserveCapacity(links)
        var index = ranges.startIndex
        for _ in 0..<links {
            // Its kind (`p` or `q`) and path; then "" for no fragment, or `#` and the fragment.
            let head = ranges[index], fragment = ranges[index + 1]
            let kind: LinkTarget.Kind = !head.isEmpty && bytes[head.lowerBound] == UInt8(ascii: "q") ? .questionnaire : .page
            targets.append(LinkTarget(kind: kind, path: text(head.dropFirst()), fragment: fragment.isEmpty ? nil : text(fragment.dropFirst())))
            index += 2
        }
        var toc: [TOCEntry] = []
        toc.reserveCapacity(tocCount)
        for _ in 0..<tocCount {
            // `level:id`, then the entry's text (read within the part, whatever it holds).
            let head = ranges[index]
            let negative = !head.isEmpty && bytes[head.lowerBound] == UInt8(ascii: "-")
            var colon = negative ? head.lowerBound + 1 : head.lowerBound
            var level = 0
            while colon < head.upperBound, bytes[colon] != UInt8(ascii: ":") {
                level = level * 10 + Int(bytes[colon] &- UInt8(ascii: "0"))
                colon += 1
            }
            toc.append(TOCEntry(id: text(min(colon + 1, head.upperBound)..<head.upperBound), text: text(ranges[index + 1]),
                                level: negative ? -level : level))
            index += 2
        }
        return (targets, toc)
    }
}

/// Ids the templates use on every page; headings in content never take them.
enum ReservedIDs {
    static let all: Set<String> = ["main", "toc-heading", "sources-heading", "contact-heading",
                                   "questionnaires-heading", "pages-heading", "so-far-heading", "answers-heading", "question"]
}
