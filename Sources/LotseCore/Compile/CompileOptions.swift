import Foundation

/// Where a site's sources are, and what day it is: all that compiling needs.
public struct CompileOptions: Sendable {
    public var content: String
    /// `--templates DIR`; nil for `./templates` or the bundled templates (see ``BuildOptions/templatesFolder(_:)``).
    public var templates: String?
    /// "Today", for review-date warnings (see ``Day/today(environment:)``).
    public var today: Day
    /// Whether the compiled site keeps each page's Markdown source after rendering it.
    /// `lotse serve`, `po`, `translate` and `status` read it again; a one-shot `lotse build`
    /// does not, and drops each page's Markdown as soon as it is rendered (peak memory, issue 10).
    public var keepsMarkdown = true
    /// Whether each page's rendered HTML is kept compressed until it is written
    /// (``RenderedBody/pack()``): a one-shot `lotse build` holds every body at
    /// once (peak memory, issue 10); `lotse serve` re-renders from them often and keeps them plain.
    public var packsBodies = false
    /// Whether the compiled site keeps its ``LinkGraph`` once the links are checked:
    /// `lotse serve` finds the pages to check again after an edit on it; a one-shot
    /// build renders without it and lets it go before rendering (peak memory, issue 10),
    /// with the bodies' heading ids, which only the checks read.
    public var keepsLinkGraph = true

    public init(content: String = "content", templates: String? = nil, today: Day = Day.today()) {
        self.content = content
        self.templates = templates
        self.today = today
    }
}

extension BuildOptions {
    /// The part of the build options the compile step uses.
    public var compileOptions: CompileOptions {
        CompileOptions(content: content, templates: templates, today: today)
    }
}

extension CompileOptions {
    /// The templates folder to compile with, and its path as messages print it.
    public func templatesFolder() throws(LotseError) -> (url: URL, display: String) {
        try BuildOptions.templatesFolder(templates)
    }
}
