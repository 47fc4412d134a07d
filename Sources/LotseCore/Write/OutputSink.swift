/// Where rendered files go: the staged folder of `lotse build`
/// (``OutputWriter``) or memory (``MemorySink``, for `lotse serve` and tests).
/// The same render path writes to either.
///
/// `write` is called from several threads at once.
public protocol OutputSink: Sendable {
    func write(_ file: OutputFile) throws(LotseError)
    /// Writes the file at `path` made in parts (`produce` hands each to its
    /// `emit`, in order): a large file (the sitemap) need not be held whole.
    func write(_ path: String, parts produce: (_ emit: (String) -> Void) -> Void) throws(LotseError)
    /// Whether a second write of a path fails here (then the renderer keeps no list of the paths).
    var refusesSecondWrites: Bool { get }
}

extension OutputSink {
    /// A sink that takes a second write of a path (``MemorySink`` replaces the file) relies on the renderer.
    public var refusesSecondWrites: Bool { false }

    /// Joins the parts and writes them as one file.
    public func write(_ path: String, parts produce: (_ emit: (String) -> Void) -> Void) throws(LotseError) {
        var contents = ""
        produce { contents += $0 }
        try write(OutputFile(path: path, contents: contents))
    }
}

extension OutputWriter: OutputSink {}
