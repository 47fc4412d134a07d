import Foundation
import Mustache
import Testing
@testable import LotseCore

/// The byte-wise paths of rendering and writing give what the plain ones gave:
/// QR path data, the shape of a view model, the escape test, the writer's folders,
/// interface texts filled once per render.
struct RenderFastPathTests {
    /// A code's path data as string interpolation wrote it: one `M<x> <y>h<w>v1h-<w>z` per run of dark modules.
    static func interpolatedPathData(_ code: QRCode) -> String {
        var expected = ""
        for (y, row) in code.modules.enumerated() {
            var x = 0
            while x < row.count {
                guard row[x] else { x += 1; continue }
                var end = x
                while end < row.count, row[end] { end += 1 }
                expected += "M\(x + QRCode.quietZone) \(y + QRCode.quietZone)h\(end - x)v1h-\(end - x)z"
                x = end
            }
        }
        return expected
    }

    /// Path data written as before: one `M<x> <y>h<w>v1h-<w>z` per run, by string interpolation.
    @Test func qrPathDataIsWhatInterpolationWrites() throws {
        // Widths from 21 modules to more than 128 (rows of one, two and three words).
        let lengths = [1, 30, 100, 300, 700, 1200, 2000]
        let texts = lengths.map { n in String((0..<n).map { i in Array("abcdefghijklmnopqrstuvwxyz0123456789/-_.~")[(i * 7 + n) % 41] }) }
        var widths: Set<Int> = []
        for url in ["https://advice.example/de/", "https://beratung.example/fa/خانواده/leaflet/de/",
                    String(repeating: "https://x.example/very/long/path/", count: 20)] + texts {
            let code = try #require(QRCode(url))
            widths.insert(code.size)
            let expected = Self.interpolatedPathData(code)
            #expect(code.pathData == expected)
            #expect(code.size > 20)
        }
        #expect(widths.contains { $0 > 128 } && widths.contains { $0 > 64 && $0 <= 128 } && widths.contains { $0 <= 64 })
    }

    /// The SVG written as bytes in one buffer is what string interpolation wrote, labels with
    /// characters to escape (and combining marks after them) included; the modules are libqrencode's rows.
    @Test func qrSVGIsWhatInterpolationWrites() throws {
        let labels = ["", "QR-Code: https://advice.example/de/", "Rücklink <\"x\"> & 'y'", "رمز QR: https://x.example/fa/", "&\u{301}<", "🇩🇪 \u{200D}"]
        for url in ["https://advice.example/de/", "https://beratung.example/fa/خانواده/leaflet/de/", String(repeating: "x/", count: 300)] {
            let code = try #require(QRCode(url))
            #expect(code.modules.count == code.size && code.modules.allSatisfy { $0.count == code.size })
            #expect(code.modules.flatMap { $0 } == code.dark)
            #expect(code.dark.contains(true) && code.dark.contains(false))
            for label in labels {
                #expect(code.svg(label: label) == code.svgByInterpolation(label: label))
                #expect(code.svgBytes(label: label) == Array(code.svgByInterpolation(label: label).utf8))
            }
        }
    }

    /// Every size of code (21 to 177 modules a side): the path data from tables of pieces is what
    /// interpolation writes from the modules, and the SVG with its per-size head is the one interpolated.
    @Test func qrSVGOfEverySizeIsWhatInterpolationWrites() throws {
        for code in QRCodeCacheTests.codesOfEverySize {
            let expected = Self.interpolatedPathData(code)
            #expect(code.pathData == expected, "\(code.size) modules")
            for label in ["", "QR <\(code.size)> & 'x'"] {
                let total = code.size + 2 * QRCode.quietZone
                let svg = "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(total) \(total)\" "
                    + "width=\"\(total * 4)\" height=\"\(total * 4)\" "
                    + "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"\(HTML.escape(label))\">"
                    + "<title>\(HTML.escape(label))</title>"
                    + "<rect width=\"\(total)\" height=\"\(total)\" fill=\"#fff\"/>"
                    + "<path fill=\"#000\" d=\"\(expected)\"/></svg>"
                #expect(code.svgBytes(label: label) == Array(svg.utf8), "\(code.size) modules")
            }
        }
    }

