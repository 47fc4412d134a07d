import Foundation

// Byte-wise token replacement (kept from the old RenderedBody: glossary markers, leaflet links).
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
        guard let first = tokenBytes.first else { return true }
        var text = self
        return text.withUTF8 { buffer -> Bool in
            let n = tokenBytes.count
            guard buffer.count >= n else { return false }
            var index = 0
            while index + n <= buffer.count {
                if buffer[index] == first, memcmp(buffer.baseAddress! + index, tokenBytes, n) == 0 { return true }
                index += 1
            }
            return false
        }
    }
}
