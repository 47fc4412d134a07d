import Foundation
import Testing
@testable import LotseCore

/// Templates are checked when loaded: each page template against its own
/// view model, partials in the context that includes them, syntax errors at
/// their line and column, partials that are missing or include themselves.
@Suite struct TemplateCheckTests {
    /// A site whose `templates/` is a copy of the default templates with `edits` applied
    /// (`nil` deletes the file).
    static func site(_ edits: [String: String?]) throws -> Fixture {
        let site = try Fixture(files: ["content/de/index.md": Fixture.page("Start")])
        let folder = site.root.appendingPathComponent("templates")
        try FileManager.default.copyItem(atPath: Fixture.templates, toPath: folder.path)
        for (name, text) in edits {
            let url = folder.appendingPathComponent(name)
            if let text { try Data(text.utf8).write(to: url) } else { try FileManager.default.removeItem(at: url) }
        }
        return site
    }

    static func template(_ name: String) throws -> String {
        let text = try String(contentsOfFile: Fixture.templates + "/" + name, encoding: .utf8)
        guard name == "root.mustache" else { return text }
        // The chooser's greeting in every language, as one plain heading on line 4 the tests can edit.
        let greeting = try #require(text.range(of: #"<h1 class="greetings">[\s\S]*?</h1>"#, options: .regularExpression))
        return text.replacingCharacters(in: greeting, with: "<h1>{{title}}</h1>")
    }

    /// Every diagnostic of a build with the fixture's own templates.
    static func diagnostics(_ site: Fixture) -> [String] {
        do {
            let summary = try SiteBuilder.build(site.options(templates: site.root.appendingPathComponent("templates").path))
            return summary.warnings.map { site.relative($0.description) }
        } catch {
            return error.diagnostics.map { site.relative($0.description) }
        }
    }

    @Test func aLeafletTemplateThatInlinesItsPrintStylesIsAWarning() throws {
        // A leaflet template exported before leaflets linked /leaflet.css: its <style> would be refused by the policy.
        let old = try Self.template("leaflet.mustache")
            .replacingOccurrences(of: "{{#leaflet_css_href}}<link rel=\"stylesheet\" href=\"{{leaflet_css_href}}\">\n{{/leaflet_css_href}}\n", with: "")
        #expect(!old.contains("leaflet_css_href"))
        let warnings = Self.diagnostics(try Self.site(["leaflet.mustache": old]))
        #expect(warnings.contains { $0.hasPrefix("templates/leaflet.mustache:1:1: warning: leaflets do not link their print styles") }, "\(warnings)")
        #expect(!Self.diagnostics(try Self.site([:])).contains { $0.contains("print styles") })
    }

    @Test func aKeyOnlyAnotherPageProvidesIsAnErrorAtItsPosition() throws {
        let page = try Self.template("page.mustache").replacingOccurrences(of: "<article>\n", with: "<article>\n<p>{{start_href}}</p>\n")
        let site = try Self.site(["page.mustache": page])
        let problems = Self.diagnostics(site)
        #expect(problems.contains { $0.hasPrefix("templates/page.mustache:5:4: error: 'start_href' is not in the view model of 'page'") }, "\(problems)")
        #expect(!problems.contains { $0.contains("template is missing") })
    }

