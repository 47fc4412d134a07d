import Foundation

/// Writes files that ship with lotse into a user's folder: the default
/// templates (`lotse templates export DIR`) and a new site (`lotse init DIR`).
///
/// Neither ever overwrites a file: export skips files that exist (and says
/// so), init refuses a folder that already holds anything but hidden files
/// (such as `.git`), so a site's own work is never lost.
public enum Scaffold {
    public struct Result: Sendable {
        /// Paths written, as the user named the folder.
        public var written: [String] = []
        /// Paths that existed already and were left alone.
        public var skipped: [String] = []
    }

    /// Copies the default templates, `style.css` and `strings/` into `folder`.
    public static func exportTemplates(to folder: String) throws(LotseError) -> Result {
        guard let source = BundledResources.templates else { throw BundledResources.missing() }
        return try copy(from: source, to: folder, replacing: [:])
    }

    /// Creates a new site in `folder` (which must be empty or not exist yet):
    /// `content/` with two languages, a home page, an advice page and a small
    /// questionnaire with a scenario test, and a README for the office.
    /// Review dates are set to `today`.
    public static func newSite(in folder: String, today: Day) throws(LotseError) -> Result {
        guard let source = BundledResources.newSite else { throw BundledResources.missing() }
        let url = BuildOptions.url(folder)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw LotseError(at: nil, "'\(folder)' is a file; lotse init needs a new or empty folder") }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            let visible = entries.filter { !$0.hasPrefix(".") }.sorted()
            if !visible.isEmpty {
                throw LotseError(at: nil, "'\(folder)' is not empty (it has \(visible.prefix(3).joined(separator: ", "))\(visible.count > 3 ? ", …" : "")); lotse init writes only into a new or empty folder")
            }
        }
        return try copy(from: source, to: folder, replacing: ["@TODAY@": today.description])
    }

    private static func copy(from source: URL, to folder: String, replacing: [String: String]) throws(LotseError) -> Result {
        var result = Result()
        let target = BuildOptions.url(folder)
        for file in ContentTree.files(in: source, displayPrefix: "") {
            let destination = target.appendingPathComponent(file.relativePath)
            let shown = ContentTree.join(folder, file.relativePath)
            if FileManager.default.fileExists(atPath: destination.path) {
                result.skipped.append(shown)
                continue
            }
            do {
                var data = try Data(contentsOf: file.url)
                if !replacing.isEmpty, var text = String(data: data, encoding: .utf8) {
                    for (placeholder, value) in replacing { text = text.replacingOccurrences(of: placeholder, with: value) }
                    data = Data(text.utf8)
                }
                try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                // withoutOverwriting: a file that appeared meanwhile is not replaced either.
                try data.write(to: destination, options: .withoutOverwriting)
                result.written.append(shown)
            } catch {
                throw LotseError(at: SourceLocation(path: shown), "cannot write file: \(error.localizedDescription)")
            }
        }
        return result
    }
}
