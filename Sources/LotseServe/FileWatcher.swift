import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells `lotse serve` which files changed in the content and templates
/// folders, through Linux's inotify: one watch on every folder below the
/// roots, a new watch for every folder created or moved in.
///
/// Editors save in bursts (write a temporary file, rename the old one away,
/// rename the new one in); the events of a burst are collected until the
/// folder has been quiet for a moment (``quietPeriod``) and handed over as one
/// set of paths. A file counts once it is closed after writing, moved in,
/// moved away or deleted; a file merely opened or created empty does not.
/// Hidden files and editors' backup, swap and lock files are left out.
public final class FileWatcher: @unchecked Sendable {
    /// How long a burst of events must be over before it is handed on.
    public var quietPeriod: Double = 0.02
    /// The longest a change waits while events keep coming.
    public var longestWait: Double = 0.3

    private let roots: [String]
    #if canImport(Glibc)
    private let fd: Int32
    private var folders: [Int32: String] = [:]
    private static let fileEvents = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM)
        | UInt32(IN_CREATE) | UInt32(IN_DELETE) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)
    #endif

    /// Watches `roots` (folders as the user named them; paths handed on start with them).
    public init(roots: [String]) throws {
        self.roots = roots
        #if canImport(Glibc)
        fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else { throw WatchError("cannot watch files (inotify_init1): \(String(cString: strerror(errno)))") }
        for root in roots where FileManager.default.fileExists(atPath: root) {
            _ = watchTree(root)
        }
        #else
        throw WatchError("watching files needs Linux (inotify)")
        #endif
    }

    /// The number of folders watched.
    public var folderCount: Int {
        #if canImport(Glibc)
        folders.count
        #else
        0
        #endif
    }

    /// Waits for changes and hands each burst to `onChange`, forever (on the calling thread).
    public func run(onChange: (Set<String>) -> Void) -> Never {
        #if canImport(Glibc)
        var changed = Set<String>()
        var created = Set<String>()
        var firstChange = Date()
        /// Hands on the burst, without the files that were made and removed in it (an editor's or sed's temporary file).
        func deliver() {
            let real = changed.filter { !created.contains($0) || FileManager.default.fileExists(atPath: $0) }
            changed = []
            created = []
            if !real.isEmpty { onChange(real) }
        }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var pollfd = Glibc.pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            var timeout: Int32 = -1
            if !changed.isEmpty {
                let left = longestWait - Date().timeIntervalSince(firstChange)
                timeout = Int32(max(0, min(quietPeriod, left)) * 1000)
            }
            let ready = poll(&pollfd, 1, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                fatalError("lotse serve: poll on inotify failed: \(String(cString: strerror(errno)))")
            }
            if ready == 0 {
                if !changed.isEmpty { deliver() }
                continue
            }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { continue }
            if changed.isEmpty { firstChange = Date() }
            changed.formUnion(events(in: buffer, count: count, created: &created))
            if !changed.isEmpty, Date().timeIntervalSince(firstChange) >= longestWait { deliver() }
        }
        #else
        fatalError("watching files needs Linux (inotify)")
        #endif
    }

    /// Leaves out files no one edits by hand: hidden files (the content
    /// loader skips them too), backups (`page.md~`), swap and lock files.
    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasPrefix("#") || name == "4913"
            || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasSuffix(".tmp")
    }

    #if canImport(Glibc)
    /// The paths named by the events in `buffer`; new folders are watched (and their files count as changed).
    private func events(in buffer: [UInt8], count: Int, created: inout Set<String>) -> Set<String> {
        var paths = Set<String>()
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                 raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                 Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
            }
            let nameBytes = buffer[(offset + header)..<min(offset + header + length, count)]
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            offset += header + length

            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                // Events were lost: say every root changed (a full compile).
                paths.formUnion(roots)
                continue
            }
            guard let folder = folders[wd] else { continue }
            if mask & UInt32(IN_IGNORED) != 0 {
                folders[wd] = nil
                continue
            }
            if mask & (UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)) != 0 {
                paths.insert(folder)
                continue
            }
            guard !name.isEmpty, !Self.isIgnored(name) else { continue }
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            if mask & UInt32(IN_ISDIR) != 0 {
                paths.insert(path)
                if mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 {
                    // Files may have been made in it before the watch was in place.
                    paths.formUnion(watchTree(path))
                }
                continue
            }
            // An empty new file is not a change yet: its closing after writing is.
            if mask & UInt32(IN_CREATE) != 0 {
                created.insert(path)
                continue
            }
            paths.insert(path)
        }
        return paths
    }

    /// Watches `folder` and every folder below it; returns the files found in them.
    private func watchTree(_ folder: String) -> [String] {
        var files: [String] = []
        var stack = [folder]
        while let next = stack.popLast() {
            let wd = inotify_add_watch(fd, next, Self.fileEvents | UInt32(IN_ONLYDIR))
            guard wd >= 0 else { continue }
            folders[wd] = next
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: next)) ?? []
            for entry in entries where !Self.isIgnored(entry) {
                let path = next.hasSuffix("/") ? next + entry : next + "/" + entry
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    // Not into linked folders: the content loader does not follow them either.
                    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
                    if attributes?[.type] as? FileAttributeType != .typeSymbolicLink { stack.append(path) }
                } else {
                    files.append(path)
                }
            }
        }
        return files
    }
    #endif

    struct WatchError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
