/// The one error type Lotse throws: every problem found, each with its place.
///
/// A build does not stop at the first problem; it collects them in a
/// ``DiagnosticLog`` and throws a `LotseError` holding all errors (and the
/// warnings found alongside) once a stage cannot go on.
public struct LotseError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    /// What the output folder holds after this error, when it is not simply
    /// unchanged (a swap that failed half-way and could not be undone).
    public var outputState: String?

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public init(at location: SourceLocation?, _ message: String) {
        self.diagnostics = [Diagnostic(.error, at: location, message)]
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
