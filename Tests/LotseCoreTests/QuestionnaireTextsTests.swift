import Testing
@testable import LotseCore

@Suite struct QuestionnaireTextsTests {
    static let germanPath = "content/de/questionnaires/work.yaml"
    static let arabicPath = "content/ar/questionnaires/work.yaml"

    static let german = """
        title: Darf ich arbeiten?
        summary: Finden Sie heraus, ob Sie arbeiten dürfen.
        intro: |
          Beantworten Sie ein paar Fragen.
        questions:
          status:
            text: Welches Dokument haben Sie?
            hint: Das steht auf Ihrem **Dokument**.
            answers:
              asylum: Aufenthaltsgestattung
              duldung: Duldung
              permit: Aufenthaltserlaubnis
          months:
            text: Wie lange sind Sie schon hier?
            answers:
              under-3: Weniger als 3 Monate
              over-3: Mehr als 3 Monate
          offer:
            text: Haben Sie ein "Jobangebot"?
            answers:
              "yes": Ja
              "no": Nein
        outcomes:
          wait:
            title: Noch warten
            body: Sie dürfen noch nicht arbeiten.
          apply:
            title: Erlaubnis beantragen
            body: Beantragen Sie die Erlaubnis.
          search:
            title: Arbeit suchen
            body: Suchen Sie eine Stelle.
        """

    /// Lacks the status hint, the permit label and the whole `search`
    /// outcome; has an unknown question, answer, outcome and key.
    static let arabic = """
        title: هل يمكنني العمل؟
        intro: أجب عن بعض الأسئلة.
        questions:
          status:
            text: ما هي الوثيقة التي لديك؟
            answers:
              asylum: إذن الإقامة المؤقتة
              duldung: دولدونغ
              maybe: ربما
          months:
            text: منذ متى أنت هنا؟
            answers:
              under-3: أقل من 3 أشهر
              over-3: أكثر من 3 أشهر
          offer:
            text: هل لديك عرض عمل؟
            note: x
            answers:
              "yes": نعم
              "no": لا
          extra:
            text: سؤال إضافي
        outcomes:
          wait:
            title: انتظر
            body: لا يمكنك العمل بعد.
          apply:
            title: قدّم طلباً
            body: قدّم طلب الإذن.
          other:
            title: آخر
            body: آخر
        """

    static func logic() throws -> QuestionnaireLogic {
        try #require(QuestionnaireFixture.load(QuestionnaireFixture.work).logic)
    }

    static func source(_ text: String = german, log: DiagnosticLog = DiagnosticLog()) throws -> QuestionnaireTexts? {
        QuestionnaireTexts.load(text: text, language: "de", displayPath: germanPath, source: nil, logic: try logic(), log: log)
    }

    @Test func loadsTheSourceTexts() throws {
        let log = DiagnosticLog()
        let texts = try #require(try Self.source(log: log), "\(log.diagnostics)")
        #expect(log.diagnostics.isEmpty)
        #expect(texts.language == "de")
        #expect(texts.title == "Darf ich arbeiten?")
        #expect(texts.summary == "Finden Sie heraus, ob Sie arbeiten dürfen.")
        #expect(texts.intro == "Beantworten Sie ein paar Fragen.\n")
        #expect(texts.questions["status"]?.hint == "Das steht auf Ihrem **Dokument**.")
        #expect(texts.questions["offer"]?.answers == ["yes": "Ja", "no": "Nein"])
        #expect(texts.questions["months"]?.hint == nil)
        #expect(texts.outcomes["search"] == .init(title: "Arbeit suchen", body: "Suchen Sie eine Stelle."))
        #expect(!texts.isFallback && texts.fallbackKeys.isEmpty)
        #expect(texts.locations["questions.status.answers.permit"]?.description == "\(Self.germanPath):12:15")
        #expect(texts.label(question: "status", answer: "duldung") == "Duldung")
    }

