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
    var segments: [String] {
        withJoined { bytes in
            var result: [String] = []
            result.reserveCapacity(segmentCount)
            var start = 0
            for end in ends.map(Int.init) + [byteCount] {
                result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                start = end
            }
            return result
        }
    }

    /// ``joined(inserting:)`` as UTF-8 bytes, for a caller that changes them
    /// further before making a String (one check of the bytes instead of two).
    func joinedBytes(inserting inserts: [String]) -> [UInt8] {
        precondition(inserts.count == ends.count, "one insert between each two segments")
        return withJoined { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(byteCount + inserts.reduce(0) { $0 + $1.utf8.count })
            var start = 0
            for (index, end) in (ends.map(Int.init) + [byteCount]).enumerated() {
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                start = end
                if index < inserts.count { result.append(contentsOf: inserts[index].utf8) }
            }
            return result
        }
    }

    /// The segments joined with `inserts[i]` between segment `i` and `i + 1`
    /// (one insert fewer than segments).
    func joined(inserting inserts: [String]) -> String {
        precondition(inserts.count == ends.count, "one insert between each two segments")
        let capacity = byteCount + inserts.reduce(0) { $0 + $1.utf8.count }
        return withJoined { bytes in
            String(unsafeUninitializedCapacity: capacity) { out in
                var written = 0
                var start = 0
                for (index, end) in (ends.map(Int.init) + [byteCount]).enumerated() {
                    let part = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    _ = UnsafeMutableBufferPointer(rebasing: out[written...]).initialize(from: part)
                    written += part.count
                    start = end
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
