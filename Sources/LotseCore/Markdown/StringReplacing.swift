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
