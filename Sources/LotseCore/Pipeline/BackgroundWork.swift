import Foundation

/// Work started on another thread, its result waited for where it is needed:
/// for a part of a build that needs nothing from the parts running meanwhile.
final class BackgroundWork<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the work, read only after `done` was signalled.
    private var value: T?

    init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async {
            self.value = work()
            self.done.signal()
        }
    }

    /// Waits until the work is done and gives its result.
    func result() -> T {
        done.wait()
        done.signal()  // a later call returns at once
        return value!
    }
}
