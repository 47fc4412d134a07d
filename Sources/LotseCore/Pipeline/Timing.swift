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
        FileHandle.standardError.write(Data(String(format: "%@: %.3f s%@\n", phase, now.timeIntervalSince(last), memory()).utf8))
        last = now
    }

    /// The resident memory now and at its peak so far (Linux), e.g. ", 120 MiB (peak 180 MiB)".
    private static func memory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "" }
        func mebibytes(_ key: String) -> Int? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }),
                  let kB = Int(line.split(separator: " ").dropFirst().first { !$0.isEmpty } ?? "") else { return nil }
            return kB / 1024
        }
        guard let now = mebibytes("VmRSS"), let peak = mebibytes("VmHWM") else { return "" }
        return ", \(now) MiB (peak \(peak) MiB)"
    }
}
