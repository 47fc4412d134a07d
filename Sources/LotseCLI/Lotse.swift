import ArgumentParser
import LotseCore
import LotseOptions

@main
struct Lotse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lotse",
        abstract: "Builds multilingual advice sites for new arrivals: pages, questionnaires and leaflets, with no JavaScript.",
        subcommands: [Build.self, Serve.self, Status.self, Graph.self, Leaflet.self, Translate.self, PO.self, Init.self, Templates.self],
        defaultSubcommand: Build.self)
}
