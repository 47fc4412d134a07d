import Foundation

/// The files of a content folder, found once and sorted so builds are deterministic.
struct ContentTree {
    struct File: Sendable {
        /// The folder that was listed; read the file with ``SourceText/read(_:)``, which opens it below this folder.
        var root: URL
        /// Path below the folder that was listed, with `/` separators.
        var relativePath: String
        /// The path to print in messages: the folder as the user named it, then `relativePath`.
        var displayPath: String

        /// The file's full path (made when asked: a listing of 10,000 files made a URL for each; issue 10).
        var url: URL { URL(fileURLWithPath: root.standardizedFileURL.path + "/" + relativePath, isDirectory: false) }
    }

    /// Lists the regular files below `folder` (skipping hidden files and
    /// symbolic links, which could point outside the content). Reads each
    /// folder with `readdir`, whose entry types spare a `stat` per file.
    static func files(in folder: URL, displayPrefix: String) -> [File] {
        let base = folder.standardizedFileURL.path
        var files: [File] = []
        var pending = [""]
        while let relativeFolder = pending.popLast() {
            let path = relativeFolder.isEmpty ? base : base + "/" + relativeFolder
            guard let directory = opendir(path) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
                }
                if name.hasPrefix(".") { continue }
                let relative = relativeFolder.isEmpty ? name : relativeFolder + "/" + name
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) {
                    var info = stat()
                    guard lstat(path + "/" + name, &info) == 0 else { continue }
                    switch info.st_mode & S_IFMT {
                    case S_IFREG: type = Int32(DT_REG)
                    case S_IFDIR: type = Int32(DT_DIR)
                    default: continue
                    }
                }
                if type == Int32(DT_DIR) {
                    pending.append(relative)
                } else if type == Int32(DT_REG) {
                    files.append(File(root: folder, relativePath: relative, displayPath: join(displayPrefix, relative)))
                }
            }
        }
        return files.sorted { $0.relativePath < $1.relativePath }
    }

    static func join(_ prefix: String, _ path: String) -> String {
        if prefix.isEmpty || prefix == "." { return path }
        return prefix.hasSuffix("/") ? prefix + path : prefix + "/" + path
    }

    /// `path.split(separator: "/")`, cut at `/` bytes when the path is ASCII (each byte then a
    /// Character of its own, or `\r\n`), by Characters otherwise (a `/` followed by a combining
    /// mark is not one): cutting every file's path by Characters was a tenth of loading's one-core part (issue 10).
    static func segments(_ path: Substring) -> [Substring] {
        let utf8 = path.utf8
        // The segments' byte ranges, found in the path's own storage; nil when it is not ASCII.
        let cuts = utf8.withContiguousStorageIfAvailable { bytes -> [Range<Int>]? in
            var ranges: [Range<Int>] = []
            var start = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x80 else { return nil }
                if byte == UInt8(ascii: "/") {
                    if index != start { ranges.append(start..<index) }
                    start = index + 1
                }
            }
            if start != bytes.count { ranges.append(start..<bytes.count) }
            return ranges
        } ?? nil
        guard let cuts else { return path.split(separator: "/") }
        let base = utf8.startIndex
        return cuts.map { path[utf8.index(base, offsetBy: $0.lowerBound)..<utf8.index(base, offsetBy: $0.upperBound)] }
    }

    /// A path segment that makes a clean, stable URL: ASCII letters, digits,
    /// `-`, `_` and `.`, not starting with `.` or `-`.
    ///
    /// On the bytes (by Character it was a tenth of loading, on one core;
    /// issue 10): an ASCII Character is one byte (or `\r\n`, neither letter
    /// nor digit), its letters are `A`–`Z` and `a`–`z` and its numbers the
    /// digits, and a byte of a non-ASCII Character is never one of these.
    static func isSafeSegment(_ segment: Substring) -> Bool {
        guard let first = segment.utf8.first, first != UInt8(ascii: "."), first != UInt8(ascii: "-") else { return false }
        return segment.utf8.allSatisfy { byte in
            let lower = byte | 0x20
            return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }
}
