import Testing
@testable import LotseCore

@Suite struct QuestionnaireDOTTests {
    static func logic(_ yaml: String = QuestionnaireFixture.work) throws -> QuestionnaireLogic {
        try #require(QuestionnaireFixture.load(yaml).logic)
    }

    @Test func rendersQuestionsAnswersAndOutcomesWithTheirTexts() throws {
        let logic = try Self.logic()
        let texts = try #require(QuestionnaireTexts.load(text: QuestionnaireTextsTests.german, language: "de",
                                                         displayPath: QuestionnaireTextsTests.germanPath, source: nil,
                                                         logic: logic, log: DiagnosticLog()))
        let dot = QuestionnaireDOT.render(logic, texts: texts)
        #expect(dot.hasPrefix("digraph \"work\" {\n"))
        #expect(dot.hasSuffix("}\n"))
        #expect(dot.contains("  \"start\" -> \"q:status\";"))
        #expect(dot.contains("  \"q:status\" [shape=box, style=rounded, label=\"Welches Dokument haben Sie?\\n[status]\"];"))
        #expect(dot.contains("  \"q:offer\" [shape=box, style=rounded, label=\"Haben Sie ein \\\"Jobangebot\\\"?\\n[offer]\"];"),
                "quotes in texts are escaped")
        #expect(dot.contains("  \"q:status\" -> \"q:months\" [label=\"Duldung [duldung]\\nstatus = duldung\"];"))
        #expect(dot.contains("  \"q:months\" -> \"end\" [label=\"Weniger als 3 Monate [under-3]\\nmonths = under-3\"];"))
        #expect(dot.contains("  \"o:apply\" [shape=note, label=\"Erlaubnis beantragen\\n[apply]\"];"))
        #expect(dot.contains("  \"end\" -> \"o:wait\" [style=dashed, label=\"months is under-3\"];"))
        #expect(dot == QuestionnaireDOT.render(logic, texts: texts), "output is deterministic")
    }

    @Test func rendersConditionalNextAndWorksWithoutTexts() throws {
        let yaml = QuestionnaireFixture.work(replacing: "{ set: { months: over-3 }, next: offer }",
                                             with: "{ set: { months: over-3 }, next: [ { when: { status: asylum }, to: offer }, { when: { status: duldung } } ] }")
        let dot = QuestionnaireDOT.render(try Self.logic(yaml), texts: nil)
        #expect(dot.contains("  \"q:status\" [shape=box, style=rounded, label=\"[status]\"];"))
        #expect(dot.contains("  \"q:months\" -> \"q:offer\" [label=\"over-3\\nmonths = over-3\\nif status is asylum\"];"))
        #expect(dot.contains("  \"q:months\" -> \"end\" [label=\"over-3\\nmonths = over-3\\nelse if status is duldung\"];"))
        #expect(dot.contains("  \"q:months\" -> \"end\" [label=\"over-3\\nmonths = over-3\\notherwise\"];"))
    }

    @Test func escapesAndWrapsAnyScript() {
        #expect(QuestionnaireDOT.quote("a \"b\" \\ c\nd") == "\"a \\\"b\\\" \\\\ c\\nd\"")
        #expect(QuestionnaireDOT.quote("هل يمكنني العمل؟") == "\"هل يمكنني العمل؟\"")
        #expect(QuestionnaireDOT.wrap(String(repeating: "word ", count: 12)) == "word word word word word word word word\nword word word word")
    }
}
