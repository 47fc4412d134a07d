import Foundation

/// Where a page's Markdown is, when a one-shot `lotse build` does not hold it
/// from loading to rendering.
///
/// Loading reads every page (its front matter makes the site: titles, drafts,
/// the set of pages links are checked against), and held every body until
/// the Markdown was rendered: at 10,000 pages that was the largest part of
/// memory after loading (about 60 MB, issue 10). A build lets translations'
/// bodies go once parsed (source pages keep theirs: translation status reads
/// them) and reads each file again when its Markdown is rendered. The file's
/// text must be the one loaded (its hash is kept): a file saved in between is
/// an error at its path (build again), never a page made of two versions.
///
/// The file's bytes are hashed, not its text, and for a file that is its
/// text (no byte-order mark, no `\r`: most files) where the body starts is
/// kept too: the body is then made straight from the bytes read again, which
/// were valid UTF-8 when loaded, without decoding the whole file and
/// splitting its front matter off again (that was most of reading it again;
/// issue 10).
struct DeferredBody: Sendable {
    var file: ContentTree.File
    /// ``hash(_:)`` of the file's bytes as loaded.
    var textHash: Int
    /// Where the body starts in the file's bytes, when they are its text.
    var bodyOffset: Int?

    /// - Parameters:
    ///   - data: the file's bytes as loaded; `text`: their text (``SourceText/decode(_:displayPath:)``).
    init(file: ContentTree.File, data: Data, text: String) {
        self.file = file
        textHash = Self.hash(data)
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let hasCR = data.withUnsafeBytes { raw in raw.baseAddress.map { memchr($0, 13, raw.count) != nil } ?? false }
        let isText = !data.starts(with: bom) && !hasCR && text.utf8.count == data.count
        bodyOffset = isText ? (try? FrontMatterSplit(text, path: file.displayPath))?.bodyOffset : nil
    }

    /// A body whose file is its text (``SourceText/decodeHead(_:)``), starting at `bodyOffset` of `data`.
    init(file: ContentTree.File, data: Data, bodyOffset: Int) {
        self.file = file
        textHash = Self.hash(data)
        self.bodyOffset = bodyOffset
    }

    /// A hash of a file's bytes, to notice a change (not a secure hash, and
    /// kept only while a build runs): eight bytes at a time, each word
    /// multiplied in and its high bits folded back, then a final avalanche
    /// (MurmurHash3's). Every file is hashed twice in a build, and `Hasher`
    /// (SipHash, byte-oriented) was a fifth of reading a translation again
    /// (issue 10). Four words at a time go into four lanes, each its own
    /// chain of multiplies that the CPU works on side by side (one chain
    /// waited for each multiply before the next), folded into one at the end.
    static func hash(_ data: Data) -> Int {
        data.withUnsafeBytes { raw -> Int in
            let count = raw.count
            let seed: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: count)
            var lane0 = seed, lane1 = seed &+ 0xC2B2_AE3D_27D4_EB4F, lane2 = seed &+ 0x1656_67B1_9E37_79F9,
                lane3 = seed &+ 0x85EB_CA77_C2B2_AE63
            var offset = 0
            while offset + 32 <= count {
                lane0 = mix(lane0, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                lane1 = mix(lane1, raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
                lane2 = mix(lane2, raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
                lane3 = mix(lane3, raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
                offset += 32
            }
            var h = mix(mix(mix(lane0, lane1), lane2), lane3)
            while offset + 8 <= count {
                h = mix(h, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            if offset < count {
                var last: UInt64 = 0
                for index in offset..<count { last = last << 8 | UInt64(raw[index]) }
                h = mix(h, last ^ 0x80)
            }
            h ^= h >> 33
            h = h &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 33
            h = h &* 0xC4CE_B9FE_1A85_EC53
            h ^= h >> 33
            return Int(truncatingIfNeeded: h)
        }
    }

    /// `word` multiplied into `h`, its high bits folded back.
    @inline(__always)
    private static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let product = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
        return product ^ product >> 32
    }

    /// The page's Markdown as it was when loaded; nil (with an error in `log`)
    /// when the file cannot be read again or changed since.
    func read(log: DiagnosticLog) -> String? {
        readBytes(log: log).map { String(decoding: $0, as: UTF8.self) }
    }

    /// ``read(log:)`` as the Markdown's UTF-8 bytes (valid UTF-8: the bytes loaded).
    /// - Parameter folders: the content folder's folders kept open while a build reads its pages again.
    func readBytes(log: DiagnosticLog, folders: SourceFolders? = nil) -> Data? {
        let data: Data
        do {
            data = try SourceText.readData(in: file.root, file.relativePath, displayPath: file.displayPath, folders: folders)
        } catch {
            log.add(contentsOf: error)
            return nil
        }
        guard Self.hash(data) == textHash else {
            log.error(at: SourceLocation(path: file.displayPath),
                      "the file changed while the site was being built; build again")
            return nil
        }
        if let bodyOffset {
            // The bytes loaded, which were the file's text: valid UTF-8, nothing to decode.
            return data[(data.startIndex + bodyOffset)...]
        }
        do throws(LotseError) {
            return Data(try FrontMatterSplit(SourceText.decode(data, displayPath: file.displayPath), path: file.displayPath).body.utf8)
        } catch {
            log.add(contentsOf: error)
            return nil
        }
    }
}
