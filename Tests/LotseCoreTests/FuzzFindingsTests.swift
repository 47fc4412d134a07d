import Foundation
import Testing
@testable import LotseCore

/// Every input the fuzzer found a crash, hang or memory blow-up with
/// (`Fuzz/findings/<target>/`, written by scripts/fuzz), and the hand-written
/// hostile seeds (`Fuzz/seeds/<target>/`), replayed through the same entry
/// as the fuzz target: each must finish normally.
@Suite struct FuzzFindingsTests {
    static let fuzz = Fixture.repoRoot.appendingPathComponent("Fuzz")

    /// `findings/<target>/<file>` and `seeds/<target>/<file>`.
    static var inputs: [String] {
        ["findings", "seeds"].flatMap { kind in
            FuzzInputs.targets.keys.sorted().flatMap { target -> [String] in
                let folder = fuzz.appendingPathComponent(kind).appendingPathComponent(target)
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
                return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { "\(kind)/\(target)/\($0)" }
            }
        }
    }

    @Test(arguments: inputs)
    func inputRunsToTheEnd(_ input: String) throws {
        let target = String(input.split(separator: "/")[1])
        let data = try Data(contentsOf: Self.fuzz.appendingPathComponent(input))
        let started = Date()
        FuzzInputs.targets[target]!(data)
        // Generous: the fuzzer calls an input hung after 30 s; a fixed one takes milliseconds.
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func everyTargetHasAnEntry() {
        #expect(Set(FuzzInputs.targets.keys) == ["page", "site-config", "questionnaire", "template"])
        #expect(Self.inputs.contains { $0.hasPrefix("seeds/") })
    }
}
