import CLZ4
import Synchronization

/// Text cut into segments, kept compressed (LZ4): how a one-shot `lotse build`
/// holds each rendered page body between compiling and writing.
///
/// Every page's HTML is rendered at compile time (links and heading ids are
/// checked across pages before anything is written), so at 10,000 pages the
/// bodies were the largest part of peak memory (about 75 MB, issue 10). LZ4
/// keeps them at about a third, and packing and unpacking cost little next
/// to rendering. Unpacking gives back exactly the same bytes.
///
/// Where the segments end is packed too, as a table of lengths (LEB128)
/// before the text: a body with its link targets and table of contents has
/// dozens of segments, and a table of its own was about 2 MB at 10,000 pages.
struct PackedSegments: Sendable {
    private let compressed: [UInt8]
    /// Bytes of all segments joined.
    let byteCount: Int
    /// Bytes of the length table before the text.
    private let tableBytes: Int32
    let segmentCount: Int

    /// Nil when the text is too large for LZ4 (about 2 GB): keep it as it is.
    /// `parts` follow the segments as more segments: their bytes one after the other and each one's length.
    init?(_ segments: [String], then parts: (bytes: [UInt8], lengths: [Int]) = ([], [])) {
        self.init(lengths: segments.map { $0.utf8.count } + parts.lengths) { joined in
            for segment in segments { joined.append(contentsOf: segment.utf8) }
            joined.append(contentsOf: parts.bytes)
        }
    }

    /// The segments of `html` cut at the offsets `cuts` (ascending), then
    /// `parts`: what ``init(_:)`` packs of those segments as strings, packed
    /// straight from the bytes (making each segment a String first checked
    /// every byte of every page once more; issue 10). `parts` come as their
    /// bytes one after the other and each one's length.
    init?(html: UnsafeBufferPointer<UInt8>, cuts: [Int], then parts: (bytes: [UInt8], lengths: [Int])) {
        var lengths: [Int] = []
        lengths.reserveCapacity(cuts.count + 1 + parts.lengths.count)
        var start = 0
        for cut in cuts {
            lengths.append(cut - start)
            start = cut
        }
        lengths.append(html.count - start)
        lengths += parts.lengths
        self.init(lengths: lengths) { joined in
            joined.append(contentsOf: html)
            joined.append(contentsOf: parts.bytes)
        }
    }

