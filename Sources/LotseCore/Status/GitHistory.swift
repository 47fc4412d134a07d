import Foundation

/// When each file under a folder was last changed in git, if the folder is
/// in a git work tree (and git is installed); empty otherwise. Uncommitted
/// changes do not count: translators work from what was committed.
struct GitHistory {
    /// Absolute file path → time of the last commit that changed it.
    private(set) var lastChange: [String: Date] = [:]

    init(folder: URL) {
        guard let root = Self.git(["rev-parse", "--show-toplevel"], in: folder)?.trimmingWhitespace, !root.isEmpty,
              let log = Self.git(["log", "--format=%x00%ct", "--name-only", "--no-renames", "--", "."], in: folder) else { return }
        var current: Date?
        for line in log.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("\0") {
                current = TimeInterval(line.dropFirst()).map { Date(timeIntervalSince1970: $0) }
            } else if let current {
                let path = URL(fileURLWithPath: root).appendingPathComponent(String(line)).standardizedFileURL.path
                if lastChange[path] == nil { lastChange[path] = current }  // newest first
            }
        }
    }

    func lastChange(of file: String) -> Date? {
        lastChange[BuildOptions.url(file).path]
    }

    private static func git(_ arguments: [String], in folder: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}
