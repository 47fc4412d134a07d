import Testing
@testable import LotseCore

/// Numbering repeated names (heading ids, section keys) gives what trying
/// every number from the first again would give, in linear time.
struct UniqueNamesTests {
    /// The quadratic way the names were numbered before: from the first number, every time.
    static func naive(_ names: [String], firstNumber: Int, reserved: Set<String>) -> [String] {
        var used = reserved
        return names.map { name in
            var unique = name
            var n = firstNumber
            while used.contains(unique) { unique = "\(name)-\(n)"; n += 1 }
            used.insert(unique)
            return unique
        }
    }

    @Test func numbersRepeatsFromTheFirstNumber() {
        var ids = UniqueNames(firstNumber: 1, reserved: ["main"])
        #expect(["a", "a", "main", "a-1", "a"].map { ids.claim($0) } == ["a", "a-1", "main-1", "a-1-1", "a-2"])
        var keys = UniqueNames(firstNumber: 2)
        #expect(["#x", "#x", "#x-2", "#x"].map { keys.claim($0) } == ["#x", "#x-2", "#x-2-2", "#x-3"])
    }

    @Test func equalsTryingEveryNumberAgain() {
        var generator = SystemRandomNumberGenerator()
        // Few distinct names, some of them looking like numbered ones, so that repeats and clashes are common.
        let alphabet = ["a", "b", "a-1", "a-2", "b-2", "a-1-1", "section", "section-1"]
        for firstNumber in [1, 2] {
            for _ in 0..<200 {
                let names = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
                let reserved: Set<String> = Bool.random(using: &generator) ? ["a-1", "section"] : []
                var unique = UniqueNames(firstNumber: firstNumber, reserved: reserved)
                #expect(names.map { unique.claim($0) } == Self.naive(names, firstNumber: firstNumber, reserved: reserved))
            }
        }
    }

    @Test func fiftyThousandRepeatsAreLinear() {
        var names = UniqueNames(firstNumber: 1)
        let ids = (0..<50_000).map { _ in names.claim("frage") }
        #expect(ids.first == "frage" && ids.last == "frage-49999")
        #expect(Set(ids).count == 50_000)
    }
}
