import Foundation

/// The built site in memory: output path → bytes.
///
/// For `lotse serve`, which serves from memory and re-renders changed pages
/// into the same sink (a later write of a path replaces the earlier one), and
/// for tests. Paths are checked like the disk writer's: none may leave the site.
public final class MemorySink: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String: Data] = [:]

    public init() {}

    public func write(_ file: OutputFile) throws(LotseError) {
        guard let relative = OutputWriter.safeRelativePath(file.path) else {
            throw LotseError(at: nil, "refusing to write '\(file.path)': it would be outside the output folder")
        }
        let data = file.withUTF8 { Data(buffer: $0) }
        lock.lock()
        stored[relative] = data
        lock.unlock()
    }

    /// Every file written so far, by path below the site's root (`de/work/index.html`).
    public var files: [String: Data] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    public func contents(of path: String) -> Data? {
        lock.lock()
        defer { lock.unlock() }
        return stored[path]
    }

    public func remove(_ path: String) {
        lock.lock()
        stored[path] = nil
        lock.unlock()
    }
}
