import Foundation
import Mustache
import Synchronization
import Testing
@testable import LotseCore

/// Pages whose models differ only in `current` flags share one ``FlagSkeleton`` and come out as
/// swift-mustache renders them; templates where markers around `current` sections could change
/// the output are not rewritten (each flag pattern is then its own shape, as before).
struct FlagSkeletonTests {
    static let switcher = """
        {{> top}}
        <ul>
        {{#languages}}
        <li>{{#current}}<b lang="{{code}}">{{name}}</b>{{/current}}{{^current}}<a href="{{href}}">{{name}}</a>{{/current}}</li>
        {{/languages}}
        </ul>
        {{#nav}}<i>{{^current}}{{title}}{{/current}}|{{#current}}[{{title}}{{s.k}}]{{/current}}</i>{{/nav}}
        <p>{{#current}}root{{/current}}{{^current}}no root{{/current}}</p>
        {{#o}}x{{#current}}<o>{{/current}}{{/o}}

        """

    static func library(_ templates: [(String, String)]) throws -> (MustacheLibrary, MustacheLibrary?) {
        var library = MustacheLibrary()
        for (name, text) in templates { try library.register(text, named: name) }
        let flagLibrary = TemplateSkeletons.flagLibrary(templates.map { ($0.0, $0.1, TemplateSyntax($0.1)) })
        return (library, flagLibrary)
    }

    static func model(lang: String, current: Int, nav: Int, title: String, root: Bool?) -> [String: Any] {
        var model: [String: Any] = [
            "lang": lang, "s": ["k": "<\(lang)>"], "title": title,
            "languages": (0..<4).map { ["code": "l\($0)", "name": "L<\($0)>", "href": "/l\($0)/", "current": $0 == current] },
            "nav": (0..<3).map { ["title": "n\($0)&", "current": $0 == nav] },
            "o": ["y": "z"],
        ]
        if let root { model["current"] = root }
        return model
    }

    @Test func languagesShareOneSkeletonForAnyFlags() throws {
        let (library, flagLibrary) = try Self.library([("t", Self.switcher), ("top", "<h1>{{title}}</h1>\n")])
        #expect(flagLibrary != nil)
        let skeletons = TemplateSkeletons(templatesLackMarkers: true, flagLibrary: flagLibrary)
        for root in [true, false, nil] {
            for current in 0..<4 {
                for nav in -1..<3 {
                    for title in ["a", "<&>"] {
                        let model = Self.model(lang: "l\(current)", current: current, nav: nav, title: title, root: root)
                        let expected = library.render(model, withTemplate: "t")!
                        #expect(skeletons.render(model, template: "t", library: library) == expected)
                        #expect(skeletons.renderBytes(ViewModel(model), template: "t", library: library) == Array(expected.utf8))
                    }
                }
            }
        }
        // One for the models with a root flag, one for those without.
        #expect(skeletons.flagSkeletonCount == 2)
    }

    /// Threads that meet a new shape at once (they render pages in the same order) make its
    /// skeleton once: the others wait for it, and every page still comes out as swift-mustache renders it.
    @Test func threadsMakeEachSkeletonOnce() throws {
        let (library, flagLibrary) = try Self.library([("t", Self.switcher), ("top", "<h1>{{title}}</h1>\n")])
        let skeletons = TemplateSkeletons(templatesLackMarkers: true, flagLibrary: flagLibrary)
        let mismatches = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            let current = index % 4
            let model = Self.model(lang: "l\(current)", current: current, nav: current % 3, title: "<\(current)>",
                                   root: index % 8 < 4 ? true : nil)
            let bytes = skeletons.renderBytes(ViewModel(model), template: "t", library: library)
            if bytes != Array(library.render(model, withTemplate: "t")!.utf8) { mismatches.withLock { $0 += 1 } }
        }
        #expect(mismatches.withLock { $0 } == 0)
        #expect(skeletons.flagSkeletonCount == 2)
        #expect(skeletons.skeletonsMade == 2)
    }

    /// Templates the markers could change, or that read `current` otherwise: not rewritten, still rendered exactly.
    @Test func templatesWhereMarkersCouldChangeTheOutputAreNotRewritten() throws {
        let cases = [
            "{{#languages}}\n{{#current}}\n<b>{{name}}</b>\n{{/current}}\n{{/languages}}\n",
            "{{#languages}}<i>{{current}}</i>{{/languages}}",
            "{{#languages}}<i>{{#current}}{{> top}}{{/current}}</i>{{/languages}}",
            "{{#languages}}<i>{{#current}}{{.}}{{/current}}</i>{{/languages}}",
            "{{#languages}}<i>{{#current}}{{#current}}x{{/current}}{{/current}}</i>{{/languages}}",
            "{{=<% %>=}}<%#languages%><i><%#current%>x<%/current%></i><%/languages%>",
            "{{#languages}}<i>{{#languages.current}}x{{/languages.current}}</i>{{/languages}}",
            "<p>{{title}}</p>",
        ]
        for template in cases {
            let (library, flagLibrary) = try Self.library([("t", template), ("top", "<h1>{{title}}</h1>\n")])
            #expect(flagLibrary == nil, "\(template)")
            // An object printed (`{{.}}`) is its dictionary's description, which no skeleton reproduces
            // (the marker model's keys come in another order): only the rewrite is checked.
            if template.contains("{{.}}") { continue }
            let skeletons = TemplateSkeletons(templatesLackMarkers: true, flagLibrary: flagLibrary)
            for current in 0..<4 {
                let model = Self.model(lang: "l\(current)", current: current, nav: 0, title: "t", root: nil)
                #expect(skeletons.render(model, template: "t", library: library) == library.render(model, withTemplate: "t"))
            }
        }
    }

    /// A `current` that is not a flag somewhere in the model: that shape shares nothing, and still comes out right.
    @Test func aCurrentThatIsNoFlagSharesNothing() throws {
        let (library, flagLibrary) = try Self.library([("t", Self.switcher), ("top", "<h1>{{title}}</h1>\n")])
        let skeletons = TemplateSkeletons(templatesLackMarkers: true, flagLibrary: flagLibrary)
        for current in 0..<4 {
            var model = Self.model(lang: "l\(current)", current: current, nav: 1, title: "t", root: nil)
            model["o"] = ["current": "text"]
            let expected = library.render(model, withTemplate: "t")!
            #expect(skeletons.render(model, template: "t", library: library) == expected)
            #expect(skeletons.renderBytes(ViewModel(model), template: "t", library: library) == Array(expected.utf8))
        }
        #expect(skeletons.flagSkeletonCount == 0)
    }
}
