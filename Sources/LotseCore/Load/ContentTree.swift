import Foundation

/// The files of a content folder, found once and sorted so builds are deterministic.
struct ContentTree {
    struct File: Sendable {
        var url: URL
        /// The folder that was listed; read the file with ``SourceText/read(_:)``, which opens it below this folder.
        var root: URL
        /// Path below the folder that was listed, with `/` separators.
        var relativePath: String
        /// The path to print in messages: the folder as the user named it, then `relativePath`.
        var displayPath: String
    }

    /// Lists the regular files below `folder` (skipping hidden files and
    /// symbolic links, which could point outside the content).
    static func files(in folder: URL, displayPrefix: String) -> [File] {
        let keys: [URLResourceKey] = [.isRegularFileKey, .isSymbolicLinkKey, .isDirectoryKey]
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys,
                                                              options: [.skipsHiddenFiles]) else { return [] }
        let base = folder.standardizedFileURL.path
        var files: [File] = []
        for case let url as URL in enumerator {
            guard let values = try? url.resourceValues(forKeys: Set(keys)) else { continue }
            if values.isSymbolicLink == true {
                if values.isDirectory == true { enumerator.skipDescendants() }
                continue
            }
            guard values.isRegularFile == true else { continue }
            var relative = url.standardizedFileURL.path
            if relative.hasPrefix(base) { relative.removeFirst(base.count) }
            while relative.hasPrefix("/") { relative.removeFirst() }
            files.append(File(url: url, root: folder, relativePath: relative, displayPath: join(displayPrefix, relative)))
        }
        return files.sorted { $0.relativePath < $1.relativePath }
    }

    static func join(_ prefix: String, _ path: String) -> String {
        if prefix.isEmpty || prefix == "." { return path }
        return prefix.hasSuffix("/") ? prefix + path : prefix + "/" + path
    }

    /// A path segment that makes a clean, stable URL.
    static func isSafeSegment(_ segment: Substring) -> Bool {
        guard let first = segment.first, first != ".", first != "-" else { return false }
        return segment.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
    }
}