    /// A row of modules laid out by hand (runs at word edges, a run to the row's end, a row all dark)
    /// draws the runs interpolation finds.
    @Test func qrPathDataOfHandMadeRows() {
        for size in [21, 61, 65, 69, 125, 129, 177] {
            var bits = [UInt8](repeating: 0, count: (size * size + 7) / 8)
            func set(_ x: Int, _ y: Int) { let i = y * size + x; bits[i >> 3] |= 1 << UInt8(i & 7) }
            for x in 0..<size { set(x, 0) }
            for x in [0, 62, 63, 64, 65, 127, 128, size - 1] where x < size { set(x, 1) }
            for x in stride(from: 1, to: size, by: 2) { set(x, 2) }
            for x in (size / 2)..<size { set(x, size - 1) }
            let code = QRCode(text: "x", width: size, bits: bits)
            var expected = ""
            for y in 0..<size {
                var x = 0
                while x < size {
                    guard code.isDark(x: x, y: y) else { x += 1; continue }
                    var end = x
                    while end < size, code.isDark(x: end, y: y) { end += 1 }
                    expected += "M\(x + 4) \(y + 4)h\(end - x)v1h-\(end - x)z"
                    x = end
                }
            }
            #expect(code.pathData == expected, "\(size) modules")
            #expect(code.dark.enumerated().allSatisfy { i, dark in dark == (bits[i >> 3] >> UInt8(i & 7) & 1 == 1) })
        }
    }

