import Foundation

/// What `lotse build` was asked to do.
public struct BuildOptions: Sendable {
    public var content: String
    public var templates: String
    public var output: String
    /// Warnings fail the build too.
    public var strict: Bool
    /// Replace an output folder that Lotse did not create.
    public var force: Bool
    /// "Today", for review-date warnings (see ``Day/today(environment:)``).
    public var today: Day
    /// Where to write the build manifest (JSON, see docs/manifest.md); none when nil.
    public var manifest: String?

    public init(content: String = "content", templates: String = "templates", output: String = "site",
                strict: Bool = false, force: Bool = false, today: Day = Day.today(), manifest: String? = nil) {
        self.content = content
        self.templates = templates
        self.output = output
        self.strict = strict
        self.force = force
        self.today = today
        self.manifest = manifest
    }

    static func url(_ path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
    }
}
