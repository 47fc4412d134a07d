/// The texts of a questionnaire in one language, read from
/// `content/<lang>/questionnaires/<id>.yaml`, with every text the logic
/// needs present: texts a translation lacks are taken from the source
/// language (see ``load(text:language:displayPath:source:logic:log:)``).
public struct QuestionnaireTexts: Sendable {
    public struct QuestionText: Sendable, Hashable {
        public var text: String
        /// Markdown.
        public var hint: String?
        /// Answer id → label.
        public var answers: [String: String]

        public init(text: String, hint: String? = nil, answers: [String: String]) {
            self.text = text
            self.hint = hint
            self.answers = answers
        }
    }

    public struct OutcomeText: Sendable, Hashable {
        public var title: String
        /// Markdown.
        public var body: String

        public init(title: String, body: String) {
            self.title = title
            self.body = body
        }
    }

    /// The language these texts are for (even when they fell back to the source language).
    public var language: String
    public var title: String
    /// One sentence for lists of questionnaires.
    public var summary: String?
    /// Markdown.
    public var intro: String
    /// Question id → texts, for every question of the logic.
    public var questions: [String: QuestionText]
    /// Outcome id → texts, for every outcome of the logic.
    public var outcomes: [String: OutcomeText]
    /// True when the language has no texts file for this questionnaire at
    /// all, so every text is the source language's (pages say "not yet translated").
    public var isFallback: Bool
    /// Key paths (e.g. `questions.status.answers.permit`) whose text was
    /// missing here and taken from the source language, sorted.
    public var fallbackKeys: [String]
    /// The texts file, or the source language's file when `isFallback`.
    public var file: SourceLocation
    /// Where each text is written, by key path, for pointing at Markdown problems.
    public var locations: [String: SourceLocation]

    public init(language: String, title: String, summary: String? = nil, intro: String,
                questions: [String: QuestionText], outcomes: [String: OutcomeText],
                isFallback: Bool = false, fallbackKeys: [String] = [], file: SourceLocation,
                locations: [String: SourceLocation] = [:]) {
        self.language = language
        self.title = title
        self.summary = summary
        self.intro = intro
        self.questions = questions
        self.outcomes = outcomes
        self.isFallback = isFallback
        self.fallbackKeys = fallbackKeys
        self.file = file
        self.locations = locations
    }

    /// The texts of a language that has no texts file for the questionnaire:
    /// the source texts, flagged as a fallback. Not a warning.
    public static func fallback(language: String, source: QuestionnaireTexts) -> QuestionnaireTexts {
        var texts = source
        texts.language = language
        texts.isFallback = true
        texts.fallbackKeys = []
        return texts
    }

    /// The label of an answer, or its id when there is none.
    public func label(question: String, answer: String) -> String {
        questions[question]?.answers[answer] ?? answer
    }
}
