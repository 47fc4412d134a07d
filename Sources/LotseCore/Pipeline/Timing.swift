import Foundation

/// Phase timings on standard error when `LOTSE_TIMINGS` is set, for profiling builds.
enum Timing {
    nonisolated(unsafe) private static var last = Date()
    private static let enabled = ProcessInfo.processInfo.environment["LOTSE_TIMINGS"] != nil

    static func start() {
        last = Date()
    }

    static func mark(_ phase: String) {
        guard enabled else { return }
        let now = Date()
        FileHandle.standardError.write(Data(String(format: "%@: %.3f s\n", phase, now.timeIntervalSince(last)).utf8))
        last = now
    }
}
