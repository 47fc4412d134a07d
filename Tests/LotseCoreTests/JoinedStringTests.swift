import Testing
@testable import LotseCore

/// URLs and keys joined in one piece (``JoinedString``) are the texts that
/// joining with `+` gave, whatever their parts: empty, small (stored inline),
/// long, not ASCII.
struct JoinedStringTests {
    static let parts = ["", "/", "ar", "de/", "work/permit", "https://beratung.musterstadt.example/advice/",
                        "عمل/تصريح", "робота", "ጉዳይ-ስራ", "#", "a-very-long-heading-id-that-is-not-inline-at-all"]

    @Test func joiningGivesTheConcatenation() {
        var seen = 0
        for a in Self.parts {
            for b in Self.parts {
                for c in Self.parts {
                    #expect(JoinedString.make(a, b, c) == a + b + c)
                    #expect(JoinedString.make(a, b) == a + b)
                    seen += 1
                }
            }
        }
        #expect(seen == Self.parts.count * Self.parts.count * Self.parts.count)
        #expect(JoinedString.make("", "") == "")
        #expect(JoinedString.make("a", "b", "c", "d", "e", "f", "g") == "abcdefg")
        let made = JoinedString.make("https://beratung.example/", "fa", "/", "عمل/تصريح", "/", "#", "بخش")
        #expect(made == "https://beratung.example/fa/عمل/تصريح/#بخش")
        #expect(made.utf8.count == "https://beratung.example/fa/عمل/تصريح/#بخش".utf8.count)
    }

    @Test func linksAndBodyKeysAreAsBefore() {
        let resolver = SiteLinkResolver(prefix: "/advice/")
        #expect(resolver.href(for: LinkTarget(kind: .page, path: ""), reader: "de") == "/advice/de/")
        #expect(resolver.href(for: LinkTarget(kind: .page, path: "work/permit"), reader: "ar") == "/advice/ar/work/permit/")
        #expect(resolver.href(for: LinkTarget(kind: .page, path: "work/permit", fragment: "fees"), reader: "uk")
                == "/advice/uk/work/permit/#fees")
        #expect(resolver.href(for: LinkTarget(kind: .page, path: "", fragment: "start"), reader: "tr") == "/advice/tr/#start")
        #expect(resolver.href(for: LinkTarget(kind: .questionnaire, path: "can-i-work", fragment: ""), reader: "en")
                == "/advice/en/can-i-work/")
        #expect(RenderContext.bodyKey(language: "fa", path: "work/permit") == "fa/work/permit")
    }
}
