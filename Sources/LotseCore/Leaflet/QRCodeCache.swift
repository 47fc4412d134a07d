internal import CQRencode
import Foundation

/// The QR codes of the last build, kept on disk for the next one.
///
/// libqrencode's search for the best mask was a fifth of a build's CPU time
/// (one code for each print version's address, 9,333 in a 10,000-page site),
/// and a code depends only on its text, the error correction level and
/// libqrencode's version: so, like Hugo's cache of processed images, the
/// codes live on between builds (issue 10).
///
/// One file per content folder (`<cache dir>/qr-codes/<hash of the
/// folder's absolute path>.bin`), holding the codes the last complete render
/// asked for and no others, so it never grows beyond the site. The file is
/// read whole before rendering and written whole after it (a new file
/// renamed into place, so a build beside it reads the old or the new one,
/// never half of one), and only when this render asked for a code it did not
/// have or no longer asked for one it had. A file that cannot be read, was
/// written by another version of Lotse or libqrencode, or whose checksum
/// does not match is ignored; a cache that cannot be written is left as it
/// is: the build never fails because of its cache, and a code from the cache
/// is the same as one made anew (``QRCodeCacheTests``).
///
/// The layout (little-endian): ``magic``; the header text's length (UInt32)
/// and the header (``header``: format, libqrencode's version, encoding);
/// the number of codes (UInt32); each code as its text's length (UInt16),
/// the text (UTF-8), its width in modules (UInt8) and its modules row after
/// row, eight to a byte, the first in the lowest bit; then the SHA-256 of
/// everything before it.
public final class QRCodeCache: @unchecked Sendable {
    /// A code's modules, packed.
    struct Entry: Equatable, Sendable {
        var width: Int
        var bits: [UInt8]
    }

    /// The file read and written; nil: kept in memory only.
    public let file: URL?
    /// The codes read from the file (never changed after that: read without the lock).
    private let known: [String: Entry]
    private let lock = NSLock()
    /// The codes asked for by the renders since the last ``save()``, under `lock`.
    private var used: [String: Entry] = [:]
    private var misses = 0
    /// Whether ``used`` holds codes of a complete render (only then is the file replaced).
    private var complete = false

    static let magic = Array("LOTSEQR\n".utf8)
    /// What a file's codes were made with; a file with another header is not used.
    static let header = "lotse QR codes 1; libqrencode \(String(cString: QRcode_APIVersionString())); level M, 8-bit, case-sensitive\n"

    /// The cache kept in `file`, with the codes it holds now (none when there is
    /// no file or it cannot be used).
    public init(file: URL?) {
        self.file = file
        if let file, let data = FileManager.default.contents(atPath: file.path) {
            known = Self.decode([UInt8](data)) ?? [:]
        } else {
            known = [:]
        }
    }

    /// The cache of the site in `content`, in `directory` (see ``defaultDirectory(environment:)``).
    public convenience init(directory: String, content: String) {
        self.init(file: Self.file(directory: directory, content: content))
    }

    /// `<directory>/qr-codes/<hash>.bin`, the hash of the content folder's absolute path.
    public static func file(directory: String, content: String) -> URL {
        let folder = BuildOptions.url(content).path
        let name = String(SHA256.hex(folder).prefix(20)) + ".bin"
        return BuildOptions.url(directory).appendingPathComponent("qr-codes", isDirectory: true).appendingPathComponent(name)
    }

