import Yams

extension QuestionnaireTexts {
    static let knownKeys = ["title", "summary", "intro", "questions", "outcomes"]

    /// Reads one language's texts file, `content/<lang>/questionnaires/<id>.yaml`.
    ///
    /// Pass `source: nil` for the source language: then a missing text
    /// (`title`, `intro`, each question's `text` and answer label, each
    /// outcome's `title` and `body`) is an error. For other languages pass
    /// the source texts: a missing or empty text is taken from them, with a
    /// warning naming its key path (e.g. `questions.status.answers.permit`).
    /// Question, answer and outcome ids the logic does not have, and unknown
    /// keys, are warnings. Returns nil exactly when it reported an error.
    ///
    /// A language with no texts file at all uses ``fallback(language:source:)`` instead.
    public static func load(text: String, language: String, displayPath: String, source: QuestionnaireTexts?,
                            logic: QuestionnaireLogic, log: DiagnosticLog) -> QuestionnaireTexts? {
        let doc: YAMLDocument
        do {
            doc = try YAMLDocument(text: text, path: displayPath)
        } catch {
            log.add(contentsOf: error)
            return nil
        }
        let (texts, hasErrors) = log.stage { log in
            var reader = TextsReader(doc: doc, logic: logic, source: source, log: log)
            return reader.read(language: language)
        }
        return hasErrors ? nil : texts
    }
}

/// Reads a texts file into key paths, then fills in the texts the logic needs.
private struct TextsReader {
    let doc: YAMLDocument
    let logic: QuestionnaireLogic
    let source: QuestionnaireTexts?
    let log: DiagnosticLog

    /// Key path → text and where it is written.
    private var written: [String: (text: String, location: SourceLocation)] = [:]
    /// Key path of each mapping found → where it starts, to place "missing" messages.
    private var mappings: [String: SourceLocation] = [:]
    private var fallbackKeys: [String] = []
    private var locations: [String: SourceLocation] = [:]

    init(doc: YAMLDocument, logic: QuestionnaireLogic, source: QuestionnaireTexts?, log: DiagnosticLog) {
        self.doc = doc
        self.logic = logic
        self.source = source
        self.log = log
    }

    mutating func read(language: String) -> QuestionnaireTexts {
        collect()
        var texts = QuestionnaireTexts(language: language, title: "", intro: "", questions: [:], outcomes: [:],
                                       file: doc.start)
        texts.title = resolve("title", required: true, source: source?.title) ?? ""
        texts.summary = resolve("summary", required: false, source: source?.summary)
        texts.intro = resolve("intro", required: true, source: source?.intro) ?? ""
        for question in logic.questions {
            let path = "questions.\(question.id)"
            let sourceText = source?.questions[question.id]
            var text = QuestionnaireTexts.QuestionText(
                text: resolve("\(path).text", required: true, source: sourceText?.text) ?? "",
                hint: resolve("\(path).hint", required: false, source: sourceText?.hint),
                answers: [:])
            for answer in question.answers {
                text.answers[answer.id] = resolve("\(path).answers.\(answer.id)", required: true,
                                                  source: sourceText?.answers[answer.id]) ?? answer.id
            }
            texts.questions[question.id] = text
        }
        for outcome in logic.outcomes {
            let path = "outcomes.\(outcome.id)"
            let sourceText = source?.outcomes[outcome.id]
            texts.outcomes[outcome.id] = QuestionnaireTexts.OutcomeText(
                title: resolve("\(path).title", required: true, source: sourceText?.title) ?? outcome.id,
                body: resolve("\(path).body", required: true, source: sourceText?.body) ?? "")
        }
        texts.fallbackKeys = fallbackKeys.sorted()
        texts.locations = locations
        return texts
    }

    /// The text at `path`: as written, else the source language's (with a
    /// warning), else nil (an error when required in the source language).
    private mutating func resolve(_ path: String, required: Bool, source sourceValue: String?) -> String? {
        if let found = written[path], !found.text.trimmingWhitespace.isEmpty {
            locations[path] = found.location
            return found.text
        }
        let location = written[path]?.location ?? nearestLocation(of: path)
        guard let source else {
            if required {
                let problem = written[path] == nil ? "missing" : "empty"
                log.error(at: location, "\(problem) text '\(path)' in the source language's questionnaire texts")
            }
            return nil
        }
        guard let sourceValue else { return nil }
        log.warning(at: location, "missing text '\(path)': using the '\(source.language)' text")
        fallbackKeys.append(path)
        locations[path] = source.locations[path]
        return sourceValue
    }

