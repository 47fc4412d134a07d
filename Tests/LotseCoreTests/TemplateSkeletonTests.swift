import Foundation
import Mustache
import Testing
@testable import LotseCore

/// Pages rendered from a skeleton are byte for byte what swift-mustache
/// renders page by page; templates that read texts are rendered directly.
struct TemplateSkeletonTests {
    /// Every file of the bundled site (all page kinds, fallbacks, questionnaires), both ways.
    @Test func skeletonsRenderTheBundledSiteExactlyAsSwiftMustache() throws {
        let options = BuildOptions(content: Fixture.repoRoot.appendingPathComponent("content").path,
                                   templates: Fixture.templates, output: "unused", today: Fixture.today)
        let site = try SiteCompiler.compile(options.compileOptions)
        let fast = try #require(site.templates)
        #expect(fast.skeletons != nil)
        var slow = fast
        slow.skeletons = nil
        let resolver = SiteLinkResolver.relative(for: site)
        let questionnaires = Dictionary(site.questionnaires.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var compared = 0
        let fastContext = RenderContext(site: site, templates: fast, resolver: resolver)
        let slowContext = RenderContext(site: site, templates: slow, resolver: resolver)
        for output in site.allOutputs {
            let a = SiteRenderer.files(output, context: fastContext, questionnaires: questionnaires)
            let b = SiteRenderer.files(output, context: slowContext, questionnaires: questionnaires)
            #expect(a.map(\.path) == b.map(\.path))
            for (x, y) in zip(a, b) {
                #expect(x.contents == y.contents, "\(x.path) differs")
                compared += 1
            }
        }
        #expect(compared > 100)
    }

    /// Texts that need escaping, Characters that only look like `&`, markers' look-alikes, empty texts, flags.
    @Test func trickyTextsComeOutAsSwiftMustacheWritesThem() throws {
        var library = MustacheLibrary()
        try library.register("<p title=\"{{a}}\">{{{a}}}{{#b}}[{{.}}]{{/b}}{{^c}}none{{/c}}{{#list}}<i>{{x}}</i>{{/list}}{{s.k}}</p>\n", named: "t")
        let skeletons = TemplateSkeletons()
        let texts = ["", "a<b&c\"d'e>", "&\u{301} combining", "\u{E000}0&\u{E001}", "\u{1}0&\u{2}", "\u{1}abc1&amp;\u{2}", "ü ك 🇩🇪", "\r\n"]
        for a in texts {
            for b in texts {
                for flag in [true, false] {
                    let model: [String: Any] = ["a": a, "b": b, "c": flag, "lang": "de", "s": ["k": "<k>"],
                                                "list": flag ? [["x": a], ["x": b]] : []]
                    #expect(skeletons.render(model, template: "t", library: library) == library.render(model, withTemplate: "t"))
                }
            }
        }
        try library.register("{{a}}", named: "e")
        for text in texts + ["plain", "<&>\"'"] {
            #expect(MustacheEscape.html(text) == library.render(["a": text], withTemplate: "e"))
        }
    }

    /// Markers without a nonce (no template holds U+0001) come out as swift-mustache writes the
    /// texts, interface strings that spell a marker included (they are markers too, filled in later).
    @Test func markersWithoutANonceComeOutAsSwiftMustacheWrites() throws {
        var library = MustacheLibrary()
        let template = "<p title=\"{{a}}\">{{{a}}}{{#list}}<i>{{x}}</i>{{/list}}{{s.k}}|{{{s.k}}}</p>\n"
        try library.register(template, named: "t")
        #expect(TemplateSkeletons.lackMarkers([(template, TemplateSyntax(template))]))
        #expect(!TemplateSkeletons.lackMarkers([(template, TemplateSyntax(template)), ("a\u{1}0&\u{2}", TemplateSyntax("a\u{1}0&\u{2}"))]))
        let texts = ["", "a<b&c\"d'e>", "\u{1}0&\u{2}", "\u{1}1&amp;\u{2}", "\u{1}", "&\u{301}", "ü ك 🇩🇪"]
        for k in texts {
            let skeletons = TemplateSkeletons(templatesLackMarkers: true)
            for a in texts {
                for b in texts {
                    let model: [String: Any] = ["a": a, "lang": "de", "s": ["k": k], "list": [["x": b], ["x": a]]]
                    #expect(skeletons.render(model, template: "t", library: library) == library.render(model, withTemplate: "t"))
                    #expect(skeletons.renderBytes(ViewModel(model), template: "t", library: library) == Array(library.render(model, withTemplate: "t")!.utf8))
                }
            }
        }
    }

    /// Compact markers (`&` and a scalar from U+F0000 on) cut where the template prints `&amp;`, `&`
    /// or `amp;` right around them, texts with scalars of every plane; a template with such a scalar
    /// (or U+0001, or a plane-14 tag character, whose UTF-8 starts with F3 too) keeps the nonce markers.
    @Test func compactMarkersAreCutWhateverTheTemplatePrintsAroundThem() throws {
        var library = MustacheLibrary()
        let template = "&amp{{a}}&amp;{{{a}}}amp;&{{{b}}}&amp;{{b}};{{#list}}&{{x}}{{{x}}}&amp{{/list}}{{s.k}}&{{{s.k}}}\n"
        try library.register(template, named: "t")
        #expect(TemplateSkeletons.lackMarkers([(template, TemplateSyntax(template))]))
        for other in ["\u{F0000}", "\u{10FFFD}", "\u{E0067}", "\u{1}"] {
            #expect(!TemplateSkeletons.lackMarkers([(template, TemplateSyntax(template)), (other, TemplateSyntax(other))]))
        }
        #expect(library.render(["a": TemplateSkeletons.compactMarker(3)], withTemplate: "t")!.contains("&amp;\u{F0003}"))
        let texts = ["", "&", "amp;", "&amp;", "\u{F0000}", "&\u{F0001}", "\u{E0067}\u{E007F}", "a<b&c\"d'e>", "ü ك 🇩🇪", "&\u{301}"]
        let skeletons = TemplateSkeletons(templatesLackMarkers: true)
        for a in texts {
            for b in texts {
                let model: [String: Any] = ["a": a, "b": b, "lang": "de", "s": ["k": "&k"], "list": [["x": b], ["x": a]]]
                let expected = library.render(model, withTemplate: "t")!
                #expect(skeletons.render(model, template: "t", library: library) == expected)
                #expect(skeletons.renderBytes(ViewModel(model), template: "t", library: library) == Array(expected.utf8))
            }
        }
    }

    /// Interface strings filled into one skeleton shared by the languages whose tables have the same
    /// keys: escaped and unescaped, in sections and inverted sections (empty strings too), missing keys,
    /// texts that need escaping or spell markers; as swift-mustache writes them, for each language.
    @Test func sharedSkeletonsFillEachLanguagesStringsAsSwiftMustacheWrites() throws {
        var library = MustacheLibrary()
        let template = "<p title=\"{{s.k}}\">{{{s.k}}}{{#s.k}}[{{.}}|{{{.}}}|{{a}}]{{/s.k}}{{^s.k}}none{{/s.k}}"
            + "{{#s.e}}<e>{{s.e}}</e>{{/s.e}}{{^s.e}}no e{{/s.e}}{{#s.missing}}m{{/s.missing}}{{^s.missing}}no m{{/s.missing}}"
            + "{{a}}{{#list}}<i>{{x}}{{s.k}}</i>{{/list}}{{#s}}{{k}}{{e}}{{/s}}</p>\n"
        try library.register(template, named: "t")
        let strings = ["", "a<b&c\"d'e>", "<&>\"'", "\u{1}0&\u{2}", "\u{1}1&amp;\u{2}", "&\u{301}", "ü ك 🇩🇪", "plain"]
        for lack in [true, false] {
            let skeletons = TemplateSkeletons(templatesLackMarkers: lack)
            var languages = 0
            for (index, k) in strings.enumerated() {
                for e in ["", "<e>"] {
                    languages += 1
                    let lang = "l\(languages)"
                    // Every third language's table lacks `e`: another shared skeleton.
                    let table = index % 3 == 0 ? ["k": k] : ["k": k, "e": e]
                    for a in ["", "x&y", k] {
                        let model: [String: Any] = ["a": a, "lang": lang, "s": table, "list": [["x": a], ["x": k]]]
                        let expected = library.render(model, withTemplate: "t")!
                        #expect(skeletons.render(model, template: "t", library: library) == expected)
                        #expect(skeletons.renderBytes(ViewModel(model), template: "t", library: library) == Array(expected.utf8))
                    }
                }
            }
            #expect(skeletons.sharedSkeletonCount == 2)
        }
    }

    @Test func templatesThatReadTextsAreNotSkeletonized() {
        func usable(_ text: String) -> Bool { TemplateSkeletons.isUsable([(text, TemplateSyntax(text))]) }
        #expect(usable("{{> head}}\n<p>{{title}}</p>{{#list}}{{#first()}}x{{/first()}}{{/list}}"))
        #expect(!usable("<p>\n  {{> head}}\n</p>"))
        #expect(!usable("{{>*name}}"))
        #expect(!usable("{{uppercased(title)}}"))
    }
}
