import Foundation
import Mustache
import Testing
@testable import LotseCore

/// The status page written from one render of a small model (``ListSkeleton``) is byte for byte what
/// swift-mustache renders from the whole model, for any status template; templates where the item
/// markers could change the output are not rewritten (then the page is rendered as it is).
struct ListSkeletonTests {
    static let lists: Set<String> = ["status_languages", "items", "changes"]

    /// Rows of several shapes interleaved, texts that need escaping, empty lists.
    static func model(languages: Int = 3, rows: Int = 7) -> [String: Any] {
        let texts = ["plain", "a & b", "<tag>", "\"quoted\"", "it's", "", "ü ك 🇩🇪", "&\u{301}x"]
        var model: [String: Any] = [
            "title": "Status <&>", "intro": "Intro ' \"", "lang": "en", "s": ["k": "v&", "status_title": "T"],
            "nav": [["title": "Home", "current": true], ["title": "Q<1>", "current": false]] as [[String: Any]],
            "alternates": [[String: Any]](), "noindex": true,
        ]
        model["status_languages"] = (0..<languages).map { language -> [String: Any] in
            [
                "code": "l\(language)", "name": texts[language % texts.count], "dir": language == 1 ? "rtl" : "ltr",
                "percent": "\(language * 10)%", "counts": "1 current · 2 outdated",
                "items": (0..<(language == 2 ? 0 : rows)).map { row -> [String: Any] in
                    let state = ["current", "outdated", "missing", "draft"][(row + language) % 4]
                    let changes = row % 3 == 0 ? [] : (0..<(row % 3)).map { ["section": texts[($0 + row) % texts.count]] }
                    var entry: [String: Any] = ["file": "l\(language)/\(texts[row % texts.count]).md", "state": state,
                                                "state_label": "<\(state)>", "has_changes": !changes.isEmpty, "changes": changes]
                    if state != "current" { entry["words"] = "\(row * 7)" }
                    return entry
                },
            ]
        }
        return model
    }

    static func library(_ templates: [(String, String)]) throws -> (MustacheLibrary, MustacheLibrary?) {
        var library = MustacheLibrary()
        for (name, text) in templates { try library.register(text, named: name) }
        let listLibrary = ListMarkers.library(templates.map { ($0.0, $0.1, TemplateSyntax($0.1)) }, template: "status",
                                              lists: lists, base: library)
        return (library, listLibrary)
    }

