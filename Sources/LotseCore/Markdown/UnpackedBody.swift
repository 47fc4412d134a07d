/// A rendered body unpacked once for the several joins of it one page needs.
///
/// Why: an advice page in one language is joined for its page (relative
/// links), again for its table of contents, and again for its print version
/// (absolute links); a packed body (``PackedSegments``) was unpacked, and its
/// link targets and table of contents made strings, each time (issue 10).
/// Unpacked, it gives exactly what ``RenderedBody/htmlBytes(reader:resolver:)``
/// and ``RenderedBody/toc`` give.
struct UnpackedBody {
    /// The HTML segments (and, for a packed body, the parts packed after them) one after the other.
    private let bytes: [UInt8]
    /// Where each HTML segment is in `bytes`.
    private let ranges: [Range<Int>]
    /// The target of the link between each two segments.
    let targets: [LinkTarget]
    let toc: [RenderedBody.TOCEntry]

    init(bytes: [UInt8], ranges: [Range<Int>], targets: [LinkTarget], toc: [RenderedBody.TOCEntry]) {
        precondition(ranges.count == targets.count + 1, "one segment more than links")
        self.bytes = bytes
        self.ranges = ranges
        self.targets = targets
        self.toc = toc
    }

    /// ``RenderedBody/htmlBytes(reader:resolver:)``: the HTML for readers of `reader`'s language.
    func htmlBytes(reader: String, resolver: some LinkResolver) -> [UInt8] {
        let inserts = RenderedBody.hrefs(targets, reader: reader, resolver: resolver)
        return bytes.withUnsafeBufferPointer { buffer in
            PackedSegments.join(buffer, ranges, first: ranges.count, inserting: inserts) { capacity, fill in
                [UInt8](unsafeUninitializedCapacity: capacity) { out, written in written = fill(out) }
            }
        }
    }
}

/// The bodies of one page's languages unpacked (``UnpackedBody``) for the batch
/// that renders the page and its print versions in every language.
///
/// One memo belongs to one batch of outputs rendered by one thread
/// (``SiteRenderer``), so it needs no lock; it holds only the current page's
/// bodies (at most one per language), let go when the next page is asked for.
final class UnpackedBodyMemo {
    private var path: String?
    private var bodies: [String: UnpackedBody] = [:]

    /// `body` (of the page at `path`, kept under `key`) unpacked, the first time it is asked for.
    func body(_ key: String, path: String, of body: RenderedBody) -> UnpackedBody {
        if path != self.path {
            bodies.removeAll(keepingCapacity: true)
            self.path = path
        }
        if let known = bodies[key] { return known }
        let made = body.unpacked()
        bodies[key] = made
        return made
    }
}
