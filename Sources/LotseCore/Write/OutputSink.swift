/// Where rendered files go: the staged folder of `lotse build`
/// (``OutputWriter``) or memory (``MemorySink``, for `lotse serve` and tests).
/// The same render path writes to either.
///
/// `write` is called from several threads at once.
public protocol OutputSink: Sendable {
    func write(_ file: OutputFile) throws(LotseError)
}

extension OutputWriter: OutputSink {}
