import Foundation

/// The folders of one content folder opened once for many reads below them.
///
/// ``SourceText`` opens a file one path segment at a time from its folder,
/// never through a link; that was four `openat` and four `close` calls for a
/// page two folders down, and a build reads every page once and each
/// translation twice (issue 10). Here each folder is opened that way once,
/// and a file is opened from its folder's descriptor with the same flags.
/// Anything unusual (a folder that cannot be opened, a file that does not
/// open) goes the ordinary way, so errors read exactly as before.
///
/// At most ``limit`` folders are kept open; reads below others go the
/// ordinary way. The descriptors are closed with the object: keep one for
/// one pass over the files (a load, the Markdown of a build), not longer, so
/// a folder replaced in between is never read through an old descriptor.
final class SourceFolders: @unchecked Sendable {
    static let limit = 256

    let root: URL
    private let lock = NSLock()
    /// Descriptor of each folder (path below `root`, "" for `root`), or -1 when it did not open.
    private var descriptors: [String: Int32] = [:]

    init(root: URL) {
        self.root = root
    }

    deinit {
        for fd in descriptors.values where fd >= 0 { close(fd) }
    }

    /// A descriptor of the file at `relative` below `root`, opened as ``SourceText`` opens it
    /// (the caller closes it); nil when the ordinary way must be taken.
    func openFile(_ relative: String) -> Int32? {
        // Checked on the bytes, without splitting the path (that cost what the calls saved).
        guard relative.asciiPathHasOnlyNames == true, let slash = relative.utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        let folderPath = String(relative[..<slash])
        lock.lock()
        let known = descriptors[folderPath]
        let folder = known.map { $0 >= 0 ? $0 : nil } ?? open(folderPath.split(separator: "/")[...])
        lock.unlock()
        guard let folder else { return nil }
        let fd = openat(folder, String(relative[relative.utf8.index(after: slash)...]), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        return fd >= 0 ? fd : nil
    }

    /// The descriptor of the folder of these segments below `root` (none: `root`), opened
    /// below its parent's without following links; nil when it is not open. The lock is held.
    private func open(_ segments: ArraySlice<Substring>) -> Int32? {
        let key = segments.joined(separator: "/")
        if let known = descriptors[key] { return known >= 0 ? known : nil }
        guard descriptors.count < Self.limit else { return nil }
        var fd: Int32 = -1
        if segments.isEmpty {
            fd = Foundation.open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        } else if let parent = open(segments.dropLast()) {
            fd = openat(parent, String(segments.last!), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_DIRECTORY)
        }
        descriptors[key] = fd >= 0 ? fd : -1
        return fd >= 0 ? fd : nil
    }
}

extension String {
    /// For an ASCII path: whether each of its `/`-separated segments is a name (not empty, `.`
    /// or `..`), checked on the bytes; nil for a path that is not ASCII (where a `/` may join a
    /// combining mark into one Character, so only splitting by Character tells).
    var asciiPathHasOnlyNames: Bool? {
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var segment = 0  // bytes of the segment so far
        var dots = 0  // how many of them are dots
        for byte in utf8 {
            if byte == UInt8(ascii: "/") {
                if segment == 0 || segment == dots && dots <= 2 { return false }
                segment = 0
                dots = 0
            } else {
                segment += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return !(segment == 0 || segment == dots && dots <= 2)
    }
}
