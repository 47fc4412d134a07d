/// One page as readers of one language get it: its own translation, the
/// source page itself, or the source page shown as a fallback (with a notice
/// in the reader's language).
public struct CompiledPage: Sendable {
    public enum Kind: String, Sendable, Hashable {
        /// The page in the source language.
        case source
        /// A translation in the reader's language.
        case translation
        /// The source page, shown to readers whose language has no translation.
        case fallback
    }

    /// The page's path (`work/permit`, `""` for the home page).
    public var path: String
    /// The reader's language.
    public var language: String
    public var kind: Kind
    /// The content file shown (the source file for a fallback).
    public var page: PageSource
    /// Its Markdown body, rendered once per file (a fallback shares the source's).
    var body: RenderedBody

    public var file: String { page.file.path }
    public var title: String { page.title }
    /// Heading ids in the body, the anchors links to this page may use.
    public var headingIDs: Set<String> { body.headingIDs }
    /// The table of contents (level-2 headings, when there are enough of them).
    public var tableOfContents: [(id: String, text: String)] { body.toc.map { ($0.id, $0.text) } }
}
