import Foundation
import Testing
@testable import LotseCore

/// Issue 9: translating through gettext PO files (Weblate, Poedit, Lokalize).
@Suite struct POTests {
    static let source = Fixture.page("Arbeitserlaubnis", """
        Arbeit hilft beim Ankommen. Rufen Sie [uns](tel:{{office.phone}}) an.

        ## Gebühren {#fees}

        Die Erlaubnis kostet nichts.
        Zweite Zeile.

        - Erster Punkt
        - Zweiter Punkt mit
          zwei Zeilen

        ```
        code bleibt
        ```

        ## Antrag

        1. Formular holen
        2. Abgeben
        """, extra: "summary: Wann Sie arbeiten dürfen.\nreviewed: 2026-11-02\nsources:\n  - title: \"§ 61 AsylG\"\n    url: \"https://example.org/61\"\n")

    /// What a volunteer would write by hand, in the source's structure.
    static let handWritten = Fixture.page("Work permit", """
        Work helps you settle in. Give [us](tel:{{office.phone}}) a call.

        ## Fees {#fees}

        The permit is free.
        Second line.

        - First point
        - Second point with
          two lines

        ```
        code bleibt
        ```

        ## Application

        1. Fetch the form
        2. Hand it in
        """, extra: "summary: When you may work.\nreviewed: 2026-11-02\nsources:\n  - title: \"Section 61 AsylG\"\n    url: \"https://example.org/61\"\n")

    static let translations: [String: String] = [
        "title": "Work permit", "summary": "When you may work.", "sources/1": "Section 61 AsylG",
        "body/1": "Work helps you settle in. Give [us](tel:{{office.phone}}) a call.",
        "#fees/1": "Fees", "#fees/2": "The permit is free.\nSecond line.", "#fees/3": "First point",
        "#fees/4": "Second point with\ntwo lines", "#antrag/1": "Application", "#antrag/2": "Fetch the form", "#antrag/3": "Hand it in",
        "title.q": "",
    ]

    static func site(_ files: [String: String] = [:]) throws -> Fixture {
        var all = ["content/de/index.md": Fixture.page("Start", "Willkommen."), "content/de/work/permit.md": source]
        all.merge(files) { $1 }
        return try Fixture(files: all)
    }

