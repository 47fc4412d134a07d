import Foundation

/// `lotse build --manifest FILE`: every file of the built site with what it
/// is (kind, language, the content file it shows) and, for questionnaire
/// pages, the state, the question and where each answer leads; plus each
/// questionnaire's scenario tests. Site checks read it instead of guessing
/// from the HTML or parsing content themselves. Schema: docs/manifest.md.
public struct BuildManifest: Codable, Sendable {
    public static let currentVersion = 1

    public struct LanguageEntry: Codable, Sendable {
        public var code: String
        public var name: String
        public var dir: String
    }

    public struct Transition: Codable, Sendable {
        /// The answer id (as in the logic file).
        public var answer: String
        /// The answer's button label on this page.
        public var label: String
        /// The URL the answer's form leads to.
        public var to: String
    }

    public struct File: Codable, Sendable {
        /// Below the output folder: `de/work/permit/index.html`.
        public var path: String
        /// As linked on the site: `/de/work/permit/`.
        public var url: String
        /// root, 404, home, section, advice, questionnaire, question, result, proofing, sitemap, robots, css,
        /// glossary, status, headers, leaflet.
        public var kind: String
        /// The reader's language (the language folder); nil for site-wide files.
        public var language: String?
        /// Shown in the source language with a notice (an untranslated page or questionnaire).
        public var fallback: Bool?
        /// The content or template file this file shows.
        public var source: String?
        /// Questionnaire pages: the texts file used.
        public var texts: String?
        /// Advice, section and home pages: the page path (`work/permit`, `""` for home).
        public var page: String?
        public var questionnaire: String?
        /// Question and result pages: the state id (the URL segment).
        public var state: String?
        /// Question pages: the question id.
        public var question: String?
        /// Question pages: one per answer, in button order. The start page: its one Start button.
        public var transitions: [Transition]?
        /// Result pages: the outcome ids shown, in order.
        public var outcomes: [String]?
    }

    public struct Scenario: Codable, Sendable {
        /// Where the test is written (`content/questionnaires/x.yaml:40:5`).
        public var name: String
        public var answers: [String]
        public var outcomes: [String]
    }

    public struct Questionnaire: Codable, Sendable {
        public var id: String
        public var source: String
        /// Language → the start page's URL.
        public var start: [String: String]
        public var scenarios: [Scenario]
    }

    public var version: Int
    public var baseURL: String
    public var sourceLanguage: String
    public var languages: [LanguageEntry]
    public var files: [File]
    public var questionnaires: [Questionnaire]

    enum CodingKeys: String, CodingKey {
        case version, languages, files, questionnaires
        case baseURL = "base_url"
        case sourceLanguage = "source_language"
    }

    /// Pretty-printed JSON with sorted keys (stable for diffs).
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }
}

extension CompiledSite {
    private func leafletPath(_ page: String, with other: String?) -> String {
        let base = page.isEmpty ? RenderContext.leafletSegment : "\(page)/\(RenderContext.leafletSegment)"
        return other.map { "\(base)/\($0)" } ?? base
    }

