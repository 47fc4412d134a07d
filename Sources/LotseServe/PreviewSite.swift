import Foundation
import LotseCore

/// The site `lotse serve` shows, kept in memory and brought up to date after
/// every change of a source file.
///
/// Holds the files of the last site that compiled without errors (rendered
/// into a ``MemorySink``, byte for byte what `lotse build` would write) and the
/// errors of the latest compile, if any. After a change it asks
/// ``SiteCompiler/update(_:changedFiles:)`` for the new compiled site and
/// renders only the outputs that may differ from what is served: those the
/// updates since the last good site named. While the site has errors,
/// nothing is rendered and the last good files stay served.
///
/// Rebuilds run one at a time (on the watcher's thread); requests read a
/// consistent ``Snapshot`` from any thread.
public final class PreviewSite: @unchecked Sendable {
    /// What requests see: one consistent state of the site.
    public struct Snapshot: Sendable {
        /// The last good site's files, by path below the site's root (`de/work/index.html`).
        public var files: [String: Data] = [:]
        /// The errors of the latest compile; empty when the served files are up to date.
        public var errors: [Diagnostic] = []
        public var warningCount = 0
        /// Changes with every rebuild; the reload script compares it.
        public var generation: Int
        /// The URL path the site lives under (`/`, or `/advice/` for `base_url: https://x.example/advice/`).
        public var basePath = "/"
        /// Whether any good site has been rendered yet.
        public var hasGoodSite = false
    }

    /// What one rebuild did, for the terminal.
    public struct Report: Sendable {
        public var changedFiles: [String]
        public var recompiledAll: Bool
        /// Files rendered (0 when the site has errors).
        public var filesRendered: Int
        public var seconds: Double
        public var errors: [Diagnostic]
        /// Warnings not shown before.
        public var newWarnings: [Diagnostic]
    }

    public let options: CompileOptions
    /// QR codes kept between builds (``QRCodeCache``): read before the first
    /// render, written after each render of the whole site; none when nil.
    public let qrCodes: QRCodeCache?
    private let lock = NSLock()
    private var state: Snapshot
    /// Called after every rebuild with the new generation (to tell the browsers).
    public var onRebuild: (@Sendable (Int) -> Void)?

    // Touched only by rebuilds, which run one at a time.
    private var current: CompiledSite?
    private var rendered = false
    /// The outputs changed since the last good site was rendered, and whether any change needed everything.
    private var pendingOutputs: Set<SiteOutput> = []
    private var pendingEverything = false
    private var shownWarnings: Set<Diagnostic> = []

    public init(options: CompileOptions, qrCodes: QRCodeCache? = nil) {
        self.options = options
        self.qrCodes = qrCodes
        // Distinct across restarts, so a page from an earlier server reloads.
        state = Snapshot(generation: Int(Date().timeIntervalSince1970 * 1000) % 1_000_000_000)
    }

    public var snapshot: Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return state
    }

    /// Compiles and renders the whole site.
    @discardableResult
    public func rebuildAll() -> Report {
        rebuild(changed: [], everything: true)
    }

    /// Brings the site up to date after `files` changed on disk.
    @discardableResult
    public func filesChanged(_ files: Set<String>) -> Report {
        rebuild(changed: files, everything: false)
    }

    private func rebuild(changed: Set<String>, everything: Bool) -> Report {
        let started = Date()
        let update: SiteUpdate
        do {
            if let old = current, !everything {
                // Handed over, not shared: the update changes the site in place.
                current = nil
                update = try SiteCompiler.update(old, changedFiles: changed)
            } else {
                let site = try SiteCompiler.compile(options)
                update = SiteUpdate(site: site, recompiledAll: true, outputs: Set(site.allOutputs))
            }
        } catch {
            // Not even site.yaml could be read: nothing to go on but the errors.
            current = nil
            pendingEverything = true
            return finish(changed: changed, recompiledAll: true, rendered: 0, errors: error.errors,
                          warnings: error.warnings, started: started)
        }
        let site = update.site
        current = site
        pendingOutputs.formUnion(update.outputs)
        pendingEverything = pendingEverything || update.recompiledAll
        guard !site.hasErrors else {
            return finish(changed: changed, recompiledAll: update.recompiledAll, rendered: 0, errors: site.errors,
                          warnings: site.warnings, started: started)
        }

        // Render what may differ from the files served, into a sink of its own,
        // then swap it in at once: a request never sees half a rebuild.
        let sink = MemorySink()
        let renderAll = pendingEverything || !rendered
        do {
            if renderAll {
                try SiteRenderer.render(site, into: sink, qrCodes: qrCodes)
                qrCodes?.save()
            } else {
                try SiteRenderer.render(site, outputs: pendingOutputs, into: sink, qrCodes: qrCodes)
            }
        } catch {
            return finish(changed: changed, recompiledAll: update.recompiledAll, rendered: 0, errors: error.errors,
                          warnings: site.warnings, started: started)
        }
        let files = sink.files
        lock.lock()
        if renderAll {
            state.files = files
        } else {
            state.files.merge(files) { _, new in new }
        }
        state.basePath = site.config.basePath
        state.hasGoodSite = true
        lock.unlock()
        rendered = true
        pendingOutputs = []
        pendingEverything = false
        return finish(changed: changed, recompiledAll: update.recompiledAll, rendered: files.count, errors: [],
                      warnings: site.warnings, started: started)
    }

    private func finish(changed: Set<String>, recompiledAll: Bool, rendered: Int, errors: [Diagnostic],
                        warnings: [Diagnostic], started: Date) -> Report {
        lock.lock()
        state.errors = errors
        state.warningCount = warnings.count
        state.generation += 1
        let generation = state.generation
        lock.unlock()
        let newWarnings = warnings.filter { !shownWarnings.contains($0) }
        shownWarnings.formUnion(newWarnings)
        onRebuild?(generation)
        return Report(changedFiles: changed.sorted(), recompiledAll: recompiledAll, filesRendered: rendered,
                      seconds: Date().timeIntervalSince(started), errors: errors, newWarnings: newWarnings)
    }
}
