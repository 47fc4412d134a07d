import Foundation
import Testing
@testable import LotseCore

/// Inputs written carelessly or with bad intent (issue 11): YAML alias
/// bombs, NUL bytes, symbolic links out of the folders, and the messages
/// for the common YAML mistakes.
@Suite struct HostileInputTests {
    // MARK: YAML aliases

    static let aliasBomb = """
    base_url: /
    source_language: de
    languages:
      - { code: de, name: Deutsch }
    a: &a ["x","x","x","x","x","x","x","x","x"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    *g : 1
    """

    @Test func anAliasBombInSiteYAMLIsALocatedError() throws {
        let site = try Fixture(files: ["content/de/index.md": Fixture.page("Start")], site: Self.aliasBomb)
        let messages = site.diagnostics()
        #expect(messages.count == 1)
        // The alias that goes over the limit: b repeats 90 values, c 819, and the second *c in d 1,640 more.
        #expect(messages.first?.hasPrefix("content/site.yaml:8:11: error: the alias *c makes this file too big") == true)
        #expect(messages.allSatisfy { $0.count < 400 })
    }

    @Test func aQuestionnaireWhoseWhenNestsAnyThroughAliasesIsRefused() throws {
        var logic = """
        start: q
        questions:
          q:
            answers:
              yes: { set: { a: "1" } }
        outcomes:
          o:
            when: &w0 { a: "1" }

        """
        var previous = "w0"
        for level in 1...12 {
            logic += "    w\(level): &w\(level) { any: [*\(previous), *\(previous), *\(previous), *\(previous)] }\n"
            previous = "w\(level)"
        }
        logic += "    when: *\(previous)\n"
        let log = DiagnosticLog()
        let loaded = QuestionnaireLogic.load(text: logic, id: "q", displayPath: "questionnaires/q.yaml", log: log)
        #expect(loaded == nil)
        let errors = log.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("makes this file too big") == true)
        #expect(errors.first?.location?.line == 13)
    }

    @Test func aFewAliasesAreFine() throws {
        let logic = """
        start: q
        questions:
          q:
            answers:
              yes: { set: { a: "1" }, next: r }
              no: { set: { a: "2" }, next: r }
          r:
            answers:
              ok: { set: { b: "1" } }
        outcomes:
          one: { when: &yes { a: "1" } }
          two: { when: { all: [*yes, { b: "1" }] } }
          three: { when: { a: "2" } }
        """
        let log = DiagnosticLog()
        let loaded = QuestionnaireLogic.load(text: logic, id: "q", displayPath: "q.yaml", log: log)
        #expect(loaded != nil)
        #expect(!log.hasErrors)
    }

    @Test func deepNestingIsRefused() throws {
        let deep = "title: " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        let site = try Fixture(files: ["content/de/index.md": "---\n\(deep)\n---\nText\n"])
        let messages = site.diagnostics()
        #expect(messages.first?.contains("nested more than 64 levels deep") == true)
        #expect(messages.first?.hasPrefix("content/de/index.md:2:") == true)
    }

    @Test func complexKeysShowAsShortText() throws {
        let site = try Fixture(files: ["content/de/index.md": "---\ntitle: Start\n? [a, b, {c: d}]\n: x\n---\n"])
        let warnings = site.diagnostics()
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("unknown front matter key '[a, b, {c: d}]'") == true)
    }

    // MARK: Messages for common YAML mistakes

    func yamlError(_ frontMatter: String) throws -> String {
        let site = try Fixture(files: ["content/de/index.md": Fixture.page("Start"), "content/de/a.md": "---\n\(frontMatter)---\nText\n"])
        return site.diagnostics().first { $0.hasPrefix("content/de/a.md") } ?? "no error"
    }

    @Test func yamlMistakesAreExplainedWhereTheyAre() throws {
        #expect(try yamlError("title: Einbürgerung: So geht es\n")
            == "content/de/a.md:2:20: error: invalid YAML: the value contains ': ', which YAML reads as a new key; put the value in quotes: title: \"Einbürgerung: So geht es\"")
        // A key without its colon on line 5 is reported on line 5, not 6.
        #expect(try yamlError("title: A\nsummary: B\norder: 3\nreviewed 2026-01-01\nsources:\n  - title: x\n")
            .hasPrefix("content/de/a.md:5:1: error: invalid YAML: this line has no ':' after its key"))
        #expect(try yamlError("title: A\n\tsummary: B\n")
            == "content/de/a.md:3:1: error: invalid YAML: YAML is indented with spaces, not tabs: replace the tab on this line with spaces")
        #expect(try yamlError("title:A\nsummary: B\n")
            == "content/de/a.md:2:7: error: invalid YAML: put a space after the colon: 'title: A'")
        #expect(try yamlError("title: A\nsummary:B\norder: 2\n")
            == "content/de/a.md:3:9: error: invalid YAML: put a space after the colon: 'summary: B'")
        #expect(try yamlError("title: \"A\nsummary: B\norder: 1\n")
            == "content/de/a.md:2:8: error: invalid YAML: this quote (\") is never closed: end the text with \" on the same line")
        #expect(try yamlError("title: A\n  summary: B\n")
            .hasPrefix("content/de/a.md:3:3: error: invalid YAML: this line is indented more than the line before it"))
        #expect(try yamlError("title: @A\n")
            == "content/de/a.md:2:8: error: invalid YAML: a value cannot start with '@' in YAML: put the value in quotes")
        #expect(try yamlError("title: A\ntitle: B\n")
            .hasPrefix("content/de/a.md:2:1: error: invalid YAML: the key 'title' is written more than once"))
    }

    /// Lotse reads YAML keys as text (Yams' basic resolver, issue 10): a key written plain and
    /// quoted is one key, twice; keys that only read as the same number are two.
    @Test func yamlKeysAreComparedAsText() throws {
        func error(_ yaml: String) -> String? {
            do {
                _ = try YAMLDocument(text: yaml, path: "strings/de.yaml")
                return nil
            } catch {
                return error.description
            }
        }
        #expect(error("yes: a\n'yes': b\n")?.contains("strings/de.yaml:1:1: error: invalid YAML: the key 'yes' is written more than once") == true)
        #expect(error("null: a\n\"null\": b\n")?.contains("the key 'null' is written more than once") == true)
        #expect(error("1: a\n01: b\ntrue: c\nTrue: d\n") == nil)
        let doc = try YAMLDocument(text: "order: 3\ndraft: yes\nempty:\n", path: "p.md")
        let entries = doc.entries(doc.root, log: DiagnosticLog(), what: "front matter")
        #expect(entries.map(\.key) == ["order", "draft", "empty"])
        #expect(doc.int(entries[0].value, log: DiagnosticLog(), what: "order") == 3)
        #expect(doc.bool(entries[1].value, log: DiagnosticLog(), what: "draft") == true)
        #expect(entries[2].value.null != nil)
    }

    @Test func aBrokenSourcePageIsReportedOnceNotAsACascade() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", "[Arbeit](work.md#fees)\n"),
            "content/de/work.md": "---\ntitle: Arbeit: So geht es\n---\n## Gebühren {#fees}\n",
            "content/en/work.md": Fixture.page("Work", "## Fees {#fees}\n"),
            "content/ar/index.md": Fixture.page("البداية", "[عمل](work.md)\n"),
        ])
        let messages = site.diagnostics()
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("content/de/work.md:2:14: error: invalid YAML: the value contains ': '") == true)
    }

    @Test func aBrokenHomePageIsReportedOnce() throws {
        let site = try Fixture(files: ["content/de/index.md": "---\ntitle: [Start\n---\n"])
        let messages = site.diagnostics()
        #expect(messages.count == 1)
    }

    // MARK: Smaller wrong successes (item 12)

    @Test func aNullTitleIsMissingNotATilde() throws {
        for title in ["~", "null", ""] {
            let site = try Fixture(files: ["content/de/index.md": "---\ntitle: \(title)\n---\nText\n"])
            let messages = site.diagnostics()
            #expect(messages.first?.hasPrefix("content/de/index.md:2:") == true)
            #expect(messages.first?.contains("error: title is required") == true)
        }
        // Quoted, it is text.
        let quoted = try Fixture(files: ["content/de/index.md": "---\ntitle: \"~\"\n---\nText\n"])
        try quoted.build()
    }

    @Test func aSourceWithoutURLIsAnErrorNotAnEmptyLink() throws {
        let site = try Fixture(files: ["content/de/index.md": Fixture.page("Start", extra: "sources:\n  - title: Aufenthaltsgesetz\n")])
        let messages = site.diagnostics()
        #expect(messages == ["content/de/index.md:4:5: error: a source needs a url (https://…) so readers can check it ('Aufenthaltsgesetz' has none)"])
        let fine = try Fixture(files: ["content/de/index.md": Fixture.page("Start", extra: "sources:\n  - url: https://www.gesetze-im-internet.de/aufenthg_2004/\n")])
        try fine.build()
        #expect(try !fine.read("de/index.html").contains("href=\"\""))
    }

    @Test func aStringsOverrideThatDropsAPlaceholderIsReportedAndNotUsed() throws {
        let site = try Fixture(files: [
            "content/de/index.md": Fixture.page("Start", extra: "reviewed: 2026-11-01\n"),
            "content/de/strings.yaml": "last_reviewed: \"Zuletzt geprüft\"\nhome: Start\n",
        ])
        let warnings = site.diagnostics()
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("content/de/strings.yaml:1:16: warning: string 'last_reviewed' in de/strings.yaml leaves out {date}, which Lotse fills in") == true)
        try site.build()
        #expect(try site.read("de/index.html").contains("2026"))
    }

    @Test func languageCodesDifferingOnlyInCaseAreOneLanguage() throws {
        let site = try Fixture(files: ["content/de/index.md": Fixture.page("Start")], site: """
        base_url: /
        source_language: de
        languages:
          - { code: de, name: Deutsch }
          - { code: DE, name: Deutsch }
        """)
        let messages = site.diagnostics()
        #expect(messages == ["content/site.yaml:5:5: error: language 'DE' is listed twice (language tags are not case-sensitive: 'DE' is 'de')"])
    }

    // MARK: Did you mean

    @Test func misspelledKeysGetASuggestion() throws {
        let site = try Fixture(files: ["content/de/index.md": Fixture.page("Start")], site: Fixture.defaultSite + "\n  openinghours: Mo–Fr\n")
        let warnings = site.diagnostics()
        #expect(warnings.contains { $0.contains("warning: unknown key 'office.openinghours'; did you mean 'opening_hours'? (known: name, address, phone, email, opening_hours)") })
    }

    @Test func suggestionsPickTheNearestCloseName() {
        #expect(Suggestion.closest(to: "openinghours", in: ["name", "opening_hours", "phone"]) == "opening_hours")
        #expect(Suggestion.closest(to: "tilte", in: ["title", "summary"]) == "title")
        #expect(Suggestion.closest(to: "settlement", in: ["settlement-permit", "fees"]) == nil)
        #expect(Suggestion.closest(to: "settlement-permt", in: ["settlement-permit", "fees"]) == "settlement-permit")
        #expect(Suggestion.closest(to: "xyz", in: ["title", "summary"]) == nil)
        #expect(Suggestion.didYouMean("sumary", in: ["summary"]) == "; did you mean 'summary'?")
    }

    // MARK: NUL bytes

    @Test func aNulByteInAPageIsAnErrorAtItsPlace() throws {
        let site = try Fixture(files: ["content/de/index.md": Fixture.page("Start", "Erste Zeile\nÄrger\u{0}und der Rest\n")])
        let messages = site.diagnostics()
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("content/de/index.md:5:6: error: the file contains a NUL byte") == true)
    }

    @Test func aNulCharacterFromAYAMLEscapeDoesNotCutMarkdown() {
        let document = MarkdownDocument("before\u{0}after")
        let html = document.renderHTML(headingIDs: [])
        #expect(html.contains("after"))
    }

    // MARK: Symbolic links

    @Test func fixedNameFilesAreNotReadThroughLinks() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("lotse-secret-\(UUID().uuidString)")
        try Data("secret: 1\n".utf8).write(to: secret)
        defer { try? FileManager.default.removeItem(at: secret) }
        let site = try Fixture(files: ["content/de/index.md": Fixture.page("Start")])
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("content/de/strings.yaml").path,
                                                   withDestinationPath: secret.path)
        let messages = site.diagnostics()
        #expect(messages.contains { $0.hasPrefix("content/de/strings.yaml:1:1: error: 'de/strings.yaml' is a symbolic link") })
        #expect(!FileManager.default.fileExists(atPath: site.output))
    }

    @Test func siteYAMLThroughALinkIsRefused() throws {
        let site = try Fixture(files: ["content/de/index.md": Fixture.page("Start"), "elsewhere/site.yaml": Fixture.defaultSite])
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/site.yaml"))
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("content/site.yaml").path,
                                                   withDestinationPath: site.root.appendingPathComponent("elsewhere/site.yaml").path)
        let messages = site.diagnostics()
        #expect(messages.first?.hasPrefix("content/site.yaml:1:1: error: 'site.yaml' is a symbolic link") == true)
    }

    @Test func aStylesheetLinkedToASystemFileIsNotPublished() throws {
        let site = try Fixture(files: ["content/de/index.md": Fixture.page("Start")])
        let templates = site.root.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Fixture.templates), to: templates)
        try FileManager.default.removeItem(at: templates.appendingPathComponent("style.css"))
        try FileManager.default.createSymbolicLink(atPath: templates.appendingPathComponent("style.css").path, withDestinationPath: "/etc/passwd")
        do {
            try site.build(templates: templates.path)
            Issue.record("the build should fail")
        } catch {
            #expect(error.errors.contains { $0.message.contains("'style.css' is a symbolic link") })
        }
        #expect(!FileManager.default.fileExists(atPath: site.output))
    }

    @Test func aLanguageFolderThatIsALinkIsNotReadThrough() throws {
        let site = try Fixture(files: ["content/de/index.md": Fixture.page("Start"), "other/strings.yaml": "home: Heim\n"])
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("content/en").path,
                                                   withDestinationPath: site.root.appendingPathComponent("other").path)
        let messages = site.diagnostics()
        #expect(messages.contains { $0.hasPrefix("content/en/strings.yaml:1:1: error: 'en' is a symbolic link") })
    }
}
