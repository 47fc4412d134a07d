import Foundation

/// A questionnaire checked and explored, with its texts in every language
/// and their Markdown rendered once per texts file.
struct CompiledQuestionnaire: Sendable {
    /// One language's texts with their Markdown parts rendered.
    struct LocalizedTexts: Sendable {
        var texts: QuestionnaireTexts
        var intro: RenderedBody
        var hints: [String: RenderedBody]
        var outcomeBodies: [String: RenderedBody]
        /// The language the texts are written in: the reader's, or (for a
        /// language with no texts file) a `fallback` language's or the source's.
        var writtenIn: String = ""
    }

    var logic: QuestionnaireLogic
    var graph: QuestionnaireGraph
    /// By language code; languages without a texts file share the source's texts, flagged `isFallback`.
    var localized: [String: LocalizedTexts]
    var sourceLanguage: String
    /// Per state: the answers every path there gave, Change links and progress.
    var paths: StatePaths
    /// Every distinct way through, for the proofing page.
    var table: DecisionTable
    /// The build's date, shown on the proofing page next to the version.
    var builtOn: Day?

    init(logic: QuestionnaireLogic, graph: QuestionnaireGraph, localized: [String: LocalizedTexts],
         sourceLanguage: String, builtOn: Day? = nil) {
        self.logic = logic
        self.graph = graph
        self.localized = localized
        self.sourceLanguage = sourceLanguage
        self.paths = StatePaths(graph)
        self.table = DecisionTable(graph)
        self.builtOn = builtOn
    }

    var id: String { logic.id }

    func localized(for language: String) -> LocalizedTexts {
        localized[language] ?? localized[sourceLanguage]!
    }

    func texts(for language: String) -> QuestionnaireTexts {
        localized(for: language).texts
    }

    /// Languages with their own texts file (the source language included), in site order.
    var translatedLanguages: [String] {
        localized.filter { !$0.value.texts.isFallback }.map(\.key).sorted()
    }
}

extension QuestionnaireTexts {
    /// A language's texts for a questionnaire: its own file with per-text
    /// fallback to the source texts, or the source texts as a whole when the
    /// language has no file. Nil when the file could not be used.
    static func forLanguage(_ language: String, id: String, in content: SiteContent, source: QuestionnaireTexts,
                            logic: QuestionnaireLogic, log: DiagnosticLog) -> QuestionnaireTexts? {
        // `draft: true`: being translated (`lotse translate`), not shown yet.
        guard let file = content.questionnaireTexts[language]?[id], !TranslationTracking.isDraft(file.text) else {
            return fallback(language: language, source: source)
        }
        return load(text: file.text, language: language, displayPath: file.displayPath, source: source, logic: logic, log: log)
    }
}

/// A questionnaire's logic and its texts in each language, as far as they
/// could be read: what `lotse graph` draws, also when the flow has errors.
struct QuestionnaireFlow: Sendable {
    var logic: QuestionnaireLogic
    /// By language code, for the languages whose texts could be read.
    var texts: [String: QuestionnaireTexts]
}