    @Test func namesInsideASectionResolveAgainstTheItemThenOutward() throws {
        var result = try Self.template("result.mustache")
        // `questionnaire_title` comes from the page around the outcome: fine. `label` is an answer's key: not here.
        result = result.replacingOccurrences(of: "{{#outcomes}}\n", with: "{{#outcomes}}\n{{questionnaire_title}} {{label}}\n")
        let site = try Self.site(["result.mustache": result])
        let problems = Self.diagnostics(site).filter { $0.contains("error") }
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix("templates/result.mustache:9:25: error: 'label' is not in the view model of 'result'") == true, "\(problems)")
    }

    @Test func aPartialIsCheckedWithTheContextOfEachTemplateIncludingIt() throws {
        let footer = try Self.template("footer.mustache").replacingOccurrences(of: "<footer class=\"site-footer\">\n",
                                                                              with: "<footer class=\"site-footer\">\n<a href=\"{{start_href}}\">x</a>\n")
        let site = try Self.site(["footer.mustache": footer])
        let problems = Self.diagnostics(site).filter { $0.contains("error") }
        #expect(problems.count == 1, "\(problems)")
        let problem = try #require(problems.first)
        // Every page template with the footer except the questionnaire's start page, which has `start_href`.
        #expect(problem.hasPrefix("templates/footer.mustache:2:10: error: 'start_href' is not in the view model of 'glossary', 'home', 'page', 'proofing', 'question', 'result', 'status'"), "\(problem)")
        #expect(problem.contains("templates/home.mustache:32:1"), "\(problem)")
    }

    @Test func aTypoSuggestsTheNearestKey() throws {
        let head = try Self.template("head.mustache").replacingOccurrences(of: "{{page_title}}", with: "{{page_titel}}")
        let problems = Self.diagnostics(try Self.site(["head.mustache": head]))
        #expect(problems.contains { $0.hasPrefix("templates/head.mustache:6:8: error: 'page_titel'") && $0.contains("did you mean 'page_title'?") }, "\(problems)")
    }

    @Test func dottedNamesAreCheckedKeyByKey() throws {
        let footer = try Self.template("footer.mustache").replacingOccurrences(of: "{{#example_notice}}", with: "{{office.phone}}{{office.fax}}{{#example_notice}}")
        let problems = Self.diagnostics(try Self.site(["footer.mustache": footer])).filter { $0.contains("error") }
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.contains("'office.fax' is not in the view model") == true)
    }

    @Test func aSyntaxErrorIsReportedAtItsLineAndColumnWithNoFollowOnErrors() throws {
        let page = try Self.template("page.mustache").replacingOccurrences(of: "{{/has_toc}}\n", with: "")
        let problems = Self.diagnostics(try Self.site(["page.mustache": page]))
        #expect(problems == ["templates/page.mustache:7:1: error: template does not parse: section 'has_toc' is never closed (add {{/has_toc}})"])

        let wrongClose = try Self.template("page.mustache").replacingOccurrences(of: "{{/has_toc}}", with: "{{/has_tco}}")
        let problems2 = Self.diagnostics(try Self.site(["page.mustache": wrongClose]))
        #expect(problems2.count == 1)
        #expect(problems2.first?.hasPrefix("templates/page.mustache:16:1: error: template does not parse: {{/has_tco}} does not close 'has_toc', opened at 7:1") == true, "\(problems2)")

        // A name with a space: only swift-mustache finds this one; its position is used.
        let badName = try Self.template("root.mustache").replacingOccurrences(of: "<h1>{{title}}</h1>", with: "<h1>{{ti tle}}</h1>")
        let problems3 = Self.diagnostics(try Self.site(["root.mustache": badName]))
        #expect(problems3.count == 1)
        #expect(problems3.first?.hasPrefix("templates/root.mustache:4:") == true, "\(problems3)")
        #expect(problems3.first?.contains("template does not parse: a tag is not closed") == true)
    }

    @Test func aPartialThatIncludesItselfIsAnErrorNotACrash() throws {
        let direct = try Self.template("footer.mustache") + "{{> footer}}\n"
        let problems = Self.diagnostics(try Self.site(["footer.mustache": direct]))
        #expect(problems == ["templates/footer.mustache:24:1: error: partial 'footer' includes itself, so it would never finish rendering"], "\(problems)")

        let a = "<p>{{> b}}</p>\n"
        let b = "<p>{{title}}\n{{> a}}</p>\n"
        let header = try Self.template("header.mustache") + "{{> a}}\n"
        let problems2 = Self.diagnostics(try Self.site(["a.mustache": a, "b.mustache": b, "header.mustache": header]))
        #expect(problems2.count == 1, "\(problems2)")
        #expect(problems2.first?.hasPrefix("templates/a.mustache:1:4: error: partial 'a' includes itself through 'b'") == true)
        #expect(problems2.first?.contains("{{> a}} at templates/b.mustache:2:1") == true)
    }

    @Test func aMissingPartialIsAnErrorAtTheTag() throws {
        let home = try Self.template("home.mustache").replacingOccurrences(of: "{{> footer}}", with: "{{> fooer}}")
        let problems = Self.diagnostics(try Self.site(["home.mustache": home]))
        #expect(problems.contains { $0.hasPrefix("templates/home.mustache:32:1: error: no template 'fooer' for this partial") }, "\(problems)")

        let deleted = Self.diagnostics(try Self.site(["footer.mustache": nil]))
        #expect(deleted.filter { $0.contains("no template 'footer' for this partial") }.count == 8, "\(deleted)")

        let empty = try Self.template("home.mustache").replacingOccurrences(of: "{{> footer}}", with: "{{>}}")
        #expect(Self.diagnostics(try Self.site(["home.mustache": empty])).contains { $0.contains("a partial tag names no template") })
    }

    @Test func anEmptyTemplateIsAnError() throws {
        let problems = Self.diagnostics(try Self.site(["page.mustache": "\n  \n"]))
        #expect(problems == ["templates/page.mustache:1:1: error: template is empty, so every page made with it would be empty"])
        #expect(Self.diagnostics(try Self.site(["footer.mustache": ""])).contains {
            $0.hasPrefix("templates/footer.mustache:1:1: error: template is empty; delete it")
        })
    }

    @Test func setDelimiterTagsAreFollowed() throws {
        // After {{=<% %>=}}, `{{ … }}` is text and `<% … %>` are the tags.
        let root = try Self.template("root.mustache").replacingOccurrences(
            of: "<h1>{{title}}</h1>", with: "{{=<% %>=}}\n<h1><% title %> {{ not_a_tag }}</h1>\n<p><% nope %></p>\n<%={{ }}=%>")
        let problems = Self.diagnostics(try Self.site(["root.mustache": root]))
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix("templates/root.mustache:6:4: error: 'nope' is not in the view model of 'root'") == true, "\(problems)")

        let fine = try Self.template("root.mustache").replacingOccurrences(
            of: "<h1>{{title}}</h1>", with: "{{=<% %>=}}\n<h1><% title %> {{ not_a_tag }}</h1>\n<%={{ }}=%>")
        let site = try Self.site(["root.mustache": fine])
        #expect(Self.diagnostics(site) == [])
        #expect(try site.read("index.html").contains("{{ not_a_tag }}</h1>"))
    }

    @Test func featuresThatDefeatTheChecksAreRefused() throws {
        let root = try Self.template("root.mustache").replacingOccurrences(
            of: "<h1>{{title}}</h1>", with: "{{%CONTENT_TYPE:TEXT}}<h1>{{uppercased(title)}}{{>*title}}</h1>")
        let problems = Self.diagnostics(try Self.site(["root.mustache": root]))
        #expect(problems.contains { $0.contains("{{%CONTENT_TYPE:TEXT}} is not supported") })
        #expect(problems.contains { $0.contains("transforms are not supported") })
        #expect(problems.contains { $0.contains("dynamic partials ({{>*title}}) are not supported") })
    }

    @Test func parentsAndBlocksAreCheckedWhereTheyAreWritten() throws {
        let layout = "<main>{{$content}}<p>{{title}}</p>{{/content}}</main>\n"
        let root = try Self.template("root.mustache").replacingOccurrences(
            of: "<h1>{{title}}</h1>", with: "{{<layout}}{{$content}}<h1>{{title}} {{start_href}}</h1>{{/content}}{{/layout}}")
        let problems = Self.diagnostics(try Self.site(["layout.mustache": layout, "root.mustache": root]))
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix("templates/root.mustache:4:38: error: 'start_href' is not in the view model of 'root'") == true, "\(problems)")
    }

    @Test func anUnusedTemplateIsAWarning() throws {
        let problems = Self.diagnostics(try Self.site(["sidebar.mustache": "<p>{{title}}</p>\n"]))
        #expect(problems == ["templates/sidebar.mustache:1:1: warning: template 'sidebar' is not used: it is not a page template (404, glossary, home, leaflet, page, proofing, question, questionnaire, result, root, status) and no template includes it with {{> sidebar}}"])
    }

    /// Reproducer: 300,000 tags took over a minute. The scanner reads them in
    /// one pass; the template is then refused as too large for the Mustache parser.
    @Test func aTemplateWithManyTagsIsReadInOnePass() throws {
        let count = 300_000
        let text = "<p>\n" + String(repeating: "{{title}} {{#fallback}}{{notice}}{{/fallback}}\n", count: count / 3) + "{{last}}"
        let syntax = TemplateSyntax(text)
        #expect(syntax.problems.isEmpty)
        #expect(syntax.nodes.count == count / 3 * 2 + 1)
        #expect(syntax.allNodes().count == count + 1)
        let last = try #require(syntax.nodes.last)
        #expect((last.name, last.line, last.column) == ("last", count / 3 + 2, 1))
        let notice = try #require(syntax.nodes[1].children.first)
        #expect((notice.name, notice.line, notice.column) == ("notice", 2, 24))

        let site = try Self.site(["page.mustache": text])
        let problems = Self.diagnostics(site)
        #expect(problems == ["templates/page.mustache:1:1: error: template is too large (300001 tags, 4589 KB; at most 2000 tags and 256 KB per template): split it into partials"])
    }

    /// The schemas and the renderer cannot drift apart: every view model the
    /// bundled site renders is within its template's schema.
    @Test func everyViewModelOfTheBundledSiteFitsItsSchema() throws {
        let log = DiagnosticLog()
        let options = BuildOptions(content: Fixture.repoRoot.appendingPathComponent("content").path,
                                   templates: Fixture.templates, output: "unused", today: Fixture.today)
        var (context, _) = try SiteBuilder.prepare(options, log: log)
        let recorder = ViewModelRecorder()
        context.templates.recorder = recorder
        SiteBuilder.render(context) { _ in }
        let models = recorder.models
        #expect(Set(models.map(\.template)) == Set(ViewModelKeys.byTemplate.keys))
        var problems = Set<String>()
        for (template, model) in models {
            let schema = try #require(ViewModelKeys.byTemplate[template])
            for problem in schema.problems(in: model) { problems.insert("\(template): \(problem)") }
        }
        #expect(problems.isEmpty, "\(problems.sorted())")
        // The schema notices what does not fit.
        #expect(ViewModelKeys.page.problems(in: ["title": "x", "start_href": "y", "toc": [["id": "a", "txt": "b"]]])
            == ["'start_href' is not in the schema", "'toc[0].txt' is not in the schema"])
    }
}
