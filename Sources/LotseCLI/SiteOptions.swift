import ArgumentParser

/// The options several commands share, declared once so that each has the
/// same name, default and help text everywhere (`lotse build --help`,
/// `lotse status --help`, …). A command includes the groups it needs with
/// `@OptionGroup`.
struct ContentOption: ParsableArguments {
    @Option(help: "The content folder (site.yaml, one folder per language).")
    var content = "content"
}

struct TemplatesOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The templates folder (Mustache templates, style.css, strings/).",
        discussion: "Default: ./templates when the current folder has one, otherwise the templates that ship with lotse ('lotse templates export DIR' copies them out).",
        valueName: "dir"))
    var templates: String?
}

struct StrictOption: ParsableArguments {
    @Flag(help: "Treat warnings as errors.")
    var strict = false
}
