/// One file of the built site, by its path below the output folder.
///
/// Its contents are a String, or the UTF-8 bytes the template skeletons
/// join pages from (``TemplateSkeletons``): the sinks write bytes, so a page
/// made as bytes is never turned into a String (which checks every byte
/// again) on its way to the disk.
public struct OutputFile: Sendable {
    public var path: String

    private enum Body: Sendable {
        case text(String)
        /// Valid UTF-8 (joined from Strings' bytes).
        case bytes([UInt8])
    }
    private var body: Body

    /// The file's text.
    public var contents: String {
        get {
            switch body {
            case let .text(text): return text
            case let .bytes(bytes): return String(decoding: bytes, as: UTF8.self)
            }
        }
        set { body = .text(newValue) }
    }

    public init(path: String, contents: String) {
        self.path = path
        body = .text(contents)
    }

    /// A file made as UTF-8 bytes (valid UTF-8: joined from Strings' bytes).
    init(path: String, utf8 bytes: [UInt8]) {
        self.path = path
        body = .bytes(bytes)
    }

    /// The file's UTF-8 bytes, handed to `use` (valid only inside it).
    func withUTF8<R>(_ use: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch body {
        case var .text(text): return try text.withUTF8(use)
        case let .bytes(bytes): return try bytes.withUnsafeBufferPointer(use)
        }
    }
}
