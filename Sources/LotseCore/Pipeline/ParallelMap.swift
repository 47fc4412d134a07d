import Foundation

extension Array where Element: Sendable {
    /// Maps on all cores, keeping the order of the elements.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let box = UnsafeSendableBuffer(buffer: results)
        let input = self
        DispatchQueue.concurrentPerform(iterations: count) { index in
            box.buffer[index] = transform(input[index])
        }
        return results.map { $0! }
    }
}

/// Each iteration writes only its own slot, so sharing the buffer is safe.
private struct UnsafeSendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>
}
