import Foundation

/// The files that ship with `lotse`: the default templates (with `style.css`
/// and the interface strings) and the new site `lotse init` writes.
///
/// SwiftPM copies them into `Lotse_LotseCore.resources/` beside the binary.
/// `Bundle.module` would stop the program when that folder is missing, so the
/// folder is looked for here, in order: beside the running binary (symbolic
/// links resolved; a build in `.build/`), in `../share/lotse/` next to its
/// `bin/` folder (where `scripts/install` puts it), and in the source checkout
/// the binary was built from. Missing everywhere is a located error, not a crash.
public enum BundledResources {
    static let bundleName = "Lotse_LotseCore.resources"

    /// The folder holding `templates/` and `new-site/`, or nil.
    public static let folder: URL? = {
        var candidates: [URL] = []
        for executable in executables() {
            let bin = executable.deletingLastPathComponent()
            candidates.append(bin.appendingPathComponent(bundleName))
            candidates.append(bin.deletingLastPathComponent().appendingPathComponent("share/lotse"))
        }
        // The source checkout: Sources/LotseCore/Load/ → the repository.
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(sources.deletingLastPathComponent().deletingLastPathComponent())
        return candidates.first { url in
            FileManager.default.fileExists(atPath: url.appendingPathComponent("templates/page.mustache").path)
        }
    }()

    /// The default templates.
    public static var templates: URL? { folder?.appendingPathComponent("templates") }

    /// What `lotse init` writes (in a source checkout: Sources/LotseCore/Resources/new-site).
    static var newSite: URL? {
        guard let folder else { return nil }
        let bundled = folder.appendingPathComponent("new-site")
        if FileManager.default.fileExists(atPath: bundled.path) { return bundled }
        return folder.appendingPathComponent("Sources/LotseCore/Resources/new-site")
    }

    public static let missingMessage = "the templates that ship with lotse were not found (looked beside the binary for \(bundleName)/ and in ../share/lotse/); reinstall with scripts/install, or pass --templates DIR"

    static func missing() -> LotseError {
        LotseError(at: nil, missingMessage)
    }

    /// Where the running program is, most certain first (`/proc/self/exe`, the
    /// bundle's executable, the command line's first word), symbolic links
    /// resolved: what ships beside it is looked for there (these files, and
    /// `lotse-serve` beside `lotse`).
    public static func executables() -> [URL] {
        var result: [URL] = []
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            result.append(URL(fileURLWithPath: path))
        }
        #endif
        if let url = Bundle.main.executableURL {
            result.append(url.resolvingSymlinksInPath())
        }
        if let first = CommandLine.arguments.first, first.contains("/") {
            result.append(URL(fileURLWithPath: first).resolvingSymlinksInPath())
        }
        return result
    }
}
