import Foundation
import Testing
@testable import LotseCore

/// The byte-wise and cached paths of loading and writing (issue 10) give what
/// the Character-wise and one-segment-at-a-time ones gave: safe URL segments,
/// safe output paths, file contents and read errors.
struct LoadWriteBytesTests {
    /// `ContentTree.isSafeSegment` as it was written before, by Character.
    static func referenceSafeSegment(_ segment: Substring) -> Bool {
        guard let first = segment.first, first != ".", first != "-" else { return false }
        return segment.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
    }

    /// `OutputWriter.safeRelativePath` as it was written before: split by Character.
    static func referenceSafeRelativePath(_ path: String) -> String? {
        guard !path.isEmpty, !path.hasPrefix("/"),
              !path.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 0 }) else { return nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else { return nil }
        return path
    }

    static let pieces = ["a", "Z", "0", "9", "-", "_", ".", "..", "/", "//", "index", "work-permit", "é", "e\u{301}", "\u{301}",
                         "\r\n", "\r", "\n", " ", "ß", "١", "²", "Ⅻ", "@", "[", "`", "{", "~", "\u{600}", "ü", "\\", "x.md", ""]

    @Test func safeSegmentsByByteMatchCharacters() {
        var generator = SystemRandomNumberGenerator()
        var checked = 0
        for first in Self.pieces {
            for second in Self.pieces {
                for third in ["", "a", ".", "\u{301}", "-"] {
                    let segment = Substring(first + second + third)
                    #expect(ContentTree.isSafeSegment(segment) == Self.referenceSafeSegment(segment), "\(Array(segment.unicodeScalars))")
                    checked += 1
                }
            }
        }
        for _ in 0..<2_000 {
            let segment = Substring((0..<Int.random(in: 0...6, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined())
            #expect(ContentTree.isSafeSegment(segment) == Self.referenceSafeSegment(segment), "\(Array(segment.unicodeScalars))")
        }
        #expect(checked > 1_000)
        #expect(ContentTree.isSafeSegment("work-permit_2.x") && !ContentTree.isSafeSegment(".hidden") && !ContentTree.isSafeSegment("-x"))
    }

    @Test func safeOutputPathsByByteMatchTheSplit() {
        var generator = SystemRandomNumberGenerator()
        let parts = ["a", ".", "..", "...", ".a", "a.", "/", "//", "index.html", "de", "\u{301}", "é", "\\", "\0", " ", ""]
        for first in parts {
            for second in parts {
                for third in parts {
                    let path = first + second + third
                    #expect(OutputWriter.safeRelativePath(path) == Self.referenceSafeRelativePath(path), "\(Array(path.unicodeScalars))")
                }
            }
        }
        for _ in 0..<2_000 {
            let path = (0..<Int.random(in: 0...8, using: &generator)).map { _ in parts.randomElement(using: &generator)! }.joined()
            #expect(OutputWriter.safeRelativePath(path) == Self.referenceSafeRelativePath(path), "\(Array(path.unicodeScalars))")
        }
        #expect(OutputWriter.safeRelativePath("de/work/leaflet/de/index.html") == "de/work/leaflet/de/index.html")
    }

    /// A content folder with files at several depths, a link to a file, a link to a folder, a folder
    /// where a file is expected and a FIFO: reading through ``SourceFolders`` gives the same bytes
    /// and the same errors as reading segment by segment.
    @Test func readingThroughOpenFoldersMatchesReadingSegmentBySegment() throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("lotse-folders-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("de/work/deep"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("en"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("outside"), withIntermediateDirectories: true)
        try "---\ntitle: Start\n---\nHallo\n".write(to: root.appendingPathComponent("de/index.md"), atomically: true, encoding: .utf8)
        try "---\ntitle: Arbeit\n---\nÄ\n".write(to: root.appendingPathComponent("de/work/index.md"), atomically: true, encoding: .utf8)
        try "tief\n".write(to: root.appendingPathComponent("de/work/deep/page.md"), atomically: true, encoding: .utf8)
        try "secret\n".write(to: root.appendingPathComponent("outside/secret.md"), atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("en/linked.md").path, withDestinationPath: "../outside/secret.md")
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("en/folder").path, withDestinationPath: "../outside")
        try fm.createDirectory(at: root.appendingPathComponent("en/dir.md"), withIntermediateDirectories: true)
        mkfifo(root.appendingPathComponent("en/fifo.md").path, 0o644)
        let paths = ["de/index.md", "de/work/index.md", "de/work/deep/page.md", "en/linked.md", "en/folder/secret.md",
                     "en/dir.md", "en/fifo.md", "en/missing.md", "missing/page.md", "de/../outside/secret.md", "de//index.md",
                     "de/./index.md", "site.yaml", "de/work/index.md/x"]
        func read(_ path: String, _ folders: SourceFolders?) -> Result<Data, LotseError> {
            Result { () throws(LotseError) -> Data in try SourceText.readData(in: root, path, displayPath: "content/" + path, folders: folders) }
        }
        let folders = SourceFolders(root: root)
        // Twice: the second time every folder is open already.
        for _ in 0..<2 {
            for path in paths {
                switch (read(path, nil), read(path, folders)) {
                case let (.success(a), .success(b)): #expect(a == b, "\(path)")
                case let (.failure(a), .failure(b)): #expect(a.diagnostics == b.diagnostics, "\(path)")
                case let (a, b): Issue.record("\(path): \(a) but through open folders \(b)")
                }
            }
        }
        #expect((try? read("de/work/deep/page.md", folders).get()) == Data("tief\n".utf8))
        // A folder listed under another root is read the ordinary way.
        let other = SourceFolders(root: root.appendingPathComponent("de"))
        #expect((try? read("de/index.md", other).get()) == Data("---\ntitle: Start\n---\nHallo\n".utf8))
    }

    @Test func backgroundWorkGivesItsResultToEveryCaller() {
        let work = BackgroundWork { (1...1_000).reduce(0, +) }
        #expect(work.result() == 500_500)
        #expect(work.result() == 500_500)
    }
}
