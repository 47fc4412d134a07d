import Foundation

/// The folders around an output folder (`site`) and the only operations
/// Lotse does on them: `site.lotse-lock` (the lock), `site.lotse-new-<id>`
/// (a build's staging folder), `site.lotse-old` (the previous site during
/// a swap without atomic exchange).
///
/// Every path is resolved first (symbolic links of its nearest existing
/// parent followed, so `--output link/site` with `link` → content is seen
/// as `content/site`), then checked against the protected folders with one
/// rule, before anything is written, renamed or deleted.
struct OutputFolders {
    /// The output folder, resolved.
    let output: URL
    let displayPath: String
    private let parent: URL
    private let name: String
    private let protected: [(path: String, name: String, mayHoldOutput: Bool)]

    var lockFile: URL { parent.appendingPathComponent(name + ".lotse-lock") }
    var previous: URL { parent.appendingPathComponent(name + ".lotse-old") }
    private var stagingPrefix: String { name + ".lotse-new" }

    init(output: URL, displayPath: String, protected: [OutputWriter.Protected]) throws(LotseError) {
        let resolved = Self.resolved(output)
        self.output = resolved
        self.displayPath = displayPath
        parent = resolved.deletingLastPathComponent()
        name = resolved.lastPathComponent
        self.protected = protected.map { (Self.resolved($0.url).path, $0.name, $0.mayHoldOutput) }
        let home = Self.resolved(FileManager.default.homeDirectoryForCurrentUser).path
        if resolved.path == "/" || resolved.path == home || name.isEmpty || name == "." || name == ".." {
            throw LotseError(at: nil, "refusing to use '\(displayPath)' as the output folder")
        }
        if let folder = violation(resolved) {
            throw LotseError(at: nil, "refusing to write the site to '\(displayPath)'\(resolved.path == Self.plain(output) ? "" : " (\(resolved.path))"): it would replace or sit inside the \(folder); choose an output folder of its own")
        }
    }

    /// The path with the symbolic links of its nearest existing ancestor
    /// resolved and the rest appended, so paths that do not exist yet are
    /// compared where they will really be.
    static func resolved(_ url: URL) -> URL {
        var existing = URL(fileURLWithPath: plain(url))
        var rest: [String] = []
        var hops = 0
        while true {
            if let real = realpath(existing.path, nil) {
                defer { free(real) }
                var result = URL(fileURLWithPath: String(cString: real))
                for component in rest.reversed() { result.appendPathComponent(component) }
                return result.standardizedFileURL
            }
            // A link to something that does not exist yet (`public` → `www/site`): go where it points.
            var info = stat()
            if lstat(existing.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, hops < 40,
               let target = try? FileManager.default.destinationOfSymbolicLink(atPath: existing.path) {
                hops += 1
                existing = target.hasPrefix("/") ? URL(fileURLWithPath: target)
                    : existing.deletingLastPathComponent().appendingPathComponent(target)
                existing = existing.standardizedFileURL
                continue
            }
            let last = existing.lastPathComponent
            let up = existing.deletingLastPathComponent()
            if up.path == existing.path || last.isEmpty { return url.standardizedFileURL }
            rest.append(last)
            existing = up
        }
    }

    private static func plain(_ url: URL) -> String {
        url.standardizedFileURL.path
    }

    /// The protected folder `url` would replace, hold, or (unless it may hold
    /// the output) be inside; nil when Lotse may write or delete it.
    func violation(_ url: URL) -> String? {
        let path = Self.resolved(url).path
        for folder in protected {
            if folder.path == path || folder.path.hasPrefix(path + "/") || (!folder.mayHoldOutput && path.hasPrefix(folder.path + "/")) {
                return folder.name
            }
        }
        return nil
    }

    func createParent() throws(LotseError) {
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw LotseError(at: nil, "cannot create the folder for '\(displayPath)': \(error.localizedDescription)")
        }
    }

    // MARK: Repairing what an interrupted build left

    /// A build killed between the two renames of a swap left no output
    /// folder and the last good site in `site.lotse-old`: put it back before
    /// anything else. One killed after them left the previous site there
    /// beside the complete new one: delete it.
    func recoverInterruptedSwap() throws(LotseError) {
        guard isLotseFolder(previous) else { return }
        if exists(output) {
            removeLotseFolder(previous)
            return
        }
        guard rename(previous.path, output.path) == 0 else {
            throw LotseError(at: nil, "a build was interrupted while replacing '\(displayPath)'; the last good site is in '\(previous.path)' and could not be moved back (\(String(cString: strerror(errno)))). Move it back to '\(displayPath)' by hand")
        }
    }

