import Foundation
import Testing
@testable import LotseCore

/// QR codes kept between builds: a code from the cache is the code libqrencode
/// makes, a site built with the cache is the same bytes as one built without,
/// and a cache that is damaged, old or cannot be written never changes a build.
@Suite struct QRCodeCacheTests {
    static let urls = ["https://beratung.musterstadt.example/ar/can-i-work/amzgchf2vz/",
                       "https://advice.example/de/",
                       "https://city.example/advice/uk/my-residence-prospects/q8zq9mv4nn/?x=1&y=%C3%BC#fees",
                       "https://beratung.example/fa/خانواده/",
                       String(repeating: "https://long.example/", count: 20)]

    /// A temporary folder, removed when the test is done.
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lotse-qr-cache-\(UUID().uuidString)")
        deinit { try? FileManager.default.removeItem(at: url) }
        var path: String { url.path }
    }

    @Test func packedCodesAreTheCodesLibqrencodeMakes() throws {
        for url in Self.urls {
            let made = try #require(QRCode(url))
            let kept = QRCode(text: url, width: made.size, bits: made.packedBits)
            #expect(kept.dark == made.dark)
            #expect(kept.size == made.size)
            #expect(kept.svg(label: "QR") == made.svg(label: "QR"))
        }
    }

    /// Codes of every version, 21 to 177 modules a side (texts of 1 to 2,331 bytes at level M).
    static let codesOfEverySize: [QRCode] = {
        var codes: [Int: QRCode] = [:]
        var length = 1
        while length <= 2331 {
            let text = String((0..<length).map { i in Array("abcdefghijklmnopqrstuvwxyz0123456789/-_.~")[(i * 7 + length) % 41] })
            if let code = QRCode(text), codes[code.size] == nil { codes[code.size] = code }
            length += codes.count < 20 ? 3 : 11
        }
        if let last = QRCode(String(repeating: "z", count: 2331)) { codes[last.size] = last }
        return codes.keys.sorted().map { codes[$0]! }
    }()

    /// Unpacking a code's modules word by word from where the cache holds them (bytes of other
    /// entries around them) gives libqrencode's rows, for every size.
    @Test func codesUnpackedInPlaceAreLibqrencodes() throws {
        #expect(Set(Self.codesOfEverySize.map(\.size)).count >= 38)
        for made in Self.codesOfEverySize {
            let bits = made.packedBits
            // Unpacked module by module, as before.
            var plain = [Bool](repeating: false, count: made.size * made.size)
            for i in plain.indices { plain[i] = bits[i >> 3] >> UInt8(i & 7) & 1 == 1 }
            #expect(made.dark == plain)
            #expect(QRCode(text: made.text, width: made.size, bits: bits).rows == made.rows)
            for (before, after) in [(0, 0), (3, 1), (5, 9), (1, 17)] {
                let around = [UInt8](repeating: 0xA5, count: before) + bits + [UInt8](repeating: 0xFF, count: after)
                let kept = around.withUnsafeBytes { QRCode(text: made.text, width: made.size, packed: UnsafeRawBufferPointer(rebasing: $0[before..<(before + bits.count)])) }
                #expect(kept.rows == made.rows, "\(made.size) modules, \(before) bytes before")
            }
        }
    }

    /// A code from a saved file is found by its text (byte for byte, not one of the same length) and is the code made anew.
    @Test func aCodeFromTheFileIsTheCodeMadeAnew() throws {
        let folder = Folder()
        let file = folder.url.appendingPathComponent("codes.bin")
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        let first = QRCodeCache(file: file)
        for url in Self.urls { _ = first.code(url) }
        first.renderedEverything()
        #expect(first.save())
        let second = QRCodeCache(file: file)
        #expect(second.knownCount == Self.urls.count)
        for url in Self.urls {
            let kept = try #require(second.code(url))
            let made = try #require(QRCode(url))
            #expect(kept.rows == made.rows && kept.size == made.size && kept.text == url)
            #expect(kept.svgBytes(label: "QR") == made.svgBytes(label: "QR"))
        }
        #expect(second.counts.made == 0)
        // A text of the same length that is not in the file is made anew.
        var other = Array(Self.urls[1].utf8)
        other[other.count - 2] ^= 1
        let changed = String(decoding: other, as: UTF8.self)
        #expect(second.code(changed)?.rows == QRCode(changed)?.rows)
        #expect(second.counts.made == 1)
    }

    @Test func theFileReadsBackAsWritten() throws {
        var codes: [String: QRCodeCache.Entry] = [:]
        for url in Self.urls {
            let code = try #require(QRCode(url))
            codes[url] = QRCodeCache.Entry(width: code.size, bits: code.packedBits)
        }
        let file = QRCodeCache.encode(codes)
        #expect(QRCodeCache.decode(file) == codes)
        // The same codes make the same bytes, whatever order they were asked for in.
        #expect(QRCodeCache.encode(codes) == file)
        #expect(QRCodeCache.decode(QRCodeCache.encode([:])) == [:])
    }

    @Test func aDamagedOrForeignFileIsNotUsed() throws {
        let code = try #require(QRCode(Self.urls[0]))
        let file = QRCodeCache.encode([Self.urls[0]: QRCodeCache.Entry(width: code.size, bits: code.packedBits)])
        #expect(QRCodeCache.decode([]) == nil)
        #expect(QRCodeCache.decode(Array("not a cache".utf8)) == nil)
        // Cut anywhere.
        for length in stride(from: 0, to: file.count, by: 7) {
            #expect(QRCodeCache.decode(Array(file[..<length])) == nil, "cut at \(length)")
        }
        // Any byte changed, the checksum's own included.
        for index in stride(from: 0, to: file.count, by: 5) {
            var changed = file
            changed[index] ^= 0x10
            #expect(QRCodeCache.decode(changed) == nil, "byte \(index) changed")
        }
        // Another libqrencode or format version: well formed, checksum right, header different.
        let header = Array(QRCodeCache.header.utf8)
        var other = Array(file.dropLast(32))
        let at = QRCodeCache.magic.count + 4
        #expect(Array(other[at..<(at + header.count)]) == header)
        other[at + header.count - 2] = UInt8(ascii: "X")
        other += SHA256.digest(other)
        #expect(QRCodeCache.decode(other) == nil)
    }

    /// Builds `site` into its output folder with the cache in `cache` (none: nil)
    /// and returns every file's bytes.
    static func build(_ site: Fixture, cache: String?) throws -> [String: Data] {
        var options = site.options()
        options.cacheDirectory = cache
        try SiteBuilder.build(options)
        return try Fixture.files(in: URL(fileURLWithPath: site.output))
    }

    static func site() throws -> Fixture {
        try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", "Willkommen."),
            "content/de/work/permit.md": Fixture.page("Arbeitserlaubnis", "## Gebühren {#fees}\n\nText."),
            "content/en/work/permit.md": Fixture.page("Work permit", "## Fees {#fees}\n\nText."),
            "content/de/family.md": Fixture.page("Familie", "## Nachzug {#reunion}\n\nText."),
        ])
    }

    /// The print versions with a QR code in a built site (one code each: their addresses differ).
    static func codes(in files: [String: Data]) -> Int {
        files.values.filter { String(decoding: $0, as: UTF8.self).contains("<svg class=\"qr\"") }.count
    }

    @Test func aSiteBuiltWithTheCacheIsTheSiteBuiltWithout() throws {
        let site = try Self.site()
        let cache = Folder()
        let without = try Self.build(site, cache: nil)
        #expect(!FileManager.default.fileExists(atPath: cache.path))
        let first = try Self.build(site, cache: cache.path)
        let second = try Self.build(site, cache: cache.path)
        #expect(first == without)
        #expect(second == without)
        // Print versions with German beside: two pages, English and Arabic readers.
        #expect(Self.codes(in: without) == 4)

        let file = QRCodeCache.file(directory: cache.path, content: site.content)
        let kept = QRCodeCache(file: file)
        #expect(kept.knownCount == 4)

        // The second build made no code anew and left the file as it was.
        let compiled = try SiteCompiler.compile(site.options().compileOptions)
        try SiteRenderer.render(compiled, into: MemorySink(), qrCodes: kept)
        #expect(kept.counts.made == 0)
        #expect(kept.counts.asked == 4)
        #expect(!kept.save())
    }

    @Test func theFileHoldsOnlyTheLastBuildsCodes() throws {
        let site = try Self.site()
        let cache = Folder()
        _ = try Self.build(site, cache: cache.path)
        let file = QRCodeCache.file(directory: cache.path, content: site.content)
        #expect(QRCodeCache(file: file).knownCount == 4)
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/de/work/permit.md"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/en/work/permit.md"))
        let files = try Self.build(site, cache: cache.path)
        #expect(Self.codes(in: files) == 2)
        #expect(QRCodeCache(file: file).knownCount == 2)
    }

    @Test func aDamagedCacheIsMadeAnew() throws {
        let site = try Self.site()
        let cache = Folder()
        let expected = try Self.build(site, cache: nil)
        _ = try Self.build(site, cache: cache.path)
        let file = QRCodeCache.file(directory: cache.path, content: site.content)
        var bytes = try [UInt8](Data(contentsOf: file))
        // A code's module flipped: without the checksum, a print version would lead nowhere.
        bytes[bytes.count - 40] ^= 0x01
        try Data(bytes).write(to: file)
        #expect(QRCodeCache(file: file).knownCount == 0)
        #expect(try Self.build(site, cache: cache.path) == expected)
        #expect(QRCodeCache(file: file).knownCount == 4)
    }

    @Test func aCacheThatCannotBeWrittenDoesNotStopTheBuild() throws {
        let site = try Self.site()
        let cache = Folder()
        // A file where the cache folder would be.
        try Data("x".utf8).write(to: cache.url)
        let expected = try Self.build(site, cache: nil)
        #expect(try Self.build(site, cache: cache.path) == expected)
    }

    @Test func aRenderOfSomeOutputsLeavesTheFileAlone() throws {
        let site = try Self.site()
        let cache = Folder()
        let file = QRCodeCache.file(directory: cache.path, content: site.content)
        let compiled = try SiteCompiler.compile(site.options().compileOptions)
        let partial = QRCodeCache(file: file)
        try SiteRenderer.render(compiled, outputs: [.page(path: "work/permit", language: "en")], into: MemorySink(), qrCodes: partial)
        #expect(partial.counts.made == 1)
        #expect(!partial.save())
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func oldCachesOfOtherSitesArePruned() throws {
        let folder = Folder()
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        let kept = folder.url.appendingPathComponent("kept.bin")
        let old = folder.url.appendingPathComponent("old.bin")
        let recent = folder.url.appendingPathComponent("recent.bin")
        for file in [kept, old, recent] { try Data("x".utf8).write(to: file) }
        let now = Date()
        try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-40 * 24 * 3600)], ofItemAtPath: old.path)
        try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-40 * 24 * 3600)], ofItemAtPath: kept.path)
        try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-2 * 24 * 3600)], ofItemAtPath: recent.path)
        QRCodeCache.prune(folder.url, keeping: kept, now: now)
        #expect(FileManager.default.fileExists(atPath: kept.path))
        #expect(FileManager.default.fileExists(atPath: recent.path))
        #expect(!FileManager.default.fileExists(atPath: old.path))
    }

    @Test func theDefaultFolderFollowsTheEnvironment() {
        #expect(QRCodeCache.defaultDirectory(environment: ["LOTSE_CACHE_DIR": "/c", "XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/c")
        #expect(QRCodeCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/x/lotse")
        // XDG: a relative path is to be ignored.
        #expect(QRCodeCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "x", "HOME": "/h"]) == "/h/.cache/lotse")
        #expect(QRCodeCache.defaultDirectory(environment: ["HOME": "/h"]) == "/h/.cache/lotse")
        #expect(QRCodeCache.defaultDirectory(environment: [:]) == nil)
        // One file per content folder, wherever it was named from.
        #expect(QRCodeCache.file(directory: "/c", content: "/a/content") == QRCodeCache.file(directory: "/c", content: "/a/content/"))
        #expect(QRCodeCache.file(directory: "/c", content: "/a/content") != QRCodeCache.file(directory: "/c", content: "/b/content"))
    }
}
