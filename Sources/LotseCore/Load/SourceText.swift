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

    /// - Parameter folders: folders of `folder` kept open for many reads (``SourceFolders``).
    static func readData(in folder: URL, _ relative: String, displayPath: String,
                         folders: SourceFolders? = nil) throws(LotseError) -> Data {
        let location = SourceLocation(path: displayPath)
        func failure(_ what: String) -> LotseError {
            LotseError(at: location, "cannot read file: \(what)")
        }
        if let folders, folders.root == folder, let fd = folders.openFile(relative) {
            return try readOpened(fd, failure: failure)
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
        return try readOpened(fd, failure: failure)
    }

    /// The contents of the opened file `fd` (closed here), if it is a regular file of at most ``maximumSize``.
    private static func readOpened(_ fd: Int32, failure: (String) -> LotseError) throws(LotseError) -> Data {
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw failure("it is not a regular file") }
        guard Int(info.st_size) <= maximumSize else {
            throw failure("it is larger than \(maximumSize >> 20) MB; content and template files are small text files")
        }
        // Read into memory that is not cleared first (`Data(count:)` zeroes every byte it is about to overwrite).
        let size = Int(info.st_size)
        guard let buffer = malloc(max(size, 1)) else { throw failure("out of memory") }
        var total = 0
        while total < size {
            let n = Foundation.read(fd, buffer + total, size - total)
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                let reason = String(cString: strerror(errno))
                free(buffer)
                throw failure(reason)
            }
            if n == 0 { break }
            total += n
        }
        return Data(bytesNoCopy: buffer, count: total, deallocator: .free)
    }

    private static func isLink(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// The text of a file's bytes: valid UTF-8 without NUL bytes (cmark and
    /// libyaml would silently stop reading at one), byte-order mark removed,
    /// line ends normalized.
    ///
    /// Works on the bytes (one validating copy into the String, `memchr` for
    /// NUL and CR): going through Foundation's `String(data:encoding:)` and a
    /// generic `contains` over the text was a tenth of loading (issue 10). It
    /// gives what that gave: Foundation dropped one leading byte-order mark,
    /// and a second one was dropped here too.
    static func decode(_ data: Data, displayPath: String) throws(LotseError) -> String {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let decoded = data.withUnsafeBytes { raw -> (text: String?, nulOffset: Int?, hasCR: Bool) in
            var bytes = raw.bindMemory(to: UInt8.self)
            for _ in 0..<2 where bytes.starts(with: bom) { bytes = UnsafeBufferPointer(rebasing: bytes[3...]) }
            guard let text = String(validating: bytes, as: UTF8.self) else { return (nil, nil, false) }
            guard let base = raw.baseAddress else { return (text, nil, false) }
            let nul = memchr(base, 0, raw.count).map { base.distance(to: UnsafeRawPointer($0)) }
            return (text, nul, memchr(base, 13, raw.count) != nil)
        }
        guard let text = decoded.text else {
            throw LotseError(at: firstInvalidUTF8(data, path: displayPath), "file is not valid UTF-8 text; save it as UTF-8")
        }
        if let offset = decoded.nulOffset {
            throw LotseError(at: position(ofByte: offset, in: data, path: displayPath),
                             "the file contains a NUL byte (character 0) here, which text never holds; the rest of the file would be lost. Remove it (the file may be damaged or not a text file)")
        }
        return decoded.hasCR ? replacingLineEnds(text) : text
    }

    /// The text of a page file up to where its body starts (its front matter
    /// and both fences), and that offset, when the file is its text and has
    /// closed front matter: valid UTF-8 (``UTF8Check``) without NUL, `\r` or a
    /// byte-order mark. Nil for any other file, which ``decode(_:displayPath:)``
    /// then reads (and reports) as before.
    ///
    /// Why: a build reads a translation's body again from the file when it is
    /// rendered (``DeferredBody``), so making all of it a String at load, checked
    /// scalar by scalar, only to keep its front matter was most of loading (issue 10).
    /// ``FrontMatterSplit`` of the head finds the same front matter and body line as
    /// of the whole text: the fences are found line by line from the start.
    static func decodeHead(_ data: Data) -> (text: String, bodyOffset: Int)? {
        data.withUnsafeBytes { raw -> (text: String, bodyOffset: Int)? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = raw.baseAddress, !bytes.starts(with: [0xEF, 0xBB, 0xBF]),
                  memchr(base, 0, raw.count) == nil, memchr(base, 13, raw.count) == nil,
                  case let .closed(_, _, bodyOffset) = FrontMatterSplit.fences(in: bytes),
                  UTF8Check.isValid(bytes),
                  let text = String(validating: UnsafeBufferPointer(rebasing: bytes[..<bodyOffset]), as: UTF8.self)
            else { return nil }
            return (text, bodyOffset)
        }
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
        // memchr on the bytes: a generic `contains` over the UTF-8 view went byte by byte through its iterator.
        let hasCR = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { memchr($0, 13, bytes.count) != nil } ?? false
        }
            ?? text.utf8.contains(13)
        return hasCR ? replacingLineEnds(text) : text
    }

    /// `\r\n` and `\r` as `\n`, the way Foundation's search finds them: not
    /// where a combining mark follows (`SourceTextDecodeTests` pins it).
    private static func replacingLineEnds(_ text: String) -> String {
        // "\r\n" is one Character in Swift, so replace it explicitly.
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
