import Foundation
import Testing
@testable import LotseCore

/// Result leaflets made with the advice pages' parts kept for all results
/// (``PagePartsMemo``) are the leaflets made without it.
struct PagePartsMemoTests {
    @Test func resultLeafletsWithTheMemoAreTheLeafletsWithout() throws {
        let context = try LeafletTests.context(try LeafletTests.fixture())
        let q = try #require(context.questionnaires.first)
        for reader in ["de", "ar"] {
            let pages = PagePartsMemo()
            var made = 0
            for (index, state) in q.graph.states.enumerated() where state.isEnd {
                let content = LeafletContent(q, state: index)
                for other in [nil, reader == "de" ? nil : "de"] as [String?] {
                    let plain = context.resultLeafletModel(q, state: state, content: content, reader: reader, with: other,
                                                           selfContained: false, qr: .some(nil))
                    let kept = context.resultLeafletModel(q, state: state, content: content, reader: reader, with: other,
                                                          selfContained: false, qr: .some(nil), pages: pages)
                    #expect(context.templates.renderBytes(plain, template: "leaflet") == context.templates.renderBytes(kept, template: "leaflet"))
                    made += 1
                }
            }
            #expect(made > 2)
        }
    }

    @Test func aPagesWholeTextAndItsSectionsAreKeptApart() {
        let memo = PagePartsMemo()
        let part = RenderContext.LeafletPart(key: "k", kind: "section", html: "whole", lang: "de")
        let other = RenderContext.LeafletPart(key: "k", kind: "section", html: "none", lang: "de")
        #expect(memo.parts("work", anchors: nil, language: "de") { [part] }.map(\.html) == ["whole"])
        #expect(memo.parts("work", anchors: [], language: "de") { [other] }.map(\.html) == ["none"])
        #expect(memo.parts("work", anchors: ["a", "b"], language: "de") { [other, other] }.count == 2)
        #expect(memo.parts("work", anchors: nil, language: "ar") { [] }.isEmpty)
        #expect(memo.parts("work", anchors: nil, language: "de") { [] }.map(\.html) == ["whole"])
    }
}
