import ArgumentParser
import Foundation
import LotseCore

/// The options several commands share, declared once so that each has the
/// same name, default and help text everywhere (`lotse build --help`,
/// `lotse status --help`, …). A command includes the groups it needs with
/// `@OptionGroup`. A library of their own, so that `lotse` and `lotse-serve`
/// (the program behind `lotse serve`) declare them once.
public struct ContentOption: ParsableArguments {
    @Option(help: "The content folder (site.yaml, one folder per language).")
    public var content = "content"

    public init() {}
}

public struct TemplatesOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The templates folder (Mustache templates, style.css, strings/).",
        discussion: "Default: ./templates when the current folder has one, otherwise the templates that ship with lotse ('lotse templates export DIR' copies them out).",
        valueName: "dir"))
    public var templates: String?

    public init() {}
}

public struct StrictOption: ParsableArguments {
    @Flag(help: "Treat warnings as errors.")
    public var strict = false

    public init() {}
}

/// Where QR codes are kept between builds (libqrencode's mask search was a
/// fifth of a build; see docs/cache.md).
public struct CacheOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The folder Lotse keeps its cache in.",
        discussion: "Default: $LOTSE_CACHE_DIR, else $XDG_CACHE_HOME/lotse, else ~/.cache/lotse. It holds the print versions' QR codes of the last build of each content folder; deleting it is always safe.",
        valueName: "dir"))
    public var cacheDir: String?

    @Flag(help: "Use no cache: make every QR code anew and keep none.")
    public var noCache = false

    public init() {}

    /// The cache folder to use; nil: none.
    public var directory: String? {
        noCache ? nil : (cacheDir ?? QRCodeCache.defaultDirectory())
    }
}

/// A line on standard error, written at once.
public func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
