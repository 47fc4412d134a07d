import Foundation

/// The one place that writes the built site.
///
/// Files go into a staging folder beside the output folder as they are
/// rendered (from any thread, so memory stays small for large sites); only
/// when all of them are written is that folder swapped in, so a failed
/// build leaves the previous site untouched. The rules that keep this safe:
///
/// - One build at a time per output folder: a lock (`flock`) on
///   `<output>.lotse-lock` beside it; a second build fails at once.
/// - Each build stages into a folder of its own (`<output>.lotse-new-<id>`).
/// - The swap can be interrupted at any point: the output folder is either
///   the previous site or the new one, each complete (an atomic exchange
///   where the file system has one; otherwise two renames, and the next
///   build puts the previous site back *first* if it finds the second
///   rename missing). The previous site is deleted only once the new one
///   is in place.
/// - Lotse deletes only folders it made (they hold the marker file
///   ``markerName``; the marker is deleted last), never a protected folder
///   (content, templates, working folder), with every path checked after
///   resolving the symbolic links of its nearest existing parent.
final class OutputWriter: @unchecked Sendable {
    static let markerName = ".lotse-site"
    static let markerText = "This folder is written by Lotse (lotse build). It is replaced on every build.\n"

    /// A folder the output must never replace, hold or be written into.
    struct Protected {
        var url: URL
        var name: String
        /// The working folder may hold the output (`./site`); content and templates may not.
        var mayHoldOutput = false
    }

    /// The output folder, its symbolic links resolved.
    let output: URL
    let displayPath: String
    private let folders: OutputFolders
    private let staging: URL
    /// The staging folder, open: files and folders are made relative to it (`openat`, `mkdirat`),
    /// so the kernel looks up only their own path below it, not the output's parents again for
    /// each of 20,000 files and 29,000 folders (issue 10). Closed when the build commits or is abandoned.
    private var stagingFolder: Int32 = -1
    private var outputLock: OutputLock?
    private let lock = NSLock()
    /// Files written so far. Which paths need no set of their own: each file is
    /// created with `O_EXCL` in the new staging folder, so a second write of
    /// a path fails there (a set of 20,000 paths was about 2 MB, issue 10).
    private var written = 0
    /// Hashes of the folders made so far, to spare a `mkdir` per file: a hash
    /// taken for another folder only costs the retry of a failed `open`.
    private var createdFolders = Set<Int>()
    private var finished = false

    /// Checks that the output folder may be replaced, takes the lock on it,
    /// repairs what an interrupted build left, and starts a new staging folder.
    init(output: URL, displayPath: String, force: Bool, protected: [Protected] = []) throws(LotseError) {
        let folders = try OutputFolders(output: output, displayPath: displayPath, protected: protected)
        self.folders = folders
        self.output = folders.output
        self.displayPath = displayPath
        try folders.createParent()
        outputLock = try OutputLock(folders.lockFile, displayPath: displayPath)
        do throws(LotseError) {
            try folders.recoverInterruptedSwap()
            try folders.removeLeftoverStaging()
            try Self.checkReplaceable(folders.output, displayPath: displayPath, force: force)
            staging = try folders.createStaging()
            stagingFolder = open(staging.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard stagingFolder >= 0 else {
                let reason = String(cString: strerror(errno))
                folders.removeLotseFolder(staging)
                // Every property is set here, so the writer is deinitialized after the throw:
                // finished, its `abandon()` does nothing more (the lock is released below).
                finished = true
                throw LotseError(at: nil, "cannot open the new folder for '\(displayPath)': \(reason)")
            }
        } catch {
            outputLock = nil
            throw error
        }
    }

    /// Fails when the output folder would hold or be inside a folder that must
    /// survive the build (the content, the templates, the working folder), even
    /// with `--force`.
    static func checkNotSourceFolder(_ output: URL, displayPath: String, protected: [Protected]) throws(LotseError) {
        _ = try OutputFolders(output: output, displayPath: displayPath, protected: protected)
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
        // Bytes, not Foundation's `contains` (a search through NSString for every file written).
        guard !path.isEmpty, !path.hasPrefix("/"),
              !path.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 0 }) else { return nil }
        // An ASCII path (every path Lotse makes) is checked segment by segment on its bytes, without
        // splitting it into Substrings (a tenth of creating each file; issue 10). Elsewhere a `/` may
        // join a combining mark into one Character: split by Character, as before.
        if let hasOnlyNames = path.asciiPathHasOnlyNames { return hasOnlyNames ? path : nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else { return nil }
        return path
    }

    /// Each file is created with `O_EXCL` in a new folder: a second write of a path fails.
    var refusesSecondWrites: Bool { true }

    /// Writes one file into the staging folder. Safe to call from several threads.
    ///
    /// Paths are plain strings below the staging folder and folders are made
    /// with `mkdirat` and files with `openat` in it (URL and FileManager calls were a twentieth of a build).
    func write(_ file: OutputFile) throws(LotseError) {
        let (fd, relative) = try create(file.path)
        defer { close(fd) }
        if !file.withUTF8({ write($0, to: fd) }) {
            throw LotseError(at: nil, "cannot write '\(relative)': \(String(cString: strerror(errno)))")
        }
    }