/// Loads, checks and explores every questionnaire of the site.
enum QuestionnaireCompiler {
    static func compile(content: SiteContent, markdown: MarkdownRenderer, today: Day? = nil, log: DiagnosticLog)
        -> (questionnaires: [CompiledQuestionnaire], flows: [String: QuestionnaireFlow]) {
        let source = content.config.sourceLanguage
        var result: [CompiledQuestionnaire] = []
        var flows: [String: QuestionnaireFlow] = [:]
        for id in content.questionnaireLogic.keys.sorted() {
            let file = content.questionnaireLogic[id]!
            // A page whose file has an error counts as there: that error is reported already.
            let pageExists = { (path: String) in
                content.sourcePages[path] != nil || content.unreadablePaths.contains(path)
                    || (path == "index" && (content.sourcePages[""] != nil || content.unreadablePaths.contains("")))
            }
            let (loaded, loadErrors) = QuestionnaireLogic.loadReportingErrors(text: file.text, id: id, displayPath: file.displayPath, log: log)
            guard let logic = loaded else { continue }
            flows[id] = QuestionnaireFlow(logic: logic, texts: [:])
            let graph: QuestionnaireGraph?
            if loadErrors {
                // Exploring needs a sound file; report what else can be checked.
                QuestionnaireGraph.checkWithoutExploring(logic, pageExists: pageExists, log: log)
                graph = nil
            } else {
                graph = QuestionnaireGraph.explore(logic, pageExists: pageExists,
                                                   stateLimit: content.config.questionnaireStateLimit, log: log)
            }
            guard let sourceFile = content.questionnaireTexts[source]?[id] else {
                log.error(at: logic.file, "questionnaire '\(id)' has no texts in the source language: write \(sourceTextsPath(content, id))")
                continue
            }
            guard var sourceTexts = QuestionnaireTexts.load(text: sourceFile.text, language: source, displayPath: sourceFile.displayPath,
                                                            source: nil, logic: logic, log: log) else { continue }
            sourceTexts = content.facts.fill(sourceTexts, source: source, log: log)
            var localized: [String: CompiledQuestionnaire.LocalizedTexts] = [:]
            var sourceLocalized = render(sourceTexts, id: id, markdown: markdown, log: log)
            sourceLocalized.writtenIn = source
            localized[source] = sourceLocalized
            flows[id]?.texts[source] = sourceTexts
            for language in content.config.languages where language.code != source {
                guard var texts = QuestionnaireTexts.forLanguage(language.code, id: id, in: content, source: sourceTexts,
                                                                 logic: logic, log: log) else { continue }
                if !texts.isFallback { texts = content.facts.fill(texts, source: source, log: log) }
                flows[id]?.texts[language.code] = texts
                if texts.isFallback {
                    // The source texts' Markdown is already rendered: share it.
                    var fallback = sourceLocalized
                    fallback.texts = texts
                    localized[language.code] = fallback
                } else {
                    localized[language.code] = render(texts, id: id, markdown: markdown, log: log)
                    localized[language.code]?.writtenIn = language.code
                }
            }
            // A language with no texts file is shown in its first `fallback` language that has one.
            for language in content.config.languages where localized[language.code]?.texts.isFallback == true {
                guard let other = language.fallback.first(where: { localized[$0].map { !$0.texts.isFallback } ?? false }),
                      var shown = localized[other] else { continue }
                shown.texts.language = language.code
                shown.texts.isFallback = true
                localized[language.code] = shown
            }
            if let graph {
                result.append(CompiledQuestionnaire(logic: logic, graph: graph, localized: localized, sourceLanguage: source,
                                                    builtOn: today))
            }
        }
        // Texts files for questionnaires that have no logic.
        for (language, files) in content.questionnaireTexts.sorted(by: { $0.key < $1.key }) {
            for (id, file) in files.sorted(by: { $0.key < $1.key }) where content.questionnaireLogic[id] == nil {
                log.error(at: SourceLocation(path: file.displayPath),
                          "texts for questionnaire '\(id)' in '\(language)', but there is no questionnaires/\(id).yaml with its logic")
            }
        }
        return (result, flows)
    }

    private static func sourceTextsPath(_ content: SiteContent, _ id: String) -> String {
        "\(content.config.sourceLanguage)/questionnaires/\(id).yaml"
    }

    /// Renders a texts file's Markdown (intro, hints, outcome bodies) once.
    private static func render(_ texts: QuestionnaireTexts, id: String, markdown: MarkdownRenderer,
                               log: DiagnosticLog) -> CompiledQuestionnaire.LocalizedTexts {
        var renderer = markdown
        renderer.tocMinimumHeadings = Int.max
        let relative = "questionnaires/\(id).yaml"
        func md(_ text: String, key: String) -> RenderedBody {
            var origin = texts.locations[key] ?? texts.file
            // A block scalar (`|`) starts on the line after its key.
            if text.contains("\n") { origin = SourceLocation(path: origin.path, line: origin.line + 1, column: 1) }
            return renderer.render(text, relativePath: relative, origin: origin, log: log, language: texts.language)
        }
        var hints: [String: RenderedBody] = [:]
        for (qid, question) in texts.questions {
            if let hint = question.hint, !hint.isEmpty { hints[qid] = md(hint, key: "questions.\(qid).hint") }
        }
        var bodies: [String: RenderedBody] = [:]
        for (oid, outcome) in texts.outcomes {
            bodies[oid] = md(outcome.body, key: "outcomes.\(oid).body")
        }
        return .init(texts: texts, intro: md(texts.intro, key: "intro"), hints: hints, outcomeBodies: bodies)
    }
}