    /// The manifest of the files ``SiteRenderer`` writes for this site.
    public var manifest: BuildManifest {
        let urls = SiteURLs(config: config)
        let source = sourceLanguage
        var files: [BuildManifest.File] = []
        func file(_ path: String, url: String, kind: String, language: String? = nil) -> BuildManifest.File {
            BuildManifest.File(path: path, url: url, kind: kind, language: language)
        }
        let templates = templatesDisplay
        for output in allOutputs {
            switch output {
            case .root:
                var f = file("index.html", url: urls.root, kind: "root")
                f.source = ContentTree.join(templates, "root.mustache")
                files.append(f)
            case .notFound:
                var f = file("404.html", url: urls.root + "404.html", kind: "404")
                f.source = ContentTree.join(templates, "404.mustache")
                files.append(f)
            case .sitemap:
                files.append(file("sitemap.xml", url: urls.root + "sitemap.xml", kind: "sitemap"))
            case .robots:
                files.append(file("robots.txt", url: urls.root + "robots.txt", kind: "robots"))
            case let .glossary(language):
                files.append(file(urls.file(Glossary.path, language: language), url: urls.page(Glossary.path, language: language),
                                  kind: "glossary", language: language))
            case .translationStatus:
                guard self.templates?.has("status") == true else { continue }
                var f = file(RenderContext.statusPath, url: urls.root + "status/", kind: "status")
                f.source = ContentTree.join(templates, "status.mustache")
                files.append(f)
            case .securityHeaders:
                files.append(file("_headers", url: urls.root + "_headers", kind: "headers"))
            case .stylesheet:
                var f = file("style.css", url: urls.css, kind: "css")
                f.source = ContentTree.join(templates, "style.css")
                files.append(f)
                if self.templates?.leafletCSS.isEmpty == false {
                    var l = file("leaflet.css", url: urls.leafletCSS, kind: "css")
                    l.source = ContentTree.join(templates, "leaflet.css")
                    files.append(l)
                }
            case let .page(path, language):
                guard let page = page(path, language: language) else { continue }
                let kind = path.isEmpty ? "home" : (content.children[path]?.isEmpty == false ? "section" : "advice")
                var f = file(urls.file(path, language: language), url: urls.page(path, language: language), kind: kind, language: language)
                f.fallback = page.kind == .fallback
                f.source = page.file
                f.page = path
                files.append(f)
                // The bilingual print version of an advice page.
                let office = config.officeLanguage
                if !path.isEmpty, language != office {
                    let leafletPath = leafletPath(path, with: office)
                    var l = file(urls.file(leafletPath, language: language), url: urls.page(leafletPath, language: language),
                                 kind: "leaflet", language: language)
                    l.fallback = page.kind == .fallback
                    l.source = page.file
                    l.page = path
                    files.append(l)
                }
            case let .questionnaire(id, language):
                guard let q = questionnaire(id) else { continue }
                let local = q.localized(for: language)
                let texts = local.texts
                func base(_ path: String, kind: String) -> BuildManifest.File {
                    var f = file(urls.file(path, language: language), url: urls.page(path, language: language), kind: kind, language: language)
                    f.fallback = texts.isFallback
                    f.source = q.logic.file.path
                    f.texts = texts.file.path
                    f.questionnaire = id
                    return f
                }
                let statePath = { (state: QuestionnaireGraph.State) in "\(id)/\(state.id)" }
                var start = base(id, kind: "questionnaire")
                let strings = self.strings.table(for: language)
                start.transitions = [BuildManifest.Transition(answer: "start", label: strings["start"] ?? "",
                                                              to: urls.page(statePath(q.graph.states[q.graph.start]), language: language))]
                files.append(start)
                files.append(base("\(id)/\(RenderContext.proofingSegment)", kind: "proofing"))
                for state in q.graph.states {
                    var f = base(statePath(state), kind: state.isEnd ? "result" : "question")
                    f.state = state.id
                    if let questionID = state.question {
                        f.question = questionID
                        let question = texts.questions[questionID]
                        f.transitions = state.transitions.map { transition in
                            BuildManifest.Transition(answer: transition.answer,
                                                     label: question?.answers[transition.answer] ?? transition.answer,
                                                     to: urls.page(statePath(q.graph.states[transition.target]), language: language))
                        }
                    } else {
                        f.outcomes = state.outcomes
                    }
                    files.append(f)
                    if state.isEnd {
                        let partners: [String?] = language == config.officeLanguage ? [nil] : [nil, config.officeLanguage]
                        for other in partners {
                            var l = base(leafletPath(statePath(state), with: other), kind: "leaflet")
                            l.state = state.id
                            l.outcomes = state.outcomes
                            files.append(l)
                        }
                    }
                }
            }
        }
        let questionnaires = self.questionnaires.map { q in
            BuildManifest.Questionnaire(
                id: q.id, source: q.logic.file.path,
                start: Dictionary(uniqueKeysWithValues: languages.map { ($0.code, urls.page(q.id, language: $0.code)) }),
                scenarios: q.logic.tests.map { .init(name: $0.location.description, answers: $0.answers, outcomes: $0.outcomes) })
        }
        return BuildManifest(version: BuildManifest.currentVersion, baseURL: config.absoluteBase, sourceLanguage: source,
                             languages: languages.map { .init(code: $0.code, name: $0.name, dir: $0.direction.rawValue) },
                             files: files, questionnaires: questionnaires)
    }
}