    /// The fast path's bytes equal swift-mustache's for each model; whether the templates were rewritten.
    @discardableResult
    static func check(_ templates: [(String, String)], models: [[String: Any]] = [model(), model(languages: 1, rows: 1),
                                                                                 model(languages: 0), model(languages: 5, rows: 40)],
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Bool {
        let (library, listLibrary) = try library(templates)
        guard let listLibrary else { return false }
        let skeleton = ListSkeleton(lists: lists, library: listLibrary, template: "status")
        for model in models {
            let expected = library.render(model, withTemplate: "status")!
            let bytes = try #require(skeleton.render(model), sourceLocation: sourceLocation)
            #expect(String(decoding: bytes, as: UTF8.self) == expected, sourceLocation: sourceLocation)
        }
        return true
    }

    @Test func theBundledStatusTemplate() throws {
        let folder = URL(fileURLWithPath: Fixture.templates)
        var templates: [(String, String)] = []
        for name in ["status", "head", "header", "footer"] {
            templates.append((name, try String(contentsOf: folder.appendingPathComponent("\(name).mustache"), encoding: .utf8)))
        }
        #expect(try Self.check(templates))
    }

    @Test func standaloneAndInlineSectionsKeepTheirWhitespace() throws {
        let templates = [
            // Standalone tags, indented; inline sections; a section closed on the line it opens on.
            "<h1>{{title}}</h1>\n  {{#status_languages}}\n  <h2>{{name}}</h2>\n    {{#items}}\n\t<li>{{file}}{{#words}} ({{words}}){{/words}}</li>\n    {{/items}}\n  {{^items}}\n  none\n  {{/items}}\n  {{/status_languages}}\nend",
            "{{#status_languages}}{{#items}}{{/items}}{{/status_languages}}|{{#status_languages}}{{code}}{{/status_languages}}\n",
            "{{#status_languages}}\n{{#items}}\n{{/items}}\n{{/status_languages}}\n",
            "{{#status_languages}}  x  {{#items}}  \n{{state}}\n{{/items}}{{/status_languages}}\n",
            "a {{#status_languages}}\n{{name}}\n{{/status_languages}} b\n{{#status_languages}}\n  {{#items}}{{file}},{{/items}}\n{{/status_languages}}",
            // Texts and flags reached from outer objects inside items; the same list shown twice; sections over texts.
            "{{#status_languages}}{{#items}}[{{title}}|{{code}}|{{{name}}}|{{s.k}}|{{#noindex}}n{{/noindex}}{{#intro}}i{{/intro}}{{^has_changes}}-{{/has_changes}}{{#changes}}{{section}}{{code}}{{#s}}{{k}}{{/s}}{{/changes}}]{{/items}}{{/status_languages}}{{#status_languages}}{{#items}}{{file}}{{/items}}{{/status_languages}}",
            // Lists outside any item; items named where none is in reach; nav items inside rows.
            "{{#items}}never{{/items}}{{#nav}}{{title}}{{/nav}}{{#status_languages}}{{#items}}{{#nav}}<{{title}}{{file}}>{{/nav}}{{/items}}{{/status_languages}}\n",
            // The whole list again inside each row.
            "{{#status_languages}}{{#items}}{{file}}:{{#status_languages}}{{code}} {{/status_languages}};{{/items}}{{/status_languages}}",
            // At the end of the template without a line end.
            "{{#status_languages}}\n{{code}}\n{{/status_languages}}",
            "\n{{#status_languages}}\n{{code}}\n  {{/status_languages}}",
        ]
        for template in templates {
            #expect(try Self.check([("status", template)]), "\(template)")
        }
    }

    @Test func partialsInsideListsAreRewrittenToo() throws {
        let templates = [("status", "{{> head}}\n{{#status_languages}}\n{{> lang}}\n{{/status_languages}}\n"),
                         ("head", "<title>{{title}}</title>\n"),
                         ("lang", "<h2>{{name}}</h2>\n{{#items}}\n<p>{{file}}</p>\n{{> row}}\n{{/items}}\n"),
                         ("row", "{{#changes}}{{section}} {{/changes}}\n"),
                         ("unused", "{{items}}")]
        #expect(try Self.check(templates))
    }

    @Test func templatesTheMarkersCouldChangeAreNotRewritten() throws {
        let refused = [
            "{{#status_languages}}{{.}}{{/status_languages}}",
            "{{=<% %>=}}<%#status_languages%><%code%><%/status_languages%>",
            "{{#status_languages}}{{items}}{{/status_languages}}",
            "{{#status_languages}}{{#items.0}}{{file}}{{/items.0}}{{/status_languages}}",
            "{{#status_languages}}{{#first()}}f{{/first()}}{{/status_languages}}",
            "{{#status_languages}}{{uppercased(code)}}{{/status_languages}}",
            "{{#status_languages}}{{code}}\r\n{{/status_languages}}",
            "{{#status_languages}}{{>*dynamic}}{{/status_languages}}",
            "{{<parent}}{{$block}}x{{/block}}{{/parent}}",
            "{{#status_languages}}{{__lotse_item_begin}}{{/status_languages}}",
            "{{#status_languages}}\n{{code}}\n{{/status_languages}}   ",
            // Sections whose tags differ in being standalone: the line after is read as the opening tag left it.
            "{{#status_languages}}  x  {{#items}}  \n{{state}}\n  {{/items}}  \n  {{/status_languages}}",
            "{{#status_languages}}\n{{code}}{{/status_languages}}  {{#items}}\nx\n{{/items}}",
            "{{#has_changes}}\nx{{/has_changes}}\n{{#status_languages}}\n{{code}}\n{{/status_languages}}\n",
            // An indented standalone partial; a tag over two lines.
            "{{#status_languages}}\n  {{> p}}\n{{/status_languages}}\n",
            "{{#status_languages\n}}{{code}}{{/status_languages}}",
        ]
        for template in refused {
            var library = MustacheLibrary()
            try? library.register(template, named: "status")
            try? library.register("p", named: "parent")
            try? library.register("{{code}}\n", named: "p")
            #expect(ListMarkers.library([("status", template, TemplateSyntax(template))], template: "status", lists: Self.lists,
                                        base: library) == nil, "\(template)")
        }
        // Nothing to mark: the page is rendered as it is.
        #expect(try !Self.check([("status", "<p>{{title}}</p>")]))
    }

    @Test func modelsItCannotStandForAreRenderedAsTheyAre() throws {
        let (_, listLibrary) = try Self.library([("status", "{{#status_languages}}{{code}}{{/status_languages}}")])
        let skeleton = ListSkeleton(lists: Self.lists, library: try #require(listLibrary), template: "status")
        #expect(skeleton.render(["status_languages": "text"]) == nil)
        #expect(skeleton.render(["status_languages": [["code": 1] as [String: Any]]]) == nil)
        #expect(skeleton.render(["status_languages": [["code": "a", "__lotse_x": "b"]]]) == nil)
        #expect(skeleton.render(["status_languages": [["code": "a"]], "n": 3]) == nil)
        #expect(skeleton.render(["status_languages": [["code": "a<"]]]).map { String(decoding: $0, as: UTF8.self) } == "a&lt;")
    }

    /// The whole status page of the bundled site, fast path against plain swift-mustache.
    @Test func theBundledSitesStatusPage() throws {
        let options = BuildOptions(content: Fixture.repoRoot.appendingPathComponent("content").path,
                                   templates: Fixture.templates, output: "unused", today: Fixture.today)
        let site = try SiteCompiler.compile(options.compileOptions)
        let fast = try #require(site.templates)
        #expect(fast.statusSkeleton != nil)
        var slow = fast
        slow.statusSkeleton = nil
        let resolver = SiteLinkResolver.relative(for: site)
        let a = try #require(RenderContext(site: site, templates: fast, resolver: resolver).renderStatusPage())
        let b = try #require(RenderContext(site: site, templates: slow, resolver: resolver).renderStatusPage())
        #expect(a.contents == b.contents)
        #expect(a.contents.contains("<li class=\"status-"))
    }

    /// Random templates from pieces of status templates (standalone and inline tags, nested lists,
    /// inverted sections, outer names, partials): wherever the templates are rewritten, the page is
    /// swift-mustache's, and most of them are rewritten.
    @Test func randomTemplatesComeOutAsSwiftMustacheRendersThem() throws {
        var generator = SeededGenerator(seed: 10)
        let names = ["title", "code", "name", "file", "state", "words", "section", "s.k", "intro", "missing"]
        let flags = ["has_changes", "noindex", "words", "current", "nav", "changes", "items"]
        func piece(_ depth: Int, _ inside: [String], partials: Bool = true) -> String {
            let pick = Int.random(in: 0..<12, using: &generator)
            let line = Bool.random(using: &generator)
            let pad = ["", " ", "  ", "\t"].randomElement(using: &generator)!
            switch pick {
            case 0, 1: return "{{\(names.randomElement(using: &generator)!)}}"
            case 2: return "{{{\(names.randomElement(using: &generator)!)}}}"
            case 3: return ["<li>", "x", " ", "\n", "&amp;", "</p>\n", ": "].randomElement(using: &generator)!
            case 4: return "{{! note }}"
            case 5: return depth > 0 && partials ? "\n{{> part}}\n" : "<b>"
            default:
                guard depth < 4 else { return "." }
                let list: String
                if pick == 6 || pick == 7 {
                    list = flags.randomElement(using: &generator)!
                } else {
                    list = ["status_languages", "items", "changes", "status_languages"][min(inside.count, 3)]
                }
                let kind = pick == 8 && Bool.random(using: &generator) ? "^" : "#"
                let body = (0..<Int.random(in: 0..<4, using: &generator)).map { _ in piece(depth + 1, inside + [list], partials: partials) }.joined()
                return line ? "\n\(pad){{\(kind)\(list)}}\(pad)\n\(body)\n\(pad){{/\(list)}}\n"
                    : "\(pad){{\(kind)\(list)}}\(body){{/\(list)}}\(pad)"
            }
        }
        var rewritten = 0
        var tried = 0
        for _ in 0..<300 {
            let status = (0..<Int.random(in: 1..<6, using: &generator)).map { _ in piece(0, []) }.joined()
            let part = (0..<Int.random(in: 1..<3, using: &generator)).map { _ in piece(2, ["status_languages", "items"], partials: false) }.joined()
            guard (try? Self.library([("status", status), ("part", part)])) != nil else { continue }
            tried += 1
            if try Self.check([("status", status), ("part", part)], models: [Self.model(languages: 3, rows: 9)]) { rewritten += 1 }
        }
        #expect(tried > 250)
        #expect(rewritten > tried / 3, "\(rewritten) of \(tried)")
    }
}
