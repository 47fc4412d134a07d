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

    /// A hash of a file's bytes, to notice a change (not a secure hash).
    static func hash(_ data: Data) -> Int {
        var hasher = Hasher()
        data.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }

    /// The page's Markdown as it was when loaded; nil (with an error in `log`)
    /// when the file cannot be read again or changed since.
    func read(log: DiagnosticLog) -> String? {
        let data: Data
        do {
            data = try SourceText.readData(in: file.root, file.relativePath, displayPath: file.displayPath)
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
            return String(decoding: data[(data.startIndex + bodyOffset)...], as: UTF8.self)
        }
        do throws(LotseError) {
            return try FrontMatterSplit(SourceText.decode(data, displayPath: file.displayPath), path: file.displayPath).body
        } catch {
            log.add(contentsOf: error)
            return nil
        }
    }
}
