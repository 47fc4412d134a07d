extension DiagnosticLog {
    /// Runs one stage of a questionnaire's compilation with a log of its own,
    /// so the stage can tell whether *it* found errors (the shared log also
    /// holds other files' problems), then copies what it found into `self`.
    func stage<Result>(_ body: (DiagnosticLog) -> Result) -> (result: Result, hasErrors: Bool) {
        let local = DiagnosticLog()
        let result = body(local)
        for diagnostic in local.diagnostics { add(diagnostic) }
        return (result, local.hasErrors)
    }
}
