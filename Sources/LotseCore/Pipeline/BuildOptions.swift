import Foundation

/// What `lotse build` was asked to do.
public struct BuildOptions: Sendable {
    public var content: String
    /// The templates folder; nil: see ``templatesFolder()``.
    public var templates: String?
    public var output: String
    /// Warnings fail the build too.
    public var strict: Bool
    /// Replace an output folder that Lotse did not create.
    public var force: Bool
    /// "Today", for review-date warnings (see ``Day/today(environment:)``).
    public var today: Day
    /// Where to write the build manifest (JSON, see docs/manifest.md); none when nil.
    public var manifest: String?
    /// Where QR codes are kept between builds (``QRCodeCache``); none when nil.
    public var cacheDirectory: String?

    public init(content: String = "content", templates: String? = nil, output: String = "site",
                strict: Bool = false, force: Bool = false, today: Day = Day.today(), manifest: String? = nil,
                cacheDirectory: String? = nil) {
        self.content = content
        self.templates = templates
        self.output = output
        self.strict = strict
        self.force = force
        self.today = today
        self.manifest = manifest
        self.cacheDirectory = cacheDirectory
    }

    /// The templates to build with: `--templates DIR` when given; otherwise
    /// `./templates` when the current folder has one (a site's own, e.g. from
    /// `lotse templates export templates`); otherwise the templates that ship
    /// with lotse. The path is as messages print it.
    public func templatesFolder() throws(LotseError) -> (url: URL, display: String) {
        try Self.templatesFolder(templates)
    }

    public static func templatesFolder(_ explicit: String?) throws(LotseError) -> (url: URL, display: String) {
        if let explicit { return (url(explicit), explicit) }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url("templates").path, isDirectory: &isFolder), isFolder.boolValue {
            return (url("templates"), "templates")
        }
        guard let bundled = BundledResources.templates else { throw BundledResources.missing() }
        return (bundled, bundled.path)
    }

    static func url(_ path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
    }
}
