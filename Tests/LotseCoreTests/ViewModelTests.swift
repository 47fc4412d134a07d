import Foundation
import Mustache
import Testing
@testable import LotseCore

/// View models kept in key order (``ViewModel``) render as the `[String: Any]` they stand for:
/// through the skeletons, the same bytes as that dictionary through the skeletons and
/// through swift-mustache.
struct ViewModelTests {
    /// Keys set in any order are kept as `keys.sorted()` sorts them; set again, replaced; set to nil, removed.
    @Test func keysAreKeptInTheOrderTheyAreSorted() {
        var generator = SystemRandomNumberGenerator()
        let keys = ["a", "b", "B", "a_b", "a-b", "ab", "é", "e\u{301}", "z", "10", "9", "", "ü", "ك", "has_toc", "has", "href", "hreflang"]
        for _ in 0..<50 {
            var model = ViewModel()
            var dictionary: [String: Any] = [:]
            for key in keys.shuffled(using: &generator) + keys.shuffled(using: &generator).prefix(5) {
                let value = "\(key)-\(Int.random(in: 0..<3, using: &generator))"
                model[key] = value
                dictionary[key] = value
            }
            for key in keys.shuffled(using: &generator).prefix(4) {
                model[key] = nil
                dictionary[key] = nil
            }
            #expect(model.entries.map(\.key) == dictionary.keys.sorted())
            #expect(model.count == dictionary.count)
            for (key, value) in dictionary { #expect(model[key] as? String == value as? String) }
            #expect(model.dictionary.keys.sorted() == dictionary.keys.sorted())
            #expect(ViewModel(dictionary).entries.map(\.key) == model.entries.map(\.key))
        }
    }

    /// Values set through the `Any` subscript are read by their type: texts, flags, view models
    /// and lists of them typed; anything else kept as it is.
    @Test func valuesAreTypedAsTheyAreSet() {
        var model = ViewModel()
        model["t"] = "x"
        model["f"] = false
        model["o"] = ViewModel(["a": "b"])
        model["l"] = [ViewModel(["a": "b"])]
        model["n"] = 3
        model["s"] = ["k": "v"]
        model["d"] = ["a": 1] as [String: Any]
        guard case .text("x")? = model[value: "t"], case .flag(false)? = model[value: "f"], case .object? = model[value: "o"],
              case .list? = model[value: "l"], case .other? = model[value: "n"], case .strings? = model[value: "s"],
              case .other? = model[value: "d"] else {
            Issue.record("values not typed: \(model.entries.map { "\($0.key)=\($0.value)" })")
            return
        }
        #expect(model["o"] as? [String: Any] != nil && model["l"] as? [[String: Any]] != nil)
        #expect(model["s"] as? [String: String] == ["k": "v"] && model["n"] as? Int == 3)
        model[value: "u"] = .utf8(Array("ü<".utf8))
        #expect(model["u"] as? String == "ü<")
        #expect(model.text("t") == "x" && model.text("f") == nil && model.text("missing") == nil)
    }

    /// Models of every kind of value, with texts to escape and texts as bytes, in escaped and
    /// raw places: the skeletons give for the view model what swift-mustache gives for its dictionary.
    @Test func viewModelsRenderAsTheirDictionaries() throws {
        let template = """
            <h1 lang="{{lang}}">{{title}}</h1>{{{body}}}<p>{{body}}</p>{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}
            {{#o}}<b>{{name}}</b>{{#lines}}<i>{{line}}</i>{{/lines}}{{/o}}{{s.hello}}
            {{#rows}}<div class="{{kind}}">{{#cells}}<p lang="{{lang}}">{{{html}}}</p>{{/cells}}</div>{{/rows}}
            {{#alternates}}<link hreflang="{{hreflang}}" href="{{href}}">{{/alternates}}{{#any}}[{{.}}]{{/any}}{{count}}
            """
        for numbersAreTexts in [false, true] {
            var library = MustacheLibrary()
            try library.register(template, named: "t")
            let skeletons = TemplateSkeletons(numbersAreTexts: numbersAreTexts)
            let texts = ["", "a<b&c\"d'e>", "&\u{301}", "ك", "plain", "ü\n"]
            for (index, a) in texts.enumerated() {
                let b = texts[(index + 1) % texts.count]
                for rowCount in [0, 1, 3] {
                    var model = ViewModel()
                    model["lang"] = "de"
                    model["s"] = ["hello": "Hallo <\(a)>"]
                    model["title"] = a
                    model[value: "body"] = .utf8(Array("<p>\(b)</p>".utf8))
                    model["flag"] = rowCount > 0
                    model[value: "o"] = .object(ViewModel(sorted: [("lines", .list([ViewModel(sorted: [("line", .text(a))]), ViewModel(sorted: [("line", .utf8(Array(b.utf8)))])])),
                                                                   ("name", .text(b))]))
                    model[value: "rows"] = .list((0..<rowCount).map { row in
                        ViewModel(sorted: [("cells", .list([ViewModel(sorted: [("html", .text("\(a)\(row)")), ("lang", .text("fa"))]),
                                                            ViewModel(sorted: [("html", .utf8(Array(b.utf8))), ("lang", .text("de"))])])),
                                           ("kind", .text("k\(row)"))])
                    })
                    model["alternates"] = [["hreflang": a, "href": b], ["hreflang": b, "href": a]]
                    model["any"] = [a, b] as [Any]
                    model["count"] = rowCount
                    let dictionary = model.dictionary
                    let expected = try #require(library.render(dictionary, withTemplate: "t"))
                    #expect(String(decoding: skeletons.renderBytes(model, template: "t", library: library), as: UTF8.self) == expected)
                    #expect(skeletons.render(model, template: "t", library: library) == expected)
                    #expect(skeletons.renderBytes(dictionary, template: "t", library: library) == Array(expected.utf8))
                }
            }
        }
    }

    /// Every page of the bundled site (advice pages, print versions, questionnaires, leaflets,
    /// glossary, status) is what swift-mustache renders from the view model it was made from.
    @Test func everyPageOfTheBundledSiteIsWhatSwiftMustacheRenders() throws {
        let options = BuildOptions(content: Fixture.repoRoot.appendingPathComponent("content").path,
                                   templates: Fixture.templates, output: "unused", today: Fixture.today)
        var (context, _) = try SiteBuilder.prepare(options, log: DiagnosticLog())
        let recorder = ViewModelRecorder()
        context.templates.recorder = recorder
        let files = FileCollector()
        SiteBuilder.render(context) { files.add($0) }
        let pages = files.files.filter { $0.path.hasSuffix(".html") }.map(\.contents).sorted()
        let rendered = recorder.models.map { context.templates.library.render($0.model, withTemplate: $0.template) ?? "" }.sorted()
        #expect(pages.count > 100)
        #expect(pages.count == rendered.count)
        #expect(pages == rendered)
    }
}

/// Files handed over from the rendering threads.
private final class FileCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [OutputFile] = []

    func add(_ file: OutputFile) {
        lock.lock()
        defer { lock.unlock() }
        collected.append(file)
    }

    var files: [OutputFile] {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }
}
