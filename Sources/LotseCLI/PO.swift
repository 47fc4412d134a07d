import ArgumentParser
import Foundation
import LotseCore

extension Lotse {
    struct PO: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "po",
            abstract: "Exchange translations with gettext PO tools (Weblate, Poedit, Lokalize).",
            subcommands: [])
    }
}
