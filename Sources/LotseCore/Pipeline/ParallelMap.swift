import Foundation

extension Array where Element: Sendable {
    /// Maps on all cores, keeping the order of the elements.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let input = self
        return concurrentResults(count) { transform(input[$0]) }
    }

    /// Maps on all cores like ``parallelMap(_:)``, and lets `release` shrink
    /// each element as soon as it is mapped (the array is taken apart while
    /// mapping, so what `release` drops is freed at once, not when all are done):
    /// a build renders each page's Markdown and drops the source right away.
    mutating func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T,
                                           thenRelease release: @Sendable (inout Element) -> Void) -> [T] {
        let elements = UnsafeMutableBufferPointer<Element>.allocate(capacity: count)
        _ = elements.initialize(from: self)
        self = []
        defer {
            self = Array(elements)
            _ = elements.deinitialize()
            elements.deallocate()
        }
        let input = UnsafeSendableElements(buffer: elements)
        return concurrentResults(elements.count) { index in
            let result = transform(input.buffer[index])
            release(&input.buffer[index])
            return result
        }
    }
}

/// `make(i)` for every `i` below `count`, on all cores, in order.
private func concurrentResults<T: Sendable>(_ count: Int, _ make: @Sendable (Int) -> T) -> [T] {
    let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer {
        // Deinitialized too: a buffer only deallocated would keep every result alive.
        _ = results.deinitialize()
        results.deallocate()
    }
    let box = UnsafeSendableResults(buffer: results)
    DispatchQueue.concurrentPerform(iterations: count) { index in
        box.buffer[index] = make(index)
    }
    return results.map { $0! }
}

/// Each iteration writes only its own slot, so sharing the buffer is safe.
private struct UnsafeSendableResults<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>
}

/// Each iteration reads and changes only its own element.
private struct UnsafeSendableElements<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
}
