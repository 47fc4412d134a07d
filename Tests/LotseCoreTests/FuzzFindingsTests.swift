import Foundation
import Testing
@testable import LotseCore

/// Every input the fuzzer found a crash, hang or memory blow-up with
/// (`Fuzz/findings/<target>/`, written by scripts/fuzz), replayed through
/// the same entry as the fuzz target: each must now finish normally.
@Suite struct FuzzFindingsTests {
    static let findings = Fixture.repoRoot.appendingPathComponent("Fuzz/findings")

    static var inputs: [String] {
        FuzzInputs.targets.keys.sorted().flatMap { target -> [String] in
            let folder = findings.appendingPathComponent(target)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { "\(target)/\($0)" }
        }
    }

    @Test(arguments: inputs)
    func findingRunsToTheEnd(_ input: String) throws {
        let target = String(input.split(separator: "/")[0])
        let data = try Data(contentsOf: Self.findings.appendingPathComponent(input))
        let started = Date()
        FuzzInputs.targets[target]!(data)
        // Generous: the fuzzer calls an input hung after 10 s; a fixed one takes milliseconds.
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func everyTargetHasAnEntry() {
        #expect(Set(FuzzInputs.targets.keys) == ["page", "site-config", "questionnaire", "template"])
    }
}