    /// Writes a file made in parts, each as it comes (the sitemap: 12 MB at 10,000 pages, never held whole).
    func write(_ path: String, parts produce: (_ emit: (String) -> Void) -> Void) throws(LotseError) {
        let (fd, relative) = try create(path)
        defer { close(fd) }
        var failure: LotseError?
        produce { part in
            guard failure == nil else { return }
            var part = part
            do throws(LotseError) {
                try write(&part, to: fd, relative: relative)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// Creates the file at `path` (below the staging folder) and its folders; its descriptor and relative path.
    private func create(_ path: String) throws(LotseError) -> (Int32, String) {
        guard let relative = Self.safeRelativePath(path), relative != Self.markerName else {
            throw LotseError(at: nil, "refusing to write '\(path)': it would be outside the output folder")
        }
        let folder = relative.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(relative[..<$0]) }
        lock.lock()
        let needsFolder = folder.map { createdFolders.insert($0.hashValue).inserted } ?? false
        lock.unlock()
        if needsFolder, let folder { try makeFolder(folder, for: relative) }
        // Plain POSIX writes: the whole folder is swapped in at the end, so
        // single files need neither atomic replacement nor syncing. O_EXCL:
        // the staging folder is new, so nothing may be there already.
        func create() -> Int32 { openat(stagingFolder, relative, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644) }
        var fd = create()
        if fd < 0, errno == ENOENT, let folder {
            // Another thread claimed the folder and has not made it yet (or another folder had its hash).
            try makeFolder(folder, for: relative)
            fd = create()
        }
        guard fd >= 0 else {
            if errno == EEXIST {
                throw LotseError(at: nil, "two pages would be written to the same file '\(relative)'")
            }
            throw LotseError(at: nil, "cannot write '\(relative)': \(String(cString: strerror(errno)))")
        }
        lock.lock()
        written += 1
        lock.unlock()
        return (fd, relative)
    }

    private func write(_ contents: inout String, to fd: Int32, relative: String) throws(LotseError) {
        if !contents.withUTF8({ write($0, to: fd) }) {
            throw LotseError(at: nil, "cannot write '\(relative)': \(String(cString: strerror(errno)))")
        }
    }

    /// Writes all of `buffer` to `fd`; false (with `errno` set) when that fails.
    private func write(_ buffer: UnsafeBufferPointer<UInt8>, to fd: Int32) -> Bool {
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

    /// Makes `folder` (below the staging folder) and the folders it is in, as far as they are missing.
    ///
    /// The folder it is in is claimed first (``createdFolders``) and, if it was not yet, made first:
    /// `site/en/work/leaflet/en` then makes `…/leaflet` and then itself, instead of failing once
    /// for want of it (ten thousand failed `mkdir` calls at 10,000 pages; issue 10).
    private func makeFolder(_ folder: String, for relative: String) throws(LotseError) {
        if let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
            let parent = String(folder[..<slash])
            lock.lock()
            let needsParent = createdFolders.insert(parent.hashValue).inserted
            lock.unlock()
            if needsParent { try makeFolder(parent, for: relative) }
        }
        try makeFolderOrParents(folder, for: relative)
    }

    /// Makes `folder`, and the folders it is in when `mkdirat` finds them missing (another thread
    /// claimed one and has not made it yet, or another folder's hash was the same).
    private func makeFolderOrParents(_ folder: String, for relative: String) throws(LotseError) {
        if mkdirat(stagingFolder, folder, 0o777) == 0 || errno == EEXIST { return }
        guard errno == ENOENT, let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) else {
            throw LotseError(at: nil, "cannot create the folder for '\(relative)': \(String(cString: strerror(errno)))")
        }
        try makeFolderOrParents(String(folder[..<slash]), for: relative)
        guard mkdirat(stagingFolder, folder, 0o777) == 0 || errno == EEXIST else {
            throw LotseError(at: nil, "cannot create the folder for '\(relative)': \(String(cString: strerror(errno)))")
        }
    }

    var fileCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return written
    }

    /// Throws away the staging folder; the previous site stays as it was.
    func abandon() {
        guard !finished else { return }
        finished = true
        closeStagingFolder()
        folders.removeLotseFolder(staging)
        outputLock = nil
    }

    /// A writer dropped without ``commit()`` (a build that failed or threw) abandons its work.
    deinit {
        abandon()
    }

    /// Swaps the staging folder in for the output folder, then deletes the previous site.
    func commit() throws(LotseError) {
        guard !finished else { return }
        finished = true
        defer { outputLock = nil }
        closeStagingFolder()
        try folders.swapIn(staging)
    }

    private func closeStagingFolder() {
        if stagingFolder >= 0 { close(stagingFolder) }
        stagingFolder = -1
    }
}
