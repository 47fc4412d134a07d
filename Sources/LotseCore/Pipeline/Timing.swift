import Foundation

/// Phase timings on standard error when `LOTSE_TIMINGS` is set, for profiling builds.
enum Timing {
    nonisolated(unsafe) private static var last = Date()
    nonisolated(unsafe) private static var lastCPU = cpuSeconds()
    private static let enabled = ProcessInfo.processInfo.environment["LOTSE_TIMINGS"] != nil

    static func start() {
        last = Date()
        lastCPU = cpuSeconds()
    }

    static func mark(_ phase: String) {
        guard enabled else { return }
        let now = Date()
        let cpu = cpuSeconds()
        FileHandle.standardError.write(Data(String(format: "%@: %.3f s (CPU %.3f s)%@\n", phase, now.timeIntervalSince(last),
                                                   cpu - lastCPU, memory()).utf8))
        last = now
        lastCPU = cpu
    }

    /// User and system CPU time of the whole process so far (all threads).
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
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
