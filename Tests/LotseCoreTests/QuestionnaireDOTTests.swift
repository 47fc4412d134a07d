import Foundation
import Testing
@testable import LotseCore

@Suite struct QuestionnaireDOTTests {
    static func logic(_ yaml: String = QuestionnaireFixture.work) throws -> QuestionnaireLogic {
        try #require(QuestionnaireFixture.load(yaml).logic)
    }

    static func german(_ logic: QuestionnaireLogic) throws -> QuestionnaireTexts {
        try #require(QuestionnaireTexts.load(text: QuestionnaireTextsTests.german, language: "de",
                                             displayPath: QuestionnaireTextsTests.germanPath, source: nil,
                                             logic: logic, log: DiagnosticLog()))
    }

    static let germanStrings = ["q_cond_is": "{question} – Antwort: {answers}", "q_cond_or": "oder", "q_cond_and": "und",
                                "q_cond_if": "wenn {condition}", "proofing_otherwise": "sonst"]

    @Test func questionsAnswersAndEndStatesLinkedToTheirOutcomes() throws {
        let logic = try Self.logic()
        let texts = try Self.german(logic)
        let dot = QuestionnaireDOT.render(logic, texts: texts, options: .init(strings: Self.germanStrings, version: "Version abc"))
        #expect(dot.hasPrefix("digraph \"work\" {\n"))
        #expect(dot.hasSuffix("}\n"))
        #expect(dot.contains("  \"start\" -> \"q:status\";"))
        #expect(dot.contains(#"  "q:status" [shape=box, style=rounded, label=<Welches Dokument haben Sie?<BR/><FONT POINT-SIZE="8">[status]</FONT>>];"#))
        #expect(dot.contains("Haben Sie ein &quot;Jobangebot&quot;?"), "texts are escaped for HTML labels")
        #expect(dot.contains(#"  "q:status" -> "q:months" [label=<Duldung<BR/><FONT POINT-SIZE="8">[duldung]</FONT>>];"#))
        // No single end node: each answer that ends goes to an end state, which links the outcomes it shows.
        #expect(!dot.contains("\"end\""))
        #expect(dot.contains(#"  "q:months" -> "end:wait" [label=<Weniger als 3 Monate<BR/><FONT POINT-SIZE="8">[under-3]</FONT>>];"#))
        #expect(dot.contains(#"  "q:offer" -> "end:apply" [label=<Ja<BR/><FONT POINT-SIZE="8">[yes]</FONT>>];"#))
        #expect(dot.contains("  \"end:wait\" -> \"o:wait\" [style=dashed, arrowhead=vee];"))
        #expect(dot.contains("  \"end:search\" -> \"o:search\" [style=dashed, arrowhead=vee];"))
        #expect(dot.contains(##"  "o:apply" [shape=note, style=filled, fillcolor="#e8f1fa", label=<<B>Erlaubnis beantragen</B><BR/><FONT POINT-SIZE="8">[apply]</FONT>>];"##))
        // Fits an A4 page, top to bottom.
        #expect(dot.contains("rankdir=TB, size=\"7.4,10.9\", ratio=compress"))
        #expect(dot.contains("Version abc"))
        #expect(dot == QuestionnaireDOT.render(logic, texts: texts, options: .init(strings: Self.germanStrings, version: "Version abc")),
                "output is deterministic")
    }

    @Test func endStatesShowingSeveralOutcomesLinkEach() throws {
        let yaml = QuestionnaireFixture.work(replacing: "when: { offer: \"no\" }", with: "when: { offer: \"no\" }\n  also:\n    when: { offer: \"no\" }")
        let dot = QuestionnaireDOT.render(try Self.logic(yaml), texts: nil)
        #expect(dot.contains("  \"end:search+also\" -> \"o:search\" [style=dashed, arrowhead=vee];"))
        #expect(dot.contains("  \"end:search+also\" -> \"o:also\" [style=dashed, arrowhead=vee];"))
        #expect(dot.contains(#"  "q:offer" -> "end:search+also" [label=<<FONT POINT-SIZE="8">[no]</FONT>>];"#))
    }

    @Test func conditionalNextInWordsAndWithoutTexts() throws {
        let yaml = QuestionnaireFixture.work(replacing: "{ set: { months: over-3 }, next: offer }",
                                             with: "{ set: { months: over-3 }, next: [ { when: { status: asylum }, to: offer }, { when: { status: duldung } } ] }")
        let logic = try Self.logic(yaml)
        let bare = QuestionnaireDOT.render(logic, texts: nil)
        #expect(bare.contains(#"  "q:status" [shape=box, style=rounded, label=<<FONT POINT-SIZE="8">[status]</FONT>>];"#))
        #expect(bare.contains(#"  "q:months" -> "q:offer" [label=<<FONT POINT-SIZE="8">[over-3]</FONT><BR/><I>if status – answer:<BR/>asylum</I>>];"#))
        #expect(bare.contains(#"  "q:months" -> "end:none" [label=<<FONT POINT-SIZE="8">[over-3]</FONT><BR/><I>otherwise</I>>];"#),
                "a path showing no outcome is drawn (and reported by the build)")
        let dot = QuestionnaireDOT.render(logic, texts: try Self.german(logic), options: .init(strings: Self.germanStrings))
        #expect(dot.contains("<I>wenn Welches Dokument<BR/>haben Sie? – Antwort:<BR/>Aufenthaltsgestattung</I>>];"), "\(dot)")
        #expect(dot.contains("<I>sonst</I>>];"))
    }

    @Test func rightToLeftLabelsAreIsolated() throws {
        let logic = try Self.logic()
        let texts = try #require(QuestionnaireTexts.load(text: QuestionnaireTextsTests.arabic, language: "ar",
                                                         displayPath: QuestionnaireTextsTests.arabicPath, source: try Self.german(logic),
                                                         logic: logic, log: DiagnosticLog()))
        let dot = QuestionnaireDOT.render(logic, texts: texts, options: .init(isolateBidi: true))
        let fsi = "\u{2068}", pdi = "\u{2069}"
        #expect(dot.contains("\(fsi)[under-3]\(pdi)"), "ids keep their order inside right-to-left labels")
        #expect(dot.contains("\(fsi)أقل من 3 أشهر\(pdi)"))
        #expect(!QuestionnaireDOT.render(logic, texts: texts).contains(fsi), "left-to-right output has no isolates")
    }

    @Test func svgOfTheBundledQuestionnaireFitsA4() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") else { return }
        let root = Fixture.repoRoot
        let (dot, _) = try QuestionnaireGraphExport.dot(id: "can-i-work", language: "ar", content: root.appendingPathComponent("content").path,
                                                        templates: Fixture.templates)
        #expect(dot.contains("\u{2068}[3-to-6]\u{2069}"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/dot")
        process.arguments = ["-Tsvg"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(dot.utf8))
        try input.fileHandleForWriting.close()
        let svg = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let size = try #require(svg.firstMatch(of: #/<svg width="(\d+)pt" height="(\d+)pt"/#))
        // A4 is 595 × 842 pt.
        #expect(Int(size.output.1)! <= 595 && Int(size.output.2)! <= 842, "\(size.output.0)")
    }

    @Test func escapesAndWrapsAnyScript() {
        #expect(QuestionnaireDOT.quote("a \"b\" \\ c\nd") == "\"a \\\"b\\\" \\\\ c\\nd\"")
        #expect(QuestionnaireDOT.escapeHTML("a <b> & \"c\"") == "a &lt;b&gt; &amp; &quot;c&quot;")
        #expect(QuestionnaireDOT.wrap(String(repeating: "word ", count: 12), width: 40) == ["word word word word word word word word", "word word word word"])
    }
}
