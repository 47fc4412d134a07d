import Foundation
import Testing
@testable import LotseCore

/// `parallelMap` keeps the order and holds on to nothing once it returns
/// (its results were once kept alive for the life of the process: every
/// page source and rendered body of a build); `parallelMapEmptying` frees each
/// element right after it is mapped, as a build does with each page's source.
struct ParallelMapTests {
    final class Tracked: Sendable {
        let value: Int
        init(_ value: Int) { self.value = value }
    }

    /// Weak references to what `make` returns, after the strong ones are gone.
    private func survivors(_ make: () -> [Tracked]) -> Int {
        var weak: [() -> Tracked?] = []
        do {
            let objects = make()
            for object in objects { weak.append { [weak object] in object } }
        }
        return weak.filter { $0() != nil }.count
    }

    @Test func resultsAreInOrderAndFreedWhenDropped() {
        let input = Array(0..<200)
        #expect(input.parallelMap { $0 * 2 } == input.map { $0 * 2 })
        #expect(survivors { input.parallelMap { Tracked($0) } } == 0)
    }

    @Test func emptyingFreesEachElementAndKeepsTheOrder() {
        var texts = (0..<200).map { "page \($0) " + String(repeating: "x", count: $0) }
        let expected = texts.map(\.count)
        let counts = texts.parallelMapEmptying { $0.count }
        #expect(counts == expected)
        #expect(texts.isEmpty)
        var objects = (0..<50).map { Tracked($0) }
        var weak: [() -> Tracked?] = []
        for object in objects { weak.append { [weak object] in object } }
        let values = objects.parallelMapEmptying { $0.value }
        #expect(values == Array(0..<50))
        #expect(objects.isEmpty && weak.filter { $0() != nil }.isEmpty)
        #expect(survivors {
            var numbers = Array(0..<50)
            return numbers.parallelMapEmptying { Tracked($0) }
        } == 0)
    }
}
