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
struct DeferredBody: Sendable {
    var file: ContentTree.File
    /// ``hash(_:)`` of the whole text as loaded.
    var textHash: Int

    /// A hash of a file's text, to notice a change (not a secure hash).
    static func hash(_ text: String) -> Int {
        var hasher = Hasher()
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        return hasher.finalize()
    }

    /// The page's Markdown as it was when loaded; nil (with an error in `log`)
    /// when the file cannot be read again or changed since.
    func read(log: DiagnosticLog) -> String? {
        let text: String
        let split: FrontMatterSplit
        do {
            text = try SourceText.read(file)
            split = try FrontMatterSplit(text, path: file.displayPath)
        } catch {
            log.add(contentsOf: error)
            return nil
        }
        guard Self.hash(text) == textHash else {
            log.error(at: SourceLocation(path: file.displayPath),
                      "the file changed while the site was being built; build again")
            return nil
        }
        return split.body
    }
}