    /// Segments of these lengths, whose bytes `write` appends one after the other.
    private init?(lengths: [Int], write: (inout [UInt8]) -> Void) {
        let total = lengths.reduce(0, +)
        var table: [UInt8] = []
        table.reserveCapacity(lengths.count * 2)
        for segmentLength in lengths.dropLast() {
            var length = segmentLength
            repeat {
                let low = UInt8(length & 0x7F)
                length >>= 7
                table.append(length == 0 ? low : low | 0x80)
            } while length > 0
        }
        let raw = table.count + total
        guard raw <= Int(LZ4_MAX_INPUT_SIZE) else { return nil }
        var joined = table
        joined.reserveCapacity(raw)
        write(&joined)
        byteCount = total
        tableBytes = Int32(table.count)
        segmentCount = max(lengths.count, 1)
        guard raw > 0 else {
            compressed = []
            return
        }
        // Compressed into a scratch buffer of the worst case, then copied at its size.
        let bound = Int(LZ4_compressBound(Int32(raw)))
        let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bound, 1))
        defer { scratch.deallocate() }
        let size = joined.withUnsafeBufferPointer { source in
            LZ4Streams.shared.compress(source, into: scratch)
        }
        guard size > 0 else { return nil }
        compressed = [UInt8](UnsafeBufferPointer(rebasing: scratch[0..<size]))
    }

    /// The unpacked bytes (the length table, then the joined text) and where each segment is in
    /// them, handed to `body` (valid only inside it).
    private func withJoined<R>(_ body: (UnsafeBufferPointer<UInt8>, [Range<Int>]) -> R) -> R {
        let raw = Int(tableBytes) + byteCount
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(raw, 1))
        defer { bytes.deallocate() }
        let ranges = unpack(into: bytes)
        return body(UnsafeBufferPointer(rebasing: bytes[..<raw]), ranges)
    }

    /// Unpacks the length table and the joined text into `bytes` (room for both) and returns where
    /// each segment is in them (past the table).
    private func unpack(into bytes: UnsafeMutableBufferPointer<UInt8>) -> [Range<Int>] {
        let raw = Int(tableBytes) + byteCount
        if raw > 0 {
            let written = compressed.withUnsafeBufferPointer { source in
                LZ4_decompress_safe(UnsafeRawPointer(source.baseAddress!).assumingMemoryBound(to: CChar.self),
                                    UnsafeMutableRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                                    Int32(source.count), Int32(raw))
            }
            precondition(Int(written) == raw, "packed segments do not unpack to their size")
        }
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(segmentCount)
        var position = 0
        var start = Int(tableBytes)
        for _ in 0..<(segmentCount - 1) {
            var length = 0
            var shift = 0
            while true {
                let byte = bytes[position]
                position += 1
                length |= Int(byte & 0x7F) << shift
                if byte & 0x80 == 0 { break }
                shift += 7
            }
            ranges.append(start..<(start + length))
            start += length
        }
        ranges.append(start..<raw)
        return ranges
    }

    /// The segments as they were packed.
    var segments: [String] { segments(from: 0) }

    /// The segments from `start` on (the parts packed after a text's own segments).
    func segments(from start: Int) -> [String] {
        withJoined { bytes, ranges in Self.segments(from: start, of: bytes, ranges) }
    }

    /// The segments from `start` on as bytes, where each is in `bytes`, handed to `body`
    /// (valid only inside it): for a caller that reads them without making each a String.
    func withSegments<R>(from start: Int, _ body: (UnsafeBufferPointer<UInt8>, ArraySlice<Range<Int>>) -> R) -> R {
        withJoined { bytes, ranges in body(bytes, ranges[min(start, ranges.count)...]) }
    }

    /// ``joined(first:inserting:)`` as UTF-8 bytes, for a caller that changes them
    /// further before making a String (one check of the bytes instead of two).
    func joinedBytes(first count: Int, inserting inserts: Inserts) -> [UInt8] {
        join(first: count, inserting: inserts) { capacity, fill in
            [UInt8](unsafeUninitializedCapacity: capacity) { out, written in written = fill(out) }
        }
    }

    private static func segments(from start: Int, of bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) -> [String] {
        guard start < ranges.count else { return [] }
        return ranges[start...].map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
    }

    /// What is inserted between the first segments, made from the segments after them
    /// (as bytes, where each is in the joined text: ``withSegments(from:_:)``).
    typealias Inserts = (UnsafeBufferPointer<UInt8>, ArraySlice<Range<Int>>) -> [String]

    /// The first `count` segments joined with an insert between each two,
    /// made by `inserts` from the segments after them (one decompression for both).
    func joined(first count: Int, inserting inserts: Inserts) -> String {
        join(first: count, inserting: inserts) { capacity, fill in
            String(unsafeUninitializedCapacity: capacity, initializingUTF8With: fill)
        }
    }

    /// The join behind ``joined(first:inserting:)`` and ``joinedBytes(first:inserting:)``:
    /// `make` is given the joined size and a function that writes the join into a buffer of it.
    private func join<Result>(first count: Int, inserting inserts: Inserts,
                              make: (Int, (UnsafeMutableBufferPointer<UInt8>) -> Int) -> Result) -> Result {
        precondition(count >= 1 && count <= segmentCount, "no such segments")
        return withJoined { bytes, ranges in
            let inserts = inserts(bytes, ranges[count...])
            return Self.join(bytes, ranges, first: count, inserting: inserts, make: make)
        }
    }

    /// The first `count` segments of `bytes` (cut at `ranges`) joined with `inserts` between each two.
    static func join<Result>(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>], first count: Int, inserting inserts: [String],
                             make: (Int, (UnsafeMutableBufferPointer<UInt8>) -> Int) -> Result) -> Result {
        precondition(inserts.count == count - 1, "one insert between each two segments")
        let capacity = ranges[count - 1].upperBound - ranges[0].lowerBound + inserts.reduce(0) { $0 + $1.utf8.count }
        return make(capacity) { out in
            var written = 0
            for index in 0..<count {
                let part = UnsafeBufferPointer(rebasing: bytes[ranges[index]])
                _ = UnsafeMutableBufferPointer(rebasing: out[written...]).initialize(from: part)
                written += part.count
                if index < inserts.count {
                    var insert = inserts[index]
                    insert.withUTF8 { utf8 in
                        _ = UnsafeMutableBufferPointer(rebasing: out[written...]).initialize(from: utf8)
                        written += utf8.count
                    }
                }
            }
            return written
        }
    }

    /// The bytes unpacked once (the length table, then the joined text), with where each segment
    /// is in them: for a caller that joins the same text more than once (``UnpackedBody``).
    ///
    /// Unpacked straight into the array given back (copying the text out of a scratch buffer was
    /// an eighth of unpacking; issue 10).
    func unpacked() -> (bytes: [UInt8], ranges: [Range<Int>]) {
        var ranges: [Range<Int>] = []
        let bytes = [UInt8](unsafeUninitializedCapacity: max(Int(tableBytes) + byteCount, 1)) { buffer, count in
            ranges = unpack(into: buffer)
            count = Int(tableBytes) + byteCount
        }
        return (bytes, ranges)
    }
}

/// LZ4 compression states kept for the next page body: `LZ4_compress_default`
/// clears a new 16 KB state for every body, and that clearing was a third of
/// packing (issue 10). A state taken from here is made ready with
/// `LZ4_resetStream_fast` (the library's way to start a new, independent
/// block in a used state), so each body is still compressed on its own and
/// unpacks without any other.
final class LZ4Streams: Sendable {
    static let shared = LZ4Streams()

    /// States not in use; at most as many as bodies were ever packed at once (one a core).
    private let idle = Mutex<[State]>([])

    private struct State: @unchecked Sendable {
        /// Used by one caller at a time (taken out of ``idle`` while used).
        let stream: UnsafeMutablePointer<LZ4_stream_t>
    }

    /// `source` compressed into `destination` (at least `LZ4_compressBound` of it): its size, 0 on failure.
    func compress(_ source: UnsafeBufferPointer<UInt8>, into destination: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let state = idle.withLock { $0.popLast() } ?? {
            let stream = UnsafeMutablePointer<LZ4_stream_t>.allocate(capacity: 1)
            _ = LZ4_initStream(stream, MemoryLayout<LZ4_stream_t>.size)
            return State(stream: stream)
        }()
        defer { idle.withLock { $0.append(state) } }
        LZ4_resetStream_fast(state.stream)
        return Int(LZ4_compress_fast_continue(state.stream,
                                              UnsafeRawPointer(source.baseAddress!).assumingMemoryBound(to: CChar.self),
                                              UnsafeMutableRawPointer(destination.baseAddress!).assumingMemoryBound(to: CChar.self),
                                              Int32(source.count), Int32(destination.count), 1))
    }
}
