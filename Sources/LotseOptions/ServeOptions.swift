import ArgumentParser

/// What `lotse serve` is given. `lotse` reads these (its help, its checks of
/// them) and hands them on to `lotse-serve`, the program that serves: only
/// that program links the HTTP server and what it brings (FoundationNetworking,
/// libcurl and some thirty more libraries), which took 6.5 MB of every
/// `lotse build`'s memory while it served nothing (issue 10).
public struct ServeOptions: ParsableArguments {
    @OptionGroup public var contentOption: ContentOption
    @OptionGroup public var templatesOption: TemplatesOption
    @OptionGroup public var cacheOption: CacheOption

    @Option(help: "The port to listen on (0: any free port).")
    public var port: UInt16 = 8080

    @Option(help: "The address to listen on. The default is reachable from this computer only.")
    public var host = "127.0.0.1"

    public init() {}

    /// The command's description, for `lotse serve --help` and `lotse-serve --help` alike.
    public static func configuration(commandName: String) -> CommandConfiguration {
        CommandConfiguration(
            commandName: commandName,
            abstract: "Preview the site while you write: serve it from memory and rebuild on every save.",
            discussion: """
            Compiles the site, serves it at http://HOST:PORT/ without writing anything to disk, and watches \
            the content and templates folders. After a save only the changed page and the pages that show \
            it are built again, and the page open in the browser reloads itself (a small script that only \
            'lotse serve' adds; 'lotse build' never writes one). While the site has errors, they are printed \
            here as path:line:col and pages show them in the browser; the last good site stays served.
            """)
    }
}
