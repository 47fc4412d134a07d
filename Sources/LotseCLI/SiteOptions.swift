import ArgumentParser
import LotseCore

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

/// Where QR codes are kept between builds (libqrencode's mask search was a
/// fifth of a build; see docs/cache.md).
struct CacheOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The folder Lotse keeps its cache in.",
        discussion: "Default: $LOTSE_CACHE_DIR, else $XDG_CACHE_HOME/lotse, else ~/.cache/lotse. It holds the print versions' QR codes of the last build of each content folder; deleting it is always safe.",
        valueName: "dir"))
    var cacheDir: String?

    @Flag(help: "Use no cache: make every QR code anew and keep none.")
    var noCache = false

    /// The cache folder to use; nil: none.
    var directory: String? {
        noCache ? nil : (cacheDir ?? QRCodeCache.defaultDirectory())
    }
}