    /// Staging folders of builds that were killed or failed to clean up.
    /// Only Lotse's (marked) ones are deleted, and empty ones (a build killed
    /// before it wrote the marker); anything else with the name is left alone.
    func removeLeftoverStaging() throws(LotseError) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for entry in entries where entry.hasPrefix(stagingPrefix) {
            let url = parent.appendingPathComponent(entry)
            if isLotseFolder(url) {
                removeLotseFolder(url)
            } else if violation(url) == nil, isDirectory(url) {
                rmdir(url.path)  // only succeeds when empty
            }
        }
    }

    // MARK: Staging

    func createStaging() throws(LotseError) -> URL {
        for _ in 0..<10 {
            let id = String(UInt32.random(in: 0...UInt32.max), radix: 16)
            let staging = parent.appendingPathComponent("\(stagingPrefix)-\(id)")
            if let folder = violation(staging) {
                throw LotseError(at: nil, "refusing to create '\(staging.path)': it would be inside the \(folder)")
            }
            guard mkdir(staging.path, 0o755) == 0 else {
                if errno == EEXIST { continue }
                throw LotseError(at: nil, "cannot create '\(staging.path)': \(String(cString: strerror(errno)))")
            }
            let marker = staging.appendingPathComponent(OutputWriter.markerName)
            let fd = open(marker.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            let text = Array(OutputWriter.markerText.utf8)
            guard fd >= 0, text.withUnsafeBytes({ Foundation.write(fd, $0.baseAddress, $0.count) }) == text.count else {
                let reason = String(cString: strerror(errno))
                if fd >= 0 { close(fd) }
                throw LotseError(at: nil, "cannot create '\(staging.path)': \(reason)")
            }
            close(fd)
            return staging
        }
        throw LotseError(at: nil, "cannot create a staging folder beside '\(displayPath)'")
    }

    // MARK: The swap

    /// Puts the complete staging folder in place of the output folder and
    /// deletes the previous site. Each failure says what the output holds.
    func swapIn(_ staging: URL) throws(LotseError) {
        Self.testPause()
        guard exists(output) else {
            guard rename(staging.path, output.path) == 0 else {
                let reason = String(cString: strerror(errno))
                removeLotseFolder(staging)
                throw LotseError(at: nil, "cannot move the new site to '\(displayPath)': \(reason)")
            }
            return
        }
        // Where the file system can, exchange the two folders in one step.
        if ProcessInfo.processInfo.environment["LOTSE_TEST_NO_EXCHANGE"] == nil, let exchanged = Self.exchange(staging, output) {
            guard exchanged == 0 else {
                let reason = String(cString: strerror(exchanged))
                removeLotseFolder(staging)
                throw LotseError(at: nil, "cannot replace '\(displayPath)': \(reason)")
            }
            Self.testPause()
            removeLotseFolder(staging)  // now the previous site
            return
        }
        // Otherwise two renames; a build killed between them is repaired by the next one.
        if exists(previous) {
            removeLotseFolder(staging)
            throw LotseError(at: nil, "cannot replace '\(displayPath)': '\(previous.path)' is in the way and was not made by Lotse; move it elsewhere")
        }
        guard rename(output.path, previous.path) == 0 else {
            let reason = String(cString: strerror(errno))
            removeLotseFolder(staging)
            throw LotseError(at: nil, "cannot replace '\(displayPath)': \(reason)")
        }
        Self.testPause()
        guard rename(staging.path, output.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if rename(previous.path, output.path) == 0 {
                removeLotseFolder(staging)
                throw LotseError(at: nil, "cannot move the new site to '\(displayPath)': \(reason)")
            }
            var error = LotseError(at: nil, "cannot move the new site to '\(displayPath)' (\(reason)), nor the previous site back")
            error.outputState = "'\(displayPath)' is missing: the previous site is in '\(previous.path)' and the new one in '\(staging.path)'; the next build moves the previous site back first"
            throw error
        }
        Self.testPause()
        removeLotseFolder(previous)
    }

    /// `renameat2(…, RENAME_EXCHANGE)`: 0 or an errno; nil where the system or file system has no atomic exchange.
    private static func exchange(_ a: URL, _ b: URL) -> Int32? {
        typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        let renameat2 = unsafeBitCast(symbol, to: Renameat2.self)
        let renameExchange: UInt32 = 1 << 1
        if renameat2(AT_FDCWD, a.path, AT_FDCWD, b.path, renameExchange) == 0 { return 0 }
        let reason = errno
        return [EINVAL, ENOSYS, ENOTSUP, EOPNOTSUPP].contains(reason) ? nil : reason
    }

    /// `LOTSE_TEST_SWAP_PAUSE=<seconds>` waits at each step of the swap, so
    /// scripts/kill-test can kill a build in the middle of it.
    private static func testPause() {
        guard let text = ProcessInfo.processInfo.environment["LOTSE_TEST_SWAP_PAUSE"], let seconds = Double(text), seconds > 0 else { return }
        usleep(UInt32(min(seconds, 60) * 1_000_000))
    }

    // MARK: Deleting

    /// A real folder (not a link) holding Lotse's marker file, and not protected.
    func isLotseFolder(_ url: URL) -> Bool {
        var info = stat()
        let marker = url.appendingPathComponent(OutputWriter.markerName)
        return isDirectory(url) && lstat(marker.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && violation(url) == nil
    }

    /// Deletes a folder Lotse made, its marker last, so a deletion that is
    /// interrupted leaves a folder the next build still recognises.
    func removeLotseFolder(_ url: URL) {
        guard isLotseFolder(url) else { return }
        let fm = FileManager.default
        var complete = true
        for entry in (try? fm.contentsOfDirectory(atPath: url.path)) ?? [] where entry != OutputWriter.markerName {
            do { try fm.removeItem(at: url.appendingPathComponent(entry)) } catch { complete = false }
        }
        guard complete else { return }
        unlink(url.appendingPathComponent(OutputWriter.markerName).path)
        rmdir(url.path)
    }

    private func exists(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0
    }

    private func isDirectory(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
