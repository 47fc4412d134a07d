import Foundation

/// The one place that writes the built site.
///
/// Files go into a new folder beside the output folder as they are rendered
/// (from any thread, so memory stays small for large sites); only when all
/// of them are written is that folder swapped in, so a failed build leaves
/// the previous site untouched. A marker file tells Lotse's own output
/// folders apart from folders it must not replace.
final class OutputWriter: @unchecked Sendable {
    static let markerName = ".lotse-site"
    static let markerText = "This folder is written by Lotse (lotse build). It is replaced on every build.\n"

    let output: URL
    let displayPath: String
    private let staging: URL
    private let previous: URL
    private let lock = NSLock()
    private var written = Set<String>()
    private var folders = Set<String>()

    /// Checks that the output folder may be replaced and starts a new folder beside it.
    /// A folder the output must never replace.
    struct Protected {
        var url: URL
        var name: String
        /// The working folder may hold the output (`./site`); content and templates may not.
        var mayHoldOutput = false
    }

    init(output: URL, displayPath: String, force: Bool, protected: [Protected] = []) throws(LotseError) {
        self.output = output
        self.displayPath = displayPath
        let parent = output.deletingLastPathComponent()
        staging = parent.appendingPathComponent(output.lastPathComponent + ".lotse-new")
        previous = parent.appendingPathComponent(output.lastPathComponent + ".lotse-old")
        try Self.checkNotSourceFolder(output, displayPath: displayPath, protected: protected)
        try Self.checkReplaceable(output, displayPath: displayPath, force: force)
        let fm = FileManager.default
        do {
            try? fm.removeItem(at: staging)
            try? fm.removeItem(at: previous)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            try Data(Self.markerText.utf8).write(to: staging.appendingPathComponent(Self.markerName))
        } catch {
            throw LotseError(at: nil, "cannot create '\(staging.path)': \(error.localizedDescription)")
        }
    }

    /// Fails when the output folder would hold or be inside a folder that must
    /// survive the build (the content, the templates, the working folder), even
    /// with `--force`.
    static func checkNotSourceFolder(_ output: URL, displayPath: String, protected: [Protected]) throws(LotseError) {
        let out = output.standardizedFileURL.resolvingSymlinksInPath().path
        if out == "/" || out == FileManager.default.homeDirectoryForCurrentUser.standardizedFileURL.path {
            throw LotseError(at: nil, "refusing to use '\(displayPath)' as the output folder")
        }
        for folder in protected {
            let path = folder.url.standardizedFileURL.resolvingSymlinksInPath().path
            if path == out || path.hasPrefix(out + "/") || (!folder.mayHoldOutput && out.hasPrefix(path + "/")) {
                throw LotseError(at: nil, "refusing to write the site to '\(displayPath)': it would replace or sit inside the \(folder.name); choose an output folder of its own")
            }
        }
    }

    /// Fails when the output folder exists, is not empty and was not made by Lotse.
    static func checkReplaceable(_ output: URL, displayPath: String, force: Bool) throws(LotseError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw LotseError(at: nil, "output '\(displayPath)' exists and is not a folder")
        }
        let entries = (try? fm.contentsOfDirectory(atPath: output.path)) ?? []
        if entries.isEmpty || force { return }
        if !fm.fileExists(atPath: output.appendingPathComponent(markerName).path) {
            throw LotseError(at: nil, "output folder '\(displayPath)' was not made by Lotse (no \(markerName) in it); refusing to replace it. Choose another --output or pass --force")
        }
    }

    /// The file's place in the output folder, or nil if its path would leave it.
    static func safeRelativePath(_ path: String) -> String? {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else { return nil }
        return path
    }

    /// Writes one file into the new folder. Safe to call from several threads.
    func write(_ file: OutputFile) throws(LotseError) {
        guard let relative = Self.safeRelativePath(file.path) else {
            throw LotseError(at: nil, "refusing to write '\(file.path)': it would be outside the output folder")
        }
        let url = staging.appendingPathComponent(relative)
        let folder = url.deletingLastPathComponent().path
        lock.lock()
        let isNew = written.insert(relative).inserted
        let needsFolder = folders.insert(folder).inserted
        lock.unlock()
        guard isNew else {
            throw LotseError(at: nil, "two pages would be written to the same file '\(relative)'")
        }
        do {
            if needsFolder {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
        } catch {
            throw LotseError(at: nil, "cannot create the folder for '\(relative)': \(error.localizedDescription)")
        }
        // Plain POSIX writes: the whole folder is swapped in at the end, so
        // single files need neither atomic replacement nor syncing.
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw LotseError(at: nil, "cannot write '\(relative)': \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var contents = file.contents
        let ok = contents.withUTF8 { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        if !ok {
            throw LotseError(at: nil, "cannot write '\(relative)': \(String(cString: strerror(errno)))")
        }
    }

    var fileCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return written.count
    }

    /// Throws away the new folder; the previous site stays as it was.
    func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// Swaps the new folder in for the output folder.
    func commit() throws(LotseError) {
        let fm = FileManager.default
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
            abandon()
            throw LotseError(at: nil, "cannot replace '\(displayPath)': \(error.localizedDescription)")
        }
    }
}