    @Test func exportFillImportBuildsLikeAHandWrittenTranslation() throws {
        let site = try Self.site()
        let folder = site.root.appendingPathComponent("po/en").path
        let written = try Translator(content: site.content, templates: Fixture.templates).exportPO(language: "en", to: folder)
        #expect(written.contains("\(folder)/work/permit.po"))
        #expect(written.contains("\(folder)/strings.po"))
        let poPath = "\(folder)/work/permit.po"
        var po = POFile.parse(try String(contentsOfFile: poPath, encoding: .utf8), path: poPath, log: DiagnosticLog())
        #expect(po.entries.map(\.context) == ["title", "summary", "sources/1", "body/1", "#fees/1", "#fees/2", "#fees/3", "#fees/4",
                                              "#antrag/1", "#antrag/2", "#antrag/3"])
        #expect(po.entries.allSatisfy { $0.translation.isEmpty })
        #expect(po.entries[5].source == "Die Erlaubnis kostet nichts.\nZweite Zeile.")
        #expect(po.entries[7].source == "Zweiter Punkt mit\nzwei Zeilen")
        for index in po.entries.indices { po.entries[index].translation = Self.translations[po.entries[index].context]! }
        try Data(po.text.utf8).write(to: URL(fileURLWithPath: poPath))
        let messages = try Translator(content: site.content, templates: Fixture.templates).importPO(language: "en", from: folder)
        #expect(messages.contains("wrote \(site.content)/en/work/permit.md"), "\(messages)")
        try site.build(strict: true)
        let imported = try site.read("en/work/permit/index.html")

        let reference = try Self.site(["content/en/work/permit.md": Self.handWritten])
        try reference.build(strict: true)
        #expect(imported == (try reference.read("en/work/permit/index.html")))
        // Imported, the translation follows today's source.
        let status = try TranslationStatus.load(content: site.content, templates: Fixture.templates)
        #expect(status.languages.first { $0.code == "en" }!.items.first { $0.id == "work/permit" }?.state == .current)
    }

    @Test func outdatedEntriesAreFuzzyWithThePreviousSource() throws {
        let site = try Self.site(["content/en/work/permit.md": Self.handWritten])
        _ = try Translator(content: site.content, templates: Fixture.templates).markCurrent(language: "en", path: "work/permit.md")
        try site.write("content/de/work/permit.md", Self.source.replacingOccurrences(of: "kostet nichts.", with: "kostet 100 Euro."))
        let folder = site.root.appendingPathComponent("po").path
        _ = try Translator(content: site.content, templates: Fixture.templates).exportPO(language: "en", to: folder)
        let text = try String(contentsOfFile: "\(folder)/work/permit.po", encoding: .utf8)
        #expect(text.contains("""
            #. paragraph
            #: \(site.content)/de/work/permit.md:13
            #, fuzzy
            #| msgctxt "#fees/2"
            #| msgid ""
            #| "Die Erlaubnis kostet nichts.\\n"
            #| "Zweite Zeile."
            msgctxt "#fees/2"
            msgid ""
            "Die Erlaubnis kostet 100 Euro.\\n"
            "Zweite Zeile."
            msgstr ""
            "The permit is free.\\n"
            "Second line."
            """))
        // Entries of unchanged sections are not fuzzy.
        #expect(text.contains("#: \(site.content)/de/work/permit.md:24\nmsgctxt \"#antrag/1\""))
        // Importing the fuzzy entry keeps the translation but not the record: still outdated.
        _ = try Translator(content: site.content, templates: Fixture.templates).importPO(language: "en", from: folder)
        let status = try TranslationStatus.load(content: site.content, templates: Fixture.templates)
        let item = status.languages.first { $0.code == "en" }!.items.first { $0.id == "work/permit" }!
        #expect(item.state == .outdated)
        #expect(item.changes.map(\.section) == ["#fees"])
    }

    @Test func questionnaireAndStringsRoundTripAndMsgfmtAcceptsEveryFile() throws {
        let site = try SiteQuestionnaireTests.fixture()
        try site.write("content/de/strings.yaml", "site_title: \"Beratung Musterstadt\"\n")
        let folder = site.root.appendingPathComponent("po").path
        let translator = try Translator(content: site.content, templates: Fixture.templates)
        let files = try translator.exportPO(language: "ar", to: folder)
        let qPath = "\(folder)/questionnaires/can-i-work.po"
        let po = POFile.parse(try String(contentsOfFile: qPath, encoding: .utf8), path: qPath, log: DiagnosticLog())
        #expect(po.entries.first { $0.context == "questions.status.answers.asylum" }?.translation == "لجوء")
        #expect(try String(contentsOfFile: qPath, encoding: .utf8).contains("#. Markdown\nmsgctxt \"intro\""))
        let sPath = "\(folder)/strings.po"
        var strings = POFile.parse(try String(contentsOfFile: sPath, encoding: .utf8), path: sPath, log: DiagnosticLog())
        let index = try #require(strings.entries.firstIndex { $0.context == "site_title" })
        #expect(strings.entries[index].source == "Beratung Musterstadt")
        strings.entries[index].translation = "استشارات موسترشتات"
        try Data(strings.text.utf8).write(to: URL(fileURLWithPath: sPath))
        let before = try site.read("ar/can-i-work/index.html", fromBuild: site)
        _ = try Translator(content: site.content, templates: Fixture.templates).importPO(language: "ar", from: folder)
        try site.build(strict: true)
        // The questionnaire comes back the same; the site's title (the templates' default before) is now translated.
        #expect(try site.read("ar/can-i-work/index.html") == before.replacingOccurrences(of: "نصائح للقادمين الجدد", with: "استشارات موسترشتات"))
        #expect(try String(contentsOfFile: "\(site.content)/ar/strings.yaml", encoding: .utf8).contains("site_title: \"استشارات موسترشتات\""))

        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/msgfmt") else {
            Issue.record("msgfmt (Debian gettext) is not installed: the PO files were not checked with msgfmt --check")
            return
        }
        for file in files {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/msgfmt")
            process.arguments = ["--check", "-o", "/dev/null", file]
            let err = Pipe()
            process.standardError = err
            try process.run()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0 && message.isEmpty, "msgfmt --check \(file): \(message)")
        }
    }
}

extension Fixture {
    /// Builds, then reads a built file.
    func read(_ path: String, fromBuild site: Fixture) throws -> String {
        try site.build(strict: true)
        return try read(path)
    }
}