    @Test func theEscapeTestFindsEverySpecialByte() {
        let texts = ["", "plain", "ü ك 🇩🇪", "a&b", "<", ">", "\"", "'", "&\u{301}", "\u{301}<", "كلمة'", "x\0y",
                     String(repeating: "ä", count: 1000) + ">", NSString(string: "bridged & text") as String]
        for text in texts {
            #expect(MustacheEscape.needsEscaping(text) == text.utf8.contains { "&<>\"'".utf8.contains($0) }, "\(text)")
            #expect(MustacheEscape.html(text) == text.map { c -> String in
                switch c { case "<": "&lt;"; case ">": "&gt;"; case "&": "&amp;"; case "\"": "&quot;"; case "'": "&#39;"; default: String(c) }
            }.joined())
        }
    }

    /// The byte-wise escape gives what reading by Character gives, also where a mark joins a special byte
    /// into another Character (after it: a combining mark, a joiner; before it: a prepended mark).
    @Test func theByteEscapeIsTheCharacterEscape() {
        var texts = ["a<b>&\"'c", "ü<ك>🇩🇪&", "&\u{301}", "<\u{200D}", "\u{0600}<", "\u{0600}x<", "e\u{301}<",
                     "\r\n<", "<\r\n", "'\u{308}'", String(repeating: "Straße & Recht ", count: 500) + "<p>",
                     NSString(string: "bridged <b> & ü") as String, "x<" + String(repeating: "\u{301}", count: 3)]
        for value in 0..<128 {
            let byte = String(UnicodeScalar(UInt8(value)))
            texts += [byte, "ä" + byte, byte + "ä", "a" + byte + "b"]
        }
        for text in texts {
            #expect(MustacheEscape.html(text) == MustacheEscape.htmlByCharacter(text), "\(text.debugDescription)")
        }
    }

    /// An address is kept as it is (not escaped) exactly when every byte is, as read byte by byte before:
    /// every single byte, every pair with a safe one, texts not ASCII, long, bridged or small.
    @Test func theHrefTestKeepsWhatTheByteByByteTestKept() {
        var urls = ["", "https://advice.example/de/work/#fees", "/ar/خانواده/", "a b", "a&b", "it's", "%20", "#x",
                    String(repeating: "/path-segment", count: 200), String(repeating: "/p", count: 200) + "\"",
                    NSString(string: "https://bridged.example/a/b?c=d") as String, NSString(string: "bridged ü") as String]
        for value in 0..<128 {
            let byte = String(UnicodeScalar(UInt8(value)))
            urls += [byte, "abc" + byte, byte + "/de/"]
        }
        for url in urls {
            #expect(HTML.isHrefSafe(url) == HTML.isHrefSafeByByte(url), "\(url.debugDescription)")
        }
        #expect(urls.contains { HTML.isHrefSafe($0) } && urls.contains { !HTML.isHrefSafe($0) })
        #expect(HTML.escapeHref("/de/a/#fees") == "/de/a/#fees")
        #expect(HTML.escapeHref("/de/a/#ü'&x") == "/de/a/#%C3%BC&#x27;&amp;x")
    }

    /// Views made of `[String: String]` and lists of them (read by exact type, not cast) render as swift-mustache renders them.
    @Test func stringTablesAndListsOfThemRenderAsSwiftMustache() throws {
        var library = MustacheLibrary()
        try library.register("{{#o}}<b>{{name}}</b>{{#address_lines}}<i>{{line}}</i>{{/address_lines}}{{/o}}"
            + "{{#alternates}}<link hreflang=\"{{hreflang}}\" href=\"{{href}}\">{{/alternates}}{{#any}}[{{.}}]{{/any}}{{#flag}}!{{/flag}}", named: "t")
        let skeletons = TemplateSkeletons()
        let texts = ["", "a<b&c\"d'e>", "&\u{301}", "ك", "x"]
        for a in texts {
            for b in texts {
                let models: [[String: Any]] = [
                    ["o": ["name": a, "address": b] as [String: String], "alternates": [["hreflang": a, "href": b], ["hreflang": b, "href": a]],
                     "any": [a, b] as [Any], "flag": true],
                    ["o": ["name": a, "address_lines": [["line": a], ["line": b]]] as [String: Any], "alternates": [[String: String]](),
                     "any": [b, a] as [Any], "flag": false],
                    ["o": ["name": b] as [String: Any], "alternates": [["hreflang": a]] as [[String: Any]], "any": [a] as [String]],
                ]
                for model in models {
                    let expected = library.render(model, withTemplate: "t")
                    #expect(skeletons.render(model, template: "t", library: library) == expected)
                    // Pages are written as the skeleton's bytes: the same bytes.
                    let bytes = skeletons.renderBytes(model, template: "t", library: library)
                    #expect(bytes == Array((expected ?? "").utf8))
                    let file = OutputFile(path: "a.html", utf8: bytes)
                    #expect(file.contents == expected)
                    #expect(file.withUTF8 { Array($0) } == bytes)
                }
            }
        }
    }

    /// Whole numbers as texts: what swift-mustache prints for them (digits, a section over any
    /// number shown, 0 and negatives too); with a transform in the templates they are not texts,
    /// and pages with them are rendered by swift-mustache.
    @Test func wholeNumbersRenderAsSwiftMustache() throws {
        let plain = "{{#rows}}<tr id=\"r-{{number}}\">{{{number}}}{{#number}}[{{.}}]{{/number}}{{^number}}none{{/number}}{{#cells}}<td>{{answer}}</td>{{/cells}}</tr>{{/rows}}{{count}}"
        let transformed = "{{#rows}}{{#number}}{{#even()}}even {{/even()}}{{plusone(.)}}{{/number}}{{/rows}}"
        for (text, numbers) in [(plain, true), (transformed, false)] {
            var library = MustacheLibrary()
            try library.register(text, named: "t")
            let syntax = TemplateSyntax(text)
            #expect(TemplateSkeletons.hasNoTransforms([(text, syntax)]) == numbers)
            let skeletons = TemplateSkeletons(numbersAreTexts: TemplateSkeletons.hasNoTransforms([(text, syntax)]))
            for numbers in [[0], [1, -2], [42, 7, 100_000], []] {
                for count in [0, 3] {
                    let model: [String: Any] = ["rows": numbers.map { ["number": $0, "cells": [["answer": "a<\($0)"]]] as [String: Any] }, "count": count]
                    let expected = library.render(model, withTemplate: "t") ?? ""
                    #expect(skeletons.render(model, template: "t", library: library) == expected)
                    #expect(skeletons.renderBytes(model, template: "t", library: library) == Array(expected.utf8))
                }
            }
        }
    }

    /// Columns with the same parts in the same order pair side by side; a key a column repeats
    /// pairs once (the parts are matched by key, not by place).
    @Test func columnsWithTheSamePartsPairSideBySide() {
        func parts(_ keys: [String], _ lang: String) -> [RenderContext.LeafletPart] {
            keys.map { RenderContext.LeafletPart(key: $0, kind: "k-\($0)", html: "\(lang):\($0)", lang: lang) }
        }
        func rows(_ left: [String], _ right: [String]) -> [String] {
            RenderContext.pair([parts(left, "fa"), parts(right, "de")]).map { row in
                row.kind + "=" + row.cells.map { $0?.html ?? "-" }.joined(separator: "|")
            }
        }
        #expect(rows(["a", "b", "c"], ["a", "b", "c"]) == ["k-a=fa:a|de:a", "k-b=fa:b|de:b", "k-c=fa:c|de:c"])
        #expect(rows(["a", "a"], ["a", "a"]) == ["k-a=fa:a|de:a", "k-a=fa:a|-"])
        #expect(rows(["a", "b"], ["b", "a"]) == ["k-a=fa:a|de:a", "k-b=fa:b|-"])
        #expect(rows(["a", "x"], ["y", "a"]) == ["k-y=-|de:y", "k-a=fa:a|de:a", "k-x=fa:x|-"])
        #expect(rows([], []).isEmpty)
        // Told whether the right column's keys are unique (a memo's column): the same rows.
        var random = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let left = (0..<Int.random(in: 0...6, using: &random)).map { _ in ["a", "b", "c", "d"].randomElement(using: &random)! }
            let right = Bool.random(using: &random) ? left : (0..<Int.random(in: 0...6, using: &random)).map { _ in ["a", "b", "c", "e"].randomElement(using: &random)! }
            let columns = [parts(left, "fa"), parts(right, "de")]
            let told = RenderContext.pair(columns, rightKeysUnique: Set(right).count == right.count)
            let asked = RenderContext.pair(columns)
            // The leaflet's rows made straight from the columns when they pair side by side: the rows `pair` gives.
            if RenderContext.pairsSideBySide(columns) {
                #expect(asked.map { $0.kind + $0.cells.map { $0?.html ?? "-" }.joined() } == zip(left, right).map { "k-\($0)fa:\($0)de:\($1)" })
            }
            #expect(RenderContext.pairsSideBySide(columns) == (left == right && Set(left).count == left.count))
            #expect(told.map { $0.kind + $0.cells.map { $0?.html ?? "-" }.joined() } == asked.map { $0.kind + $0.cells.map { $0?.html ?? "-" }.joined() })
        }
    }

    /// Files in new nested folders, from many threads at once, land where they should.
    @Test func theWriterMakesNestedFoldersFromAnyThread() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lotse-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("site")
        let writer = try OutputWriter(output: output, displayPath: "site", force: false)
        let paths = (0..<400).map { "l\($0 % 3)/p\($0 % 7)/leaflet/x\($0)/index.html" } + ["index.html", "de/index.html", "ü ك/%20 x/a.html"]
        let errors = DiagnosticLog()
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            do throws(LotseError) {
                try writer.write(OutputFile(path: paths[index], contents: "file \(index)"))
            } catch {
                errors.add(contentsOf: error)
            }
        }
        #expect(errors.diagnostics.isEmpty)
        try writer.commit()
        for (index, path) in paths.enumerated() {
            #expect(try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) == "file \(index)")
        }
        #expect(throws: LotseError.self) { try OutputWriter(output: output, displayPath: "site", force: false).write(OutputFile(path: "a\\b", contents: "")) }
        #expect(OutputWriter.safeRelativePath("a/../b") == nil && OutputWriter.safeRelativePath("a\0b") == nil
            && OutputWriter.safeRelativePath("/a") == nil && OutputWriter.safeRelativePath("a/b") == "a/b")
    }

    /// The review and printed lines, the bilingual label and language names are what Foundation's
    /// filling makes on the spot, for each language and date (and a name asked twice is the same).
    @Test func repeatedTextsAreTheTextsFilledOnTheSpot() throws {
        let options = BuildOptions(content: Fixture.repoRoot.appendingPathComponent("content").path,
                                   templates: Fixture.templates, output: "unused", today: Fixture.today)
        let site = try SiteCompiler.compile(options.compileOptions)
        let context = RenderContext(site: site, templates: try #require(site.templates), resolver: SiteLinkResolver.relative(for: site))
        let days = [Day("2026-11-02")!, Day("2025-01-31")!, Fixture.today]
        for _ in 0..<2 {
            for language in site.config.languages.map(\.code) {
                for day in days {
                    for key in ["last_reviewed", "leaflet_printed"] {
                        let expected = (context.strings(language)[key] ?? "").fillingByFoundation(["date": LocalizedDate.format(day, language: language)])
                        #expect(context.dateText(key, language: language, date: day) == expected)
                        #expect(expected.contains(LocalizedDate.format(day, language: language)))
                    }
                }
                let name = Locale(identifier: language).localizedString(forLanguageCode: "de") ?? "de"
                #expect(context.languageName("de", in: language) == name)
                let links = context.leafletLinks(for: "x", reader: language, single: false)
                if language != context.officeLanguage {
                    #expect(links["leaflet_bilingual_label"] as? String
                        == (context.strings(language)["leaflet_page_bilingual"] ?? "").fillingByFoundation(["language": name]))
                }
            }
        }
        #expect(context.dateText("last_reviewed", language: "de", date: days[0]) != context.dateText("last_reviewed", language: "de", date: days[1]))
    }

    /// The navigation and the office's contact, made once per language (and current entry),
    /// are what each page made for itself, whichever page asks first.
    @Test func repeatedViewsAreTheViewsMadeOnTheSpot() throws {
        let fixture = try Fixture(files: ["content/de/index.md": Fixture.page("Start"), "content/de/a.md": Fixture.page("A"),
                                          "content/ar/a.md": Fixture.page("أ")], site: """
            base_url: https://advice.example/
            source_language: de
            languages:
              - { code: de, name: Deutsch }
              - { code: en, name: English }
              - { code: ar, name: العربية }
            office:
              name: { de: Ausländerbehörde, ar: مكتب الأجانب }
              address: "Marktplatz 1\\n12345 Musterstadt"
              phone: "+49 331 000000"
              email: auslaenderbehoerde@example.org
              opening_hours: { de: "Mo–Fr 8–12 Uhr", en: "Mon–Fri 8–12" }
            """)
        let site = try SiteCompiler.compile(fixture.options().compileOptions)
        #expect(!site.hasErrors)
        let context = RenderContext(site: site, templates: try #require(site.templates), resolver: SiteLinkResolver.relative(for: site))
        let currents: [String?] = [nil, "", "a", Glossary.path, nil, ""]
        for language in site.config.languages.map(\.code) {
            for current in currents {
                let model = context.common(language: language, title: "t", switcher: nil, canonical: nil, alternates: [],
                                           noindex: false, currentNav: current)
                let nav = try #require(model["nav"] as? [[String: Any]])
                let fresh = context.navigation(language: language, current: current)
                #expect(nav.count == fresh.count)
                for (made, expected) in zip(nav, fresh) {
                    #expect(made["title"] as? String == expected["title"] as? String)
                    #expect(made["href"] as? String == expected["href"] as? String)
                    #expect(made["current"] as? Bool == expected["current"] as? Bool)
                }
                // Home is current on the home page only; no entry is current on an advice page.
                #expect((nav.first?["current"] as? Bool) == (current == ""))
                if current == nil { #expect(!nav.contains { $0["current"] as? Bool == true }) }
                let office = try #require(model["office"] as? [String: Any])
                let freshOffice = context.officeView(try #require(site.config.office), language: language)
                #expect(Set(office.keys) == Set(freshOffice.keys))
                #expect(freshOffice.count >= 9)
                for (key, value) in freshOffice {
                    if let text = value as? String { #expect(office[key] as? String == text, "\(key)") }
                }
                #expect((office["address_lines"] as? [[String: String]])?.map { $0["line"] } == ["Marktplatz 1", "12345 Musterstadt"])
            }
        }
    }

    /// Filling by bytes gives what Foundation's `replacingOccurrences`, name after name, gives:
    /// on the site's interface strings and on random texts with combining marks, Arabic, Hebrew,
    /// emoji, braces, missing and adjacent names, and values with and without braces.
    @Test func fillingByBytesIsFillingByFoundation() throws {
        let options = BuildOptions(content: Fixture.repoRoot.appendingPathComponent("content").path,
                                   templates: Fixture.templates, output: "unused", today: Fixture.today)
        let site = try SiteCompiler.compile(options.compileOptions)
        let values = ["date": "٢ نوفمبر ٢٠٢٦", "language": "Deutsch", "source_language": "آلمانی", "url": "https://x.example/fa/a?b=1&c",
                      "percent": "50", "number": "3", "total": "7", "title": "<Title> & \"x\"", "version": "v1", "condition": "",
                      "target": "", "question": "q", "answers": "a, b"]
        var checked = 0
        for language in site.config.languages.map(\.code) {
            for (_, text) in site.strings.table(for: language) {
                #expect(text.filling(values) == text.fillingByFoundation(values), "\(text)")
                checked += 1
            }
        }
        #expect(checked > 100)

        let pieces = ["{date}", "{language}", "{url}", "{missing}", "{", "}", "{{", "}}", "{Date}", "{da", "te}", "{x}", "a", " ", "\n", "\r\n",
                      "\u{301}", "\u{0600}", "\u{200D}", "é", "e\u{301}", "كلمة", "שלום", "🇩🇪", "👍🏽", "١٢", "\u{212A}", "_", "1"]
        let valueChoices = ["", "x", "at", "Deutsch", "عربی", "\u{301}", "e\u{301}", "{date}", "a}b", "{", "🇩🇪", "2 November 2026", "_1"]
        var generator = SystemRandomNumberGenerator()
        var fast = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...8, using: &generator) { text += pieces.randomElement(using: &generator)! }
            var chosen: [String: String] = [:]
            for name in ["date", "language", "url", "x", "te", "da"].shuffled(using: &generator).prefix(Int.random(in: 0...3, using: &generator)) {
                chosen[name] = valueChoices.randomElement(using: &generator)!
            }
            let expected = text.fillingByFoundation(chosen)
            if let bytes = text.fillingBytes(chosen) {
                fast += 1
                #expect(bytes == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) }) \(chosen)")
            }
            #expect(text.filling(chosen) == expected)
        }
        // Most texts take the byte path.
        #expect(fast > 10_000)
        // The cases that leave the byte path.
        #expect("{date}\u{301}".fillingBytes(["date": "d"]) == nil)
        #expect("\u{0600}{date}".fillingBytes(["date": "d"]) == nil)
        #expect("{date}{url}".fillingBytes(["date": "d", "url": "u"]) == nil)
        #expect("{d{x}e}".fillingBytes(["x": "at"]) == nil)
        #expect("{date}".fillingBytes(["date": "{url}"]) == nil)
        #expect("{Date}".fillingBytes(["Date": "d"]) == nil)
        #expect("Stand: {date}.".fillingBytes(["date": "٢ نوفمبر"]) == "Stand: ٢ نوفمبر.")
        #expect("{missing} {date}".fillingBytes(["date": "x"]) == "{missing} x")
    }

    /// Filling a skeleton through a pointer into an array of the counted size gives what joining
    /// its pieces with its texts (escaped where the template escapes them) as Strings gives: texts
    /// as Strings and as bytes, repeated, escaped in one gap and not in another, empty pieces and texts.
    @Test func fillingASkeletonIsJoiningItsPiecesAndTexts() throws {
        var library = MustacheLibrary()
        try library.register("{{a}}", named: "e")
        let choices = ["", "plain", "a&b", "<b>", "\"q\" 'a'", "&\u{301}<", "ك & ي", "🇩🇪", String(repeating: "ä<", count: 300),
                       NSString(string: "bridged & text") as String]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<2_000 {
            let texts = (0..<Int.random(in: 0...6, using: &generator)).map { index -> TemplateSkeletons.Text in
                let text = choices.randomElement(using: &generator)!
                return (round + index) % 2 == 0 ? .string(text) : .utf8(Array(text.utf8))
            }
            let pieces = (0...(texts.isEmpty ? 0 : Int.random(in: 0...8, using: &generator))).map { _ in
                ["", "<p>", "</a>\n", "ü"].randomElement(using: &generator)!
            }
            let slots = (0..<(pieces.count - 1)).map { _ in (text: Int.random(in: 0..<texts.count, using: &generator), escaped: Bool.random(using: &generator)) }
            var bytes: [UInt8] = []
            var ends: [Int] = []
            for piece in pieces {
                bytes += Array(piece.utf8)
                ends.append(bytes.count)
            }
            var expected = pieces[0]
            for (index, slot) in slots.enumerated() {
                let text: String
                switch texts[slot.text] {
                case let .string(string): text = string
                case let .utf8(utf8): text = String(decoding: utf8, as: UTF8.self)
                }
                expected += (slot.escaped ? library.render(["a": text], withTemplate: "e")! : text) + pieces[index + 1]
            }
            let skeleton = TemplateSkeletons.Skeleton(bytes: bytes, pieceEnds: ends, slots: slots)
            #expect(TemplateSkeletons.fillBytes(skeleton, texts: texts) == Array(expected.utf8))
        }
    }
}

extension QRCode {
    /// ``svg(label:)`` as it was written, by string interpolation (the reference the tests compare with).
    func svgByInterpolation(label: String) -> String {
        let total = size + 2 * Self.quietZone
        return "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(total) \(total)\" "
            + "width=\"\(total * 4)\" height=\"\(total * 4)\" "
            + "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"\(HTML.escape(label))\">"
            + "<title>\(HTML.escape(label))</title>"
            + "<rect width=\"\(total)\" height=\"\(total)\" fill=\"#fff\"/>"
            + "<path fill=\"#000\" d=\"\(pathData)\"/></svg>"
    }
}
