import Foundation

/// Collects diagnostics from every stage, from any thread.
public final class DiagnosticLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Diagnostic] = []
    private var seen: Set<Diagnostic> = []

    public init() {}

    public func error(at location: SourceLocation?, _ message: String) {
        add(Diagnostic(.error, at: location, message))
    }

    public func warning(at location: SourceLocation?, _ message: String) {
        add(Diagnostic(.warning, at: location, message))
    }

    public func add(_ diagnostic: Diagnostic) {
        lock.lock()
        defer { lock.unlock() }
        // The same problem can be found once per language; report it once.
        if seen.insert(diagnostic).inserted {
            items.append(diagnostic)
        }
    }

    public func add(contentsOf error: LotseError) {
        for diagnostic in error.diagnostics { add(diagnostic) }
    }

    /// All diagnostics, sorted by file and position so output is deterministic.
    public var diagnostics: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return items.sorted { lhs, rhs in
            switch (lhs.location, rhs.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return true
            case (_?, nil): return false
            default: return (lhs.severity.rawValue, lhs.message) < (rhs.severity.rawValue, rhs.message)
            }
        }
    }

    public var hasErrors: Bool {
        lock.lock()
        defer { lock.unlock() }
        return items.contains { $0.severity == .error }
    }

    /// Throws every diagnostic collected so far when any of them is an error.
    public func throwIfErrors() throws(LotseError) {
        if hasErrors { throw LotseError(diagnostics) }
    }
}
