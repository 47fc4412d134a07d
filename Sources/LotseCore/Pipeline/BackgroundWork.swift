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

/// Hands the last reference to `value` to another thread, which frees it: at
/// the end of a build, freeing the compiled site (every page's body, the whole
/// model) took about 40 ms on one core at 10,000 pages, after the site was
/// written (issue 10). A process that exits first need not free it at all.
func releaseInBackground<T>(_ value: consuming T) {
    let box = ReleasedValue(value)
    DispatchQueue.global(qos: .utility).async { box.release() }
}

/// The value ``releaseInBackground(_:)`` hands over; only the thread it is handed to touches it.
private final class ReleasedValue<T>: @unchecked Sendable {
    private var value: T?

    init(_ value: consuming T) {
        self.value = value
    }

    func release() {
        value = nil
    }
}
