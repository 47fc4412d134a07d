import Foundation

/// The one place that writes the built site.
///
/// Files go into a new folder beside the output folder; only when all of
/// them are written is that folder swapped in, so a failed build leaves the
/// previous site untouched. A marker file tells Lotse's own output folders
/// apart from folders it must not replace.
struct OutputWriter {
    static let markerName = ".lotse-site"
    static let markerText = "This folder is written by Lotse (lotse build). It is replaced on every build.\n"

    var output: URL
    var displayPath: String
    var force: Bool

    private var staging: URL { output.deletingLastPathComponent().appendingPathComponent(output.lastPathComponent + ".lotse-new") }
    private var previous: URL { output.deletingLastPathComponent().appendingPathComponent(output.lastPathComponent + ".lotse-old") }

    /// Fails when the output folder exists, is not empty and was not made by Lotse.
    func checkReplaceable() throws(LotseError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw LotseError(at: nil, "output '\(displayPath)' exists and is not a folder")
        }
        let entries = (try? fm.contentsOfDirectory(atPath: output.path)) ?? []
        if entries.isEmpty || force { return }
        if !fm.fileExists(atPath: output.appendingPathComponent(Self.markerName).path) {
            throw LotseError(at: nil, "output folder '\(displayPath)' was not made by Lotse (no \(Self.markerName) in it); refusing to replace it. Choose another --output or pass --force")
        }
    }

    /// The file's place in the output folder, or nil if its path would leave it.
    static func safeRelativePath(_ path: String) -> String? {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else { return nil }
        return path
    }

    /// Writes every file, then swaps the new folder in.
    func write(_ files: [OutputFile]) throws(LotseError) {
        try checkReplaceable()
        let fm = FileManager.default
        do {
            try? fm.removeItem(at: staging)
            try? fm.removeItem(at: previous)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            try Data(Self.markerText.utf8).write(to: staging.appendingPathComponent(Self.markerName))
            var seen = Set<String>()
            var folders = Set<String>()
            for file in files {
                guard let relative = Self.safeRelativePath(file.path) else {
                    throw LotseError(at: nil, "refusing to write '\(file.path)': it would be outside the output folder")
                }
                guard seen.insert(relative).inserted else {
                    throw LotseError(at: nil, "two pages would be written to the same file '\(relative)'")
                }
                let url = staging.appendingPathComponent(relative)
                let folder = url.deletingLastPathComponent().path
                if folders.insert(folder).inserted {
                    try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
                try Data(file.contents.utf8).write(to: url)
            }
        } catch let error as LotseError {
            try? fm.removeItem(at: staging)
            throw error
        } catch {
            try? fm.removeItem(at: staging)
            throw LotseError(at: nil, "cannot write the site: \(error.localizedDescription)")
        }
        do {
            if fm.fileExists(atPath: output.path) {
                try fm.moveItem(at: output, to: previous)
            }
            try fm.moveItem(at: staging, to: output)
            try? fm.removeItem(at: previous)
        } catch {
            // Put the previous site back if the swap failed half-way.
            if !fm.fileExists(atPath: output.path), fm.fileExists(atPath: previous.path) {
                try? fm.moveItem(at: previous, to: output)
            }
            try? fm.removeItem(at: staging)
            throw LotseError(at: nil, "cannot replace '\(displayPath)': \(error.localizedDescription)")
        }
    }
}