    @Test func aTextMissingInTheSourceLanguageIsAnError() throws {
        let log = DiagnosticLog()
        let text = Self.german.replacingOccurrences(of: "      permit: Aufenthaltserlaubnis\n", with: "")
            .replacingOccurrences(of: "    body: Suchen Sie eine Stelle.", with: "    body: \"  \"")
            .replacingOccurrences(of: "title: Darf ich arbeiten?\n", with: "")
        #expect(try Self.source(text, log: log) == nil)
        #expect(log.errorLines == [
            "1:1: missing text 'title' in the source language's questionnaire texts",
            "9:7: missing text 'questions.status.answers.permit' in the source language's questionnaire texts",
            "30:11: empty text 'outcomes.search.body' in the source language's questionnaire texts",
        ])
    }

    @Test func aTranslationFallsBackToTheSourceTextPerKey() throws {
        let source = try #require(try Self.source())
        let log = DiagnosticLog()
        let texts = try #require(QuestionnaireTexts.load(text: Self.arabic, language: "ar", displayPath: Self.arabicPath,
                                                         source: source, logic: try Self.logic(), log: log),
                                 "\(log.diagnostics)")
        #expect(texts.title == "هل يمكنني العمل؟")
        #expect(texts.summary == "Finden Sie heraus, ob Sie arbeiten dürfen.")
        #expect(texts.questions["status"]?.answers["permit"] == "Aufenthaltserlaubnis")
        #expect(texts.questions["status"]?.answers["asylum"] == "إذن الإقامة المؤقتة")
        #expect(texts.questions["status"]?.hint == "Das steht auf Ihrem **Dokument**.")
        #expect(texts.questions["status"]?.answers["maybe"] == nil)
        #expect(texts.outcomes["search"]?.title == "Arbeit suchen")
        #expect(texts.questions["extra"] == nil && texts.outcomes["other"] == nil)
        #expect(!texts.isFallback)
        #expect(texts.fallbackKeys == ["outcomes.search.body", "outcomes.search.title", "questions.status.answers.permit",
                                       "questions.status.hint", "summary"])
        #expect(texts.locations["outcomes.search.title"] == source.locations["outcomes.search.title"])
        #expect(log.errorLines == [])
        #expect(log.warningLines == [
            "1:1: missing text 'summary': using the 'de' text",
            "5:5: missing text 'questions.status.hint': using the 'de' text",
            "7:7: missing text 'questions.status.answers.permit': using the 'de' text",
            "9:7: unknown answer 'maybe' of question 'status' in texts: the logic (content/questionnaires/work.yaml) has no such answer",
            "17:5: unknown key 'note' in texts of question 'offer' (known: text, hint, answers)",
            "21:3: unknown question 'extra' in texts: the logic (content/questionnaires/work.yaml) has no such question",
            "24:3: missing text 'outcomes.search.body': using the 'de' text",
            "24:3: missing text 'outcomes.search.title': using the 'de' text",
            "30:3: unknown outcome 'other' in texts: the logic (content/questionnaires/work.yaml) has no such outcome",
        ])
    }

    @Test func aLanguageWithoutTextsFileFallsBackWhollyWithoutWarning() throws {
        let source = try #require(try Self.source())
        let texts = QuestionnaireTexts.fallback(language: "fa", source: source)
        #expect(texts.isFallback)
        #expect(texts.language == "fa")
        #expect(texts.title == source.title)
        #expect(texts.questions == source.questions)
    }

    @Test func aBrokenTranslationIsAnError() throws {
        let source = try #require(try Self.source())
        let log = DiagnosticLog()
        let texts = QuestionnaireTexts.load(text: "title: [a, b]\nquestions: {", language: "ar", displayPath: Self.arabicPath,
                                            source: source, logic: try Self.logic(), log: log)
        #expect(texts == nil)
        #expect(log.hasErrors)
    }
}
