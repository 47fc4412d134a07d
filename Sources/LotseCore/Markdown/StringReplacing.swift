import Foundation

// Byte-wise token replacement (kept from the old RenderedBody: glossary markers, leaflet links).
extension String {
    /// Replaces every occurrence of `token` (found by bytes, fast for large pages).
    func replacing(_ token: String, with replacement: String) -> String {
        let tokenBytes = Array(token.utf8)
        guard !tokenBytes.isEmpty else { return self }
        var utf8 = self
        return utf8.withUTF8 { buffer -> String in
            Self.replacing(tokenBytes, with: replacement, in: buffer) ?? self
        }
    }

    /// The UTF-8 `buffer` as a String with every occurrence of `token` (not
    /// empty) replaced, found by bytes; nil when there is none.
    static func replacing(_ token: [UInt8], with replacement: String, in buffer: UnsafeBufferPointer<UInt8>) -> String? {
        replacingBytes(token, with: replacement, in: buffer).map { String(decoding: $0, as: UTF8.self) }
    }

    /// ``replacing(_:with:in:)`` giving the bytes; nil when `token` does not occur.
    static func replacingBytes(_ token: [UInt8], with replacement: String, in buffer: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var result: [UInt8] = []
        var index = 0
        var copied = 0
        let count = buffer.count
        while let found = buffer.firstOffset(of: token, from: index) {
            if result.isEmpty { result.reserveCapacity(count + 64) }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied..<found]))
            result.append(contentsOf: replacement.utf8)
            index = found + token.count
            copied = index
        }
        if copied == 0 { return nil }
        result.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied..<count]))
        return result
    }
}

extension String {
    /// Whether `token` occurs in the text, compared byte by byte.
    ///
    /// Foundation's `contains(_:)` goes through `NSString` and compares
    /// composed character sequences: on a page of text that was a tenth of a
    /// build. A byte match finds every occurrence that one finds (and also a
    /// token followed by a combining mark), so it serves as the quick test
    /// before the real search.
    func containsBytes(_ token: String) -> Bool {
        let tokenBytes = Array(token.utf8)
        guard !tokenBytes.isEmpty else { return true }
        var text = self
        return text.withUTF8 { $0.firstOffset(of: tokenBytes, from: 0) != nil }
    }
}

extension StringProtocol {
    /// Whether `token` (ASCII) occurs in the text, decided on the bytes where
    /// that is certain; nil when its first occurrence is followed by a
    /// non-ASCII character, which a combining mark could join to it (neither
    /// Foundation's search nor Characters see the token there): ask them then.
    func containsASCIIToken(_ token: String) -> Bool? {
        let tokenBytes = Array(token.utf8)
        let found = utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard let at = bytes.firstOffset(of: tokenBytes, from: 0) else { return false }
            let after = at + tokenBytes.count
            return after == bytes.count || bytes[after] < 0x80 ? true : nil
        }
        return found ?? nil
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The offset of the first occurrence of `token` (not empty) at or after
    /// `start`, compared byte by byte: the one search behind the byte-wise
    /// replacing, testing and cutting of rendered HTML.
    func firstOffset(of token: [UInt8], from start: Int) -> Int? {
        let n = token.count
        guard let base = baseAddress else { return nil }
        var index = start
        // Candidates by memchr for the first byte, then compared whole.
        while index + n <= count {
            guard let hit = memchr(base + index, Int32(token[0]), count - n + 1 - index) else { return nil }
            index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + index, token, n) == 0 { return index }
            index += 1
        }
        return nil
    }
}
