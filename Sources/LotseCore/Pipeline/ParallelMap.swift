import Foundation

extension Array where Element: Sendable {
    /// Maps on all cores, keeping the order of the elements.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let input = self
        return concurrentResults(count) { transform(input[$0]) }
    }

    /// Maps on all cores like ``parallelMap(_:)`` and empties the array on the
    /// way: each element is freed as soon as it is mapped, not when all are
    /// done, and none is copied back. A build renders each page's Markdown and
    /// lets the page's source go at once (copying 10,000 pages back into the
    /// array, to be emptied after, was a pause on one core; issue 10).
    mutating func parallelMapEmptying<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let elements = UnsafeMutableBufferPointer<Element>.allocate(capacity: count)
        _ = elements.initialize(from: self)
        self = []
        defer { elements.deallocate() }
        let input = UnsafeSendableElements(buffer: elements)
        return concurrentResults(elements.count) { index in
            let result = transform(input.buffer[index])
            (input.buffer.baseAddress! + index).deinitialize(count: 1)
            return result
        }
    }
}

/// `make(i)` for every `i` below `count`, on all cores, in order.
private func concurrentResults<T: Sendable>(_ count: Int, _ make: @Sendable (Int) -> T) -> [T] {
    let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    let box = UnsafeSendableResults(buffer: results)
    DispatchQueue.concurrentPerform(iterations: count) { index in
        box.buffer[index] = make(index)
    }
    // Moved out, not copied (each result retained, then released with the buffer: 10,000 pages
    // or bodies at a time, on one core; issue 10). Nothing is left in the buffer to free.
    return [T](unsafeUninitializedCapacity: count) { out, initialized in
        for index in 0..<count { (out.baseAddress! + index).initialize(to: (results.baseAddress! + index).move()!) }
        initialized = count
    }
}

/// Each iteration writes only its own slot, so sharing the buffer is safe.
private struct UnsafeSendableResults<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>
}

/// Each iteration reads and frees only its own element.
private struct UnsafeSendableElements<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
}