    /// Where the innermost written mapping holding `path` starts.
    private func nearestLocation(of path: String) -> SourceLocation {
        var parts = path.split(separator: ".").map(String.init)
        while !parts.isEmpty {
            parts.removeLast()
            if let location = mappings[parts.joined(separator: ".")] { return location }
        }
        return doc.start
    }

    // MARK: Reading the file

    private mutating func collect() {
        guard let root = doc.root, root.null == nil else { return }
        mappings[""] = doc.start
        for (key, keyNode, value) in doc.entries(root, log: log, what: "questionnaire texts") {
            switch key {
            case "title", "summary", "intro":
                text(value, path: key)
            case "draft":
                break  // a texts file being translated (see CompiledQuestionnaire: it is not used)
            case "questions":
                collectQuestions(value)
            case "outcomes":
                collectOutcomes(value)
            default:
                doc.warnUnknownKey(key, at: keyNode, in: "questionnaire texts", known: QuestionnaireTexts.knownKeys, log: log)
            }
        }
    }

    private mutating func collectQuestions(_ node: Node) {
        guard let questions = mapping(node, path: "questions") else { return }
        for (id, keyNode, value) in questions {
            guard let question = logic.question(id) else {
                log.warning(at: doc.location(of: keyNode), "unknown question '\(id)' in texts: the logic (\(logic.file.path)) has no such question\(Suggestion.didYouMean(id, in: logic.questions.map(\.id)))")
                continue
            }
            let path = "questions.\(id)"
            guard let entries = mapping(value, path: path) else { continue }
            for (key, keyNode, value) in entries {
                switch key {
                case "text", "hint":
                    text(value, path: "\(path).\(key)")
                case "answers":
                    guard let answers = mapping(value, path: "\(path).answers") else { continue }
                    for (answer, keyNode, label) in answers {
                        guard question.answer(answer) != nil else {
                            log.warning(at: doc.location(of: keyNode), "unknown answer '\(answer)' of question '\(id)' in texts: the logic (\(logic.file.path)) has no such answer\(Suggestion.didYouMean(answer, in: question.answers.map(\.id)))")
                            continue
                        }
                        text(label, path: "\(path).answers.\(answer)")
                    }
                default:
                    doc.warnUnknownKey(key, at: keyNode, in: "texts of question '\(id)'", known: ["text", "hint", "answers"], log: log)
                }
            }
        }
    }

    private mutating func collectOutcomes(_ node: Node) {
        guard let outcomes = mapping(node, path: "outcomes") else { return }
        let known = Set(logic.outcomes.map(\.id))
        for (id, keyNode, value) in outcomes {
            guard known.contains(id) else {
                log.warning(at: doc.location(of: keyNode), "unknown outcome '\(id)' in texts: the logic (\(logic.file.path)) has no such outcome\(Suggestion.didYouMean(id, in: known))")
                continue
            }
            let path = "outcomes.\(id)"
            guard let entries = mapping(value, path: path) else { continue }
            for (key, keyNode, value) in entries {
                switch key {
                case "title", "body":
                    text(value, path: "\(path).\(key)")
                default:
                    doc.warnUnknownKey(key, at: keyNode, in: "texts of outcome '\(id)'", known: ["title", "body"], log: log)
                }
            }
        }
    }

    /// The entries of a mapping, remembering where it is; nil for an empty value.
    private mutating func mapping(_ node: Node, path: String) -> [(key: String, keyNode: Node, value: Node)]? {
        if node.null != nil { return nil }
        guard case .mapping = node else {
            log.error(at: doc.location(of: node), "'\(path)' must be a mapping of keys to texts")
            return nil
        }
        mappings[path] = doc.location(of: node)
        return doc.entries(node, log: log, what: path)
    }

    private mutating func text(_ node: Node, path: String) {
        if node.null != nil { return }
        guard let text = doc.string(node, log: log, what: "'\(path)'") else { return }
        let isMarkdown = path == "intro" || path.hasSuffix(".hint") || path.hasSuffix(".body")
        written[path] = (isMarkdown ? text : text.trimmingWhitespace, doc.location(of: node))
    }
}
