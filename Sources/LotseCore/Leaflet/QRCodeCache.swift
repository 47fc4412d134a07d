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
    /// The file's bytes as read (its codes are read from them where they are: a String and an
    /// array for each of 9,333 codes were 2 MB more at a build's peak).
    private let bytes: [UInt8]
    /// Where each code is in ``bytes``, by ``key(_:)`` of its text (never changed after
    /// loading: read without the lock). The text there is compared too.
    private let known: [Int: Int]
    private let lock = NSLock()
    /// Under `lock`: the codes from the file asked for since the last ``save()`` (where they
    /// are), and the codes made anew.
    private var hits: Set<Int> = []
    private var made: [String: Entry] = [:]
    /// Whether ``hits`` and ``made`` hold the codes of a complete render (only then is the file replaced).
    private var complete = false

    static let magic = Array("LOTSEQR\n".utf8)
    /// What a file's codes were made with; a file with another header is not used.
    static let header = "lotse QR codes 1; libqrencode \(String(cString: QRcode_APIVersionString())); level M, 8-bit, case-sensitive\n"

    /// The cache kept in `file`, with the codes it holds now (none when there is
    /// no file or it cannot be used).
    public init(file: URL?) {
        self.file = file
        let data = file.flatMap { FileManager.default.contents(atPath: $0.path) }.map { [UInt8]($0) } ?? []
        if let found = Self.index(data) {
            bytes = data
            known = found
        } else {
            bytes = []
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
        return (made.count, made.count + hits.count)
    }

    /// The key of a text's UTF-8 bytes in ``known``.
    private static func key(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(text))
        return hasher.finalize()
    }

    private static func key(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { key($0) }
    }

    /// The QR code of `text`: from the cache, or made by libqrencode and kept.
    /// Nil when the text is too long for a QR code.
    func code(_ text: String) -> QRCode? {
        if let at = known[Self.key(text)], let code = code(at: at, text: text) {
            lock.lock()
            hits.insert(at)
            lock.unlock()
            return code
        }
        guard let code = QRCode(text) else { return nil }
        let entry = Entry(width: code.size, bits: code.packedBits)
        lock.lock()
        made[text] = entry
        lock.unlock()
        return code
    }

    /// The code stored at `at` in ``bytes`` (checked when the file was read), when its text is `text`.
    /// The text compared with memcmp and the modules unpacked where they are (a generic comparison
    /// of a slice with a String's UTF-8 and a copy of the modules were 29,000 instructions a lookup; issue 10).
    private func code(at: Int, text: String) -> QRCode? {
        var utf8Text = text
        return utf8Text.withUTF8 { utf8 in
            bytes.withUnsafeBytes { bytes -> QRCode? in
                let length = Int(bytes[at]) | Int(bytes[at + 1]) << 8
                let textStart = at + 2
                guard length == utf8.count,
                      length == 0 || memcmp(bytes.baseAddress! + textStart, utf8.baseAddress!, length) == 0 else { return nil }
                let width = Int(bytes[textStart + length])
                let bitsStart = textStart + length + 1
                return QRCode(text: text, width: width,
                              packed: UnsafeRawBufferPointer(rebasing: bytes[bitsStart..<(bitsStart + (width * width + 7) / 8)]))
            }
        }
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
        let hits = self.hits
        let made = self.made
        let complete = self.complete
        let write = complete && (!made.isEmpty || hits.count != known.count)
        self.hits = []
        self.made = [:]
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
            // The codes from the file copied as they are, the new ones encoded.
            var entries = hits.map { at in bytes[at..<Self.entryEnd(bytes, at: at)] }
            for (text, entry) in made { entries.append(Self.entry(text, entry)[...]) }
            try Data(Self.file(entries)).write(to: file, options: .atomic)
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

    /// A file of `codes`.
    static func encode(_ codes: [String: Entry]) -> [UInt8] {
        file(codes.map { entry($0.key, $0.value)[...] })
    }

    /// One code as the file holds it; none when its text or width do not fit the layout.
    static func entry(_ text: String, _ entry: Entry) -> [UInt8] {
        let bytes = Array(text.utf8)
        guard bytes.count <= Int(UInt16.max), entry.width <= Int(UInt8.max) else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(3 + bytes.count + entry.bits.count)
        withUnsafeBytes(of: UInt16(bytes.count).littleEndian) { out.append(contentsOf: $0) }
        out += bytes
        out.append(UInt8(entry.width))
        out += entry.bits
        return out
    }

    /// The file of `entries` (each as ``entry(_:_:)`` makes it; empty ones left out).
    static func file(_ entries: [ArraySlice<UInt8>]) -> [UInt8] {
        let entries = entries.filter { !$0.isEmpty }
        var out = magic
        func u32(_ n: Int) { withUnsafeBytes(of: UInt32(n).littleEndian) { out.append(contentsOf: $0) } }
        let head = Array(header.utf8)
        u32(head.count)
        out += head
        u32(entries.count)
        // Sorted by their texts' bytes: the same codes always make the same file.
        func text(_ entry: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            let start = entry.startIndex
            return entry[(start + 2)..<(start + 2 + (Int(entry[start]) | Int(entry[start + 1]) << 8))]
        }
        for entry in entries.sorted(by: { text($0).lexicographicallyPrecedes(text($1)) }) { out += entry }
        out += SHA256.digest(out)
        return out
    }

    /// Where the entry at `at` ends (the file was checked when read).
    static func entryEnd(_ bytes: [UInt8], at: Int) -> Int {
        let length = Int(bytes[at]) | Int(bytes[at + 1]) << 8
        let width = Int(bytes[at + 2 + length])
        return at + 3 + length + (width * width + 7) / 8
    }

    /// The codes of a file; nil when it is not one this Lotse and libqrencode wrote whole.
    static func decode(_ data: [UInt8]) -> [String: Entry]? {
        guard let index = index(data) else { return nil }
        var codes: [String: Entry] = [:]
        for at in index.values {
            let length = Int(data[at]) | Int(data[at + 1]) << 8
            let text = String(decoding: data[(at + 2)..<(at + 2 + length)], as: UTF8.self)
            let width = Int(data[at + 2 + length])
            codes[text] = Entry(width: width, bits: Array(data[(at + 3 + length)..<entryEnd(data, at: at)]))
        }
        return codes
    }

    /// Where each code of a file is, by ``key(_:)`` of its text; nil when the file is not one
    /// this Lotse and libqrencode wrote whole (checksum, header, every length in bounds, texts UTF-8).
    static func index(_ data: [UInt8]) -> [Int: Int]? {
        guard data.count >= magic.count + 8 + 32 else { return nil }
        let end = data.count - 32
        guard data.starts(with: magic),
              data.withUnsafeBufferPointer({ SHA256.digest(UnsafeBufferPointer(rebasing: $0[..<end])) }) == Array(data[end...])
        else { return nil }
        var at = magic.count
        func u32() -> Int? {
            guard at + 4 <= end else { return nil }
            defer { at += 4 }
            return Int(data[at]) | Int(data[at + 1]) << 8 | Int(data[at + 2]) << 16 | Int(data[at + 3]) << 24
        }
        guard let headLength = u32(), at + headLength <= end,
              data[at..<(at + headLength)].elementsEqual(header.utf8) else { return nil }
        at += headLength
        guard let count = u32(), count <= end else { return nil }
        var index: [Int: Int] = [:]
        index.reserveCapacity(count)
        for _ in 0..<count {
            let entry = at
            guard at + 2 <= end else { return nil }
            let length = Int(data[at]) | Int(data[at + 1]) << 8
            at += 2
            guard at + length + 1 <= end else { return nil }
            let text = data[at..<(at + length)]
            guard String(validating: text, as: UTF8.self) != nil else { return nil }
            let key = text.withUnsafeBufferPointer { (bytes: UnsafeBufferPointer<UInt8>) -> Int in Self.key(bytes) }
            at += length
            let width = Int(data[at])
            at += 1
            // Versions 1–40: 21 to 177 modules a side, four more each version.
            guard width >= 21, width <= 177, (width - 21) % 4 == 0 else { return nil }
            at += (width * width + 7) / 8
            guard at <= end else { return nil }
            // Two texts with one key (never seen): the second is made anew when asked for.
            if index[key] == nil { index[key] = entry }
        }
        guard at == end else { return nil }
        return index
    }
}
