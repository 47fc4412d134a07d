import Foundation

/// Reads a content or template file as text the way volunteers' editors
/// write it: UTF-8, with or without a byte-order mark, with `\n` or `\r\n`
/// line ends.
///
/// This is the one way Lotse reads a file, with one rule for all of them:
/// a file is opened below its folder (content or templates) one path
/// segment at a time, never through a symbolic link (`O_NOFOLLOW`), so no
/// link can make Lotse publish a file from elsewhere on the machine
/// (`templates/style.css` → `/etc/passwd`). Only regular files are read
/// (a FIFO would block the build), and only up to ``maximumSize``.
enum SourceText {
    /// Larger files are refused: no content file is near this, and reading
    /// a huge file by mistake should not exhaust the memory.
    static let maximumSize = 32 << 20

    /// A file found in a folder listing.
    static func read(_ file: ContentTree.File) throws(LotseError) -> String {
        try read(in: file.root, file.relativePath, displayPath: file.displayPath)
    }

    /// The file at `relative` (with `/` separators) below `folder`. The
    /// folder itself may be a link (the user named it); nothing below it may.
    static func read(in folder: URL, _ relative: String, displayPath: String) throws(LotseError) -> String {
        try decode(readData(in: folder, relative, displayPath: displayPath), displayPath: displayPath)
    }

    /// A file named by its full path (facts.yaml, glossary.yaml, a translation's
    /// recorded source text): read from its folder by the same rule, so the
    /// file itself is never a link.
    static func read(_ url: URL, displayPath: String) throws(LotseError) -> String {
        try read(in: url.deletingLastPathComponent(), url.lastPathComponent, displayPath: displayPath)
    }

    /// Whether something (a file, folder or link, even a broken one) has
    /// this name below `folder`, without following links: a fixed-name file
    /// that is a link is then read, and refused with a message.
    static func entryExists(in folder: URL, _ relative: String) -> Bool {
        var info = stat()
        return lstat(folder.appendingPathComponent(relative).path, &info) == 0
    }

    static func readData(in folder: URL, _ relative: String, displayPath: String) throws(LotseError) -> Data {
        let location = SourceLocation(path: displayPath)
        func failure(_ what: String) -> LotseError {
            LotseError(at: location, "cannot read file: \(what)")
        }
        var fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("cannot open the folder \(folder.path): \(String(cString: strerror(errno)))") }
        let segments = relative.split(separator: "/").map(String.init)
        guard !segments.isEmpty, !segments.contains("..") else {
            close(fd)
            throw failure("'\(relative)' is not a path inside \(folder.path)")
        }
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            let flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (isLast ? O_NONBLOCK : O_DIRECTORY)
            let next = openat(fd, segment, flags)
            let openError = errno
            close(fd)
            guard next >= 0 else {
                let shown = segments[...index].joined(separator: "/")
                if openError == ELOOP || (openError == ENOTDIR && Self.isLink(folder.appendingPathComponent(shown))) {
                    throw LotseError(at: location, "'\(shown)' is a symbolic link; Lotse reads only files that are really inside the folder (copy the file there instead of linking to it)")
                }
                throw failure(String(cString: strerror(openError)))
            }
            fd = next
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw failure("it is not a regular file") }
        guard Int(info.st_size) <= maximumSize else {
            throw failure("it is larger than \(maximumSize >> 20) MB; content and template files are small text files")
        }
        var data = Data(count: Int(info.st_size))
        var total = 0
        let ok = data.withUnsafeMutableBytes { buffer -> Bool in
            while total < buffer.count {
                let n = Foundation.read(fd, buffer.baseAddress! + total, buffer.count - total)
                if n < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return false
                }
                if n == 0 { break }
                total += n
            }
            return true
        }
        guard ok else { throw failure(String(cString: strerror(errno))) }
        if total < data.count { data.removeSubrange(total...) }
        return data
    }

    private static func isLink(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// The text of a file's bytes: valid UTF-8 without NUL bytes (cmark and
    /// libyaml would silently stop reading at one), byte-order mark removed,
    /// line ends normalized.
    static func decode(_ data: Data, displayPath: String) throws(LotseError) -> String {
        guard var text = String(data: data, encoding: .utf8) else {
            throw LotseError(at: firstInvalidUTF8(data, path: displayPath), "file is not valid UTF-8 text; save it as UTF-8")
        }
        // memchr, not `Data.firstIndex(of:)`: that goes byte by byte through Data's checked subscript.
        let nulOffset = data.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress, let found = memchr(base, 0, raw.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
        if let offset = nulOffset {
            let nul = data.startIndex + offset
            throw LotseError(at: position(ofByte: nul - data.startIndex, in: data, path: displayPath),
                             "the file contains a NUL byte (character 0) here, which text never holds; the rest of the file would be lost. Remove it (the file may be damaged or not a text file)")
        }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return normalizeLineEnds(text)
    }

    /// Line and character column of a byte offset.
    static func position(ofByte offset: Int, in data: Data, path: String) -> SourceLocation {
        var line = 1
        var column = 1
        for byte in data.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(path: path, line: line, column: column)
    }

    private static func firstInvalidUTF8(_ data: Data, path: String) -> SourceLocation {
        // Decode growing prefixes line by line: the first line that does not decode holds the problem.
        var lineStart = data.startIndex
        for (index, byte) in zip(data.indices, data) where byte == UInt8(ascii: "\n") {
            if String(data: data[lineStart...index], encoding: .utf8) == nil { break }
            lineStart = index + 1
        }
        return position(ofByte: lineStart - data.startIndex, in: data, path: path)
    }

    static func normalizeLineEnds(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
        // "\r\n" is one Character in Swift, so replace it explicitly.
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}

/// A Markdown file split into its YAML front matter and its body.
struct FrontMatterSplit {
    /// The YAML between the `---` lines, or nil when the file has none.
    var yaml: String?
    /// Lines before the YAML text (the opening `---`).
    var yamlLineOffset: Int
    var body: String
    /// Lines before the body in the file.
    var bodyLineOffset: Int

    init(_ text: String, path: String) throws(LotseError) {
        // Scan bytes: front matter is a `---` line, YAML, and a `---` (or `...`) line.
        let lines = Self.lineRanges(text)
        guard let first = lines.first, Self.isFence(text.utf8[first], allowDots: false) else {
            yaml = nil
            yamlLineOffset = 0
            body = text
            bodyLineOffset = 0
            return
        }
        guard let end = lines.dropFirst().firstIndex(where: { Self.isFence(text.utf8[$0], allowDots: true) }) else {
            throw LotseError(at: SourceLocation(path: path, line: 1, column: 1),
                             "front matter starts with '---' but has no closing '---' line")
        }
        let yamlStart = lines[1 < lines.count ? 1 : 0].lowerBound
        yaml = end > 1 ? String(text.utf8[yamlStart..<lines[end - 1].upperBound])! : ""
        yamlLineOffset = 1
        body = end + 1 < lines.count ? String(text.utf8[lines[end + 1].lowerBound...])! : ""
        bodyLineOffset = end + 1
    }

    /// The byte ranges of the lines, without their `\n`.
    private static func lineRanges(_ text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            if utf8[index] == UInt8(ascii: "\n") {
                ranges.append(start..<index)
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        ranges.append(start..<utf8.endIndex)
        return ranges
    }

    /// `---` (or `...` to close), with trailing spaces allowed.
    private static func isFence(_ line: Substring.UTF8View, allowDots: Bool) -> Bool {
        var bytes = Array(line)
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { bytes.removeLast() }
        return bytes == Array("---".utf8) || (allowDots && bytes == Array("...".utf8))
    }
}