    /// Where Lotse keeps its caches unless told otherwise: `$LOTSE_CACHE_DIR`,
    /// else `$XDG_CACHE_HOME/lotse`, else `$HOME/.cache/lotse`; nil when none is set.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let own = environment["LOTSE_CACHE_DIR"], !own.isEmpty { return own }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/lotse" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/lotse" }
        return nil
    }

    /// How many codes the file held when it was read.
    public var knownCount: Int { known.count }

    /// Codes asked for since the last ``save()`` that were not in the file, and all asked for.
    public var counts: (made: Int, asked: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (misses, used.count)
    }

    /// The QR code of `text`: from the cache, or made by libqrencode and kept.
    /// Nil when the text is too long for a QR code.
    func code(_ text: String) -> QRCode? {
        if let entry = known[text] {
            lock.lock()
            used[text] = entry
            lock.unlock()
            return QRCode(text: text, width: entry.width, bits: entry.bits)
        }
        guard let code = QRCode(text) else { return nil }
        let entry = Entry(width: code.size, bits: code.packedBits)
        lock.lock()
        if used.updateValue(entry, forKey: text) == nil { misses += 1 }
        lock.unlock()
        return code
    }

    /// Marks the codes asked for so far as those of a complete render: ``save()``
    /// writes them. (A render of a few outputs, `lotse serve` after a save, asks
    /// for a few codes only, and the file keeps the last complete set.)
    func renderedEverything() {
        lock.lock()
        complete = true
        lock.unlock()
    }

    /// Writes the codes of the last complete render, when they differ from the
    /// file's; any error is ignored (the next build makes its codes anew).
    /// Returns whether the file was written.
    @discardableResult
    public func save() -> Bool {
        lock.lock()
        let codes = used
        let complete = self.complete
        let write = complete && (misses > 0 || codes.count != known.count)
        used = [:]
        misses = 0
        self.complete = false
        lock.unlock()
        guard let file else { return false }
        let files = FileManager.default
        guard write else {
            // Still in use: its date keeps it from being pruned as another site's cache is written.
            if complete, files.fileExists(atPath: file.path) {
                try? files.setAttributes([.modificationDate: Date()], ofItemAtPath: file.path)
            }
            return false
        }
        do {
            try files.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(Self.encode(codes)).write(to: file, options: .atomic)
        } catch {
            return false
        }
        Self.prune(file.deletingLastPathComponent(), keeping: file)
        return true
    }

    /// How long the cache of a content folder not built since is kept.
    static let maximumAge: TimeInterval = 30 * 24 * 3600

    /// Removes the caches of content folders not built for ``maximumAge`` (moved,
    /// deleted, temporary ones), and files left by writes cut off halfway.
    static func prune(_ folder: URL, keeping kept: URL, now: Date = Date()) {
        let files = FileManager.default
        guard let names = try? files.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name != kept.lastPathComponent {
            let path = folder.appendingPathComponent(name).path
            guard let modified = (try? files.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                  now.timeIntervalSince(modified) > maximumAge else { continue }
            try? files.removeItem(atPath: path)
        }
    }

    // MARK: - The file

    static func encode(_ codes: [String: Entry]) -> [UInt8] {
        var out = magic
        func u32(_ n: Int) { withUnsafeBytes(of: UInt32(n).littleEndian) { out.append(contentsOf: $0) } }
        let head = Array(header.utf8)
        u32(head.count)
        out += head
        let storable = codes.filter { $0.key.utf8.count <= Int(UInt16.max) && $0.value.width <= Int(UInt8.max) }
        u32(storable.count)
        // Sorted: the same codes always make the same file.
        for (text, entry) in storable.sorted(by: { $0.key < $1.key }) {
            let bytes = Array(text.utf8)
            withUnsafeBytes(of: UInt16(bytes.count).littleEndian) { out.append(contentsOf: $0) }
            out += bytes
            out.append(UInt8(entry.width))
            out += entry.bits
        }
        out += SHA256.digest(out)
        return out
    }

    /// The codes of a file; nil when it is not one this Lotse and libqrencode wrote whole.
    static func decode(_ data: [UInt8]) -> [String: Entry]? {
        guard data.count >= magic.count + 8 + 32 else { return nil }
        let body = data[..<(data.count - 32)]
        guard data.starts(with: magic), SHA256.digest(Array(body)) == Array(data[(data.count - 32)...]) else { return nil }
        var at = magic.count
        func u32() -> Int? {
            guard at + 4 <= body.count else { return nil }
            defer { at += 4 }
            return Int(body[at]) | Int(body[at + 1]) << 8 | Int(body[at + 2]) << 16 | Int(body[at + 3]) << 24
        }
        guard let headLength = u32(), at + headLength <= body.count,
              Array(body[at..<(at + headLength)]) == Array(header.utf8) else { return nil }
        at += headLength
        guard let count = u32(), count <= body.count else { return nil }
        var codes: [String: Entry] = [:]
        codes.reserveCapacity(count)
        for _ in 0..<count {
            guard at + 2 <= body.count else { return nil }
            let length = Int(body[at]) | Int(body[at + 1]) << 8
            at += 2
            guard at + length + 1 <= body.count, let text = String(validating: body[at..<(at + length)], as: UTF8.self) else { return nil }
            at += length
            let width = Int(body[at])
            at += 1
            // Versions 1–40: 21 to 177 modules a side, four more each version.
            guard width >= 21, (width - 21) % 4 == 0 else { return nil }
            let size = (width * width + 7) / 8
            guard at + size <= body.count else { return nil }
            codes[text] = Entry(width: width, bits: Array(body[at..<(at + size)]))
            at += size
        }
        guard at == body.count else { return nil }
        return codes
    }
}
