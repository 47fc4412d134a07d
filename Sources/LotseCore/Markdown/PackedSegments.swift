import CLZ4

/// Text cut into segments, kept compressed (LZ4): how a one-shot `lotse build`
/// holds each rendered page body between compiling and writing.
///
/// Every page's HTML is rendered at compile time (links and heading ids are
/// checked across pages before anything is written), so at 10,000 pages the
/// bodies were the largest part of peak memory (about 75 MB, issue 10). LZ4
/// keeps them at about a third, and packing and unpacking cost little next
/// to rendering. Unpacking gives back exactly the same bytes.
struct PackedSegments: Sendable {
    private let compressed: [UInt8]
    /// Bytes of all segments joined.
    let byteCount: Int
    /// Where each segment but the last ends, in the joined bytes.
    private let ends: [Int32]

    /// Nil when the text is too large for LZ4 (about 2 GB): keep it as it is.
    init?(_ segments: [String]) {
        let total = segments.reduce(0) { $0 + $1.utf8.count }
        guard total <= Int(LZ4_MAX_INPUT_SIZE) else { return nil }
        var joined: [UInt8] = []
        joined.reserveCapacity(total)
        var ends: [Int32] = []
        ends.reserveCapacity(max(segments.count - 1, 0))
        for (index, segment) in segments.enumerated() {
            joined.append(contentsOf: segment.utf8)
            if index < segments.count - 1 { ends.append(Int32(joined.count)) }
        }
        byteCount = total
        self.ends = ends
        guard total > 0 else {
            compressed = []
            return
        }
        // Compressed into a scratch buffer of the worst case, then copied at its size.
        let bound = Int(LZ4_compressBound(Int32(total)))
        let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bound, 1))
        defer { scratch.deallocate() }
        let size = joined.withUnsafeBufferPointer { source in
            Int(LZ4_compress_default(UnsafeRawPointer(source.baseAddress!).assumingMemoryBound(to: CChar.self),
                                     UnsafeMutableRawPointer(scratch.baseAddress!).assumingMemoryBound(to: CChar.self),
                                     Int32(total), Int32(bound)))
        }
        guard size > 0 else { return nil }
        compressed = [UInt8](UnsafeBufferPointer(rebasing: scratch[0..<size]))
    }

    var segmentCount: Int { ends.count + 1 }

    /// The joined bytes, handed to `body` (valid only inside it).
    private func withJoined<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(byteCount, 1))
        defer { bytes.deallocate() }
        if byteCount > 0 {
            let written = compressed.withUnsafeBufferPointer { source in
                LZ4_decompress_safe(UnsafeRawPointer(source.baseAddress!).assumingMemoryBound(to: CChar.self),
                                    UnsafeMutableRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                                    Int32(source.count), Int32(byteCount))
            }
            precondition(Int(written) == byteCount, "packed segments do not unpack to their size")
        }
        return body(UnsafeBufferPointer(rebasing: bytes[0..<byteCount]))
    }

    /// The segments as they were packed.
    var segments: [String] { segments(from: 0) }

    /// The segments from `start` on (the parts packed after a text's own segments).
    func segments(from start: Int) -> [String] {
        withJoined { bytes in segments(from: start, of: bytes) }
    }

    private func segments(from start: Int, of bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var result: [String] = []
        result.reserveCapacity(max(segmentCount - start, 0))
        for index in start..<max(segmentCount, start) {
            let range = self.range(index)
            result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
        }
        return result
    }

    /// Where segment `index` is in the joined bytes.
    private func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : Int(ends[index - 1]))..<(index == ends.count ? byteCount : Int(ends[index]))
    }

    /// The first `count` segments joined with an insert between each two,
    /// made by `inserts` from the segments after them (one decompression for both).
    func joined(first count: Int, inserting inserts: ([String]) -> [String]) -> String {
        precondition(count >= 1 && count <= segmentCount, "no such segments")
        return withJoined { bytes in
            let inserts = inserts(segments(from: count, of: bytes))
            precondition(inserts.count == count - 1, "one insert between each two segments")
            let joinedEnd = range(count - 1).upperBound
            let capacity = joinedEnd + inserts.reduce(0) { $0 + $1.utf8.count }
            return String(unsafeUninitializedCapacity: capacity) { out in
                var written = 0
                for index in 0..<count {
                    let part = UnsafeBufferPointer(rebasing: bytes[range(index)])
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
    }
}
