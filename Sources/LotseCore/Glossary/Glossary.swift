import Foundation
import Yams

/// `content/glossary.yaml`: the official German terms new arrivals meet on
/// letters and forms, each with its translation and a one-line plain
/// explanation per language, so every page and questionnaire of a language
/// uses one word per term. `[residence permit](glossary:aufenthaltserlaubnis)`
/// links a term; each language gets a glossary page at `/<lang>/glossary/`.
///
/// ```yaml
/// original_language: de          # optional: the language of the originals
/// terms:
///   aufenthaltserlaubnis:
///     original: Aufenthaltserlaubnis
///     de: { explanation: "Die Erlaubnis, in Deutschland zu leben …" }
///     en: { term: residence permit, explanation: "Permission to live in Germany …" }
/// ```
public struct Glossary: Sendable {
    public struct Entry: Sendable {
        public var term: String
        public var explanation: String
    }

    public struct Term: Sendable {
        public var id: String
        /// The term as it is written on official letters.
        public var original: String
        public var entries: [String: Entry]
        public var location: SourceLocation
    }

    public var originalLanguage = "de"
    public var terms: [String: Term] = [:]

    public static let fileName = "glossary.yaml"
    /// The glossary page's path below each language.
    public static let path = "glossary"

    public var isEmpty: Bool { terms.isEmpty }

    static func load(contentDir: URL, displayPath: String, config: SiteConfig, log: DiagnosticLog) -> Glossary {
        var glossary = Glossary()
        let url = contentDir.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return glossary }
        let display = ContentTree.join(displayPath, fileName)
        let codes = Set(config.languages.map(\.code))
        do {
            let doc = try YAMLDocument(text: try SourceText.read(url, displayPath: display), path: display)
            for (key, keyNode, value) in doc.entries(doc.root, log: log, what: fileName) {
                switch key {
                case "original_language":
                    glossary.originalLanguage = doc.string(value, log: log, what: "original_language") ?? "de"
                case "terms":
                    for (id, idNode, item) in doc.entries(value, log: log, what: "terms") {
                        guard FactTable.isValidName(id) else {
                            log.error(at: doc.location(of: idNode), "term ids use ASCII letters, digits, '-' and '_' (not '\(id)'); they become link targets")
                            continue
                        }
                        var term = Term(id: id, original: "", entries: [:], location: doc.location(of: idNode))
                        for (field, fieldNode, fieldValue) in doc.entries(item, log: log, what: "term '\(id)'") {
                            if field == "original" {
                                term.original = doc.string(fieldValue, log: log, what: "original")?.trimmingWhitespace ?? ""
                            } else if codes.contains(field) {
                                var entry = Entry(term: "", explanation: "")
                                for (k, kNode, v) in doc.entries(fieldValue, log: log, what: "term '\(id)' in '\(field)'") {
                                    switch k {
                                    case "term": entry.term = doc.string(v, log: log, what: "term")?.trimmingWhitespace ?? ""
                                    case "explanation": entry.explanation = doc.string(v, log: log, what: "explanation")?.trimmingWhitespace ?? ""
                                    default: log.warning(at: doc.location(of: kNode), "unknown key '\(k)' in a glossary entry (known: term, explanation)")
                                    }
                                }
                                term.entries[field] = entry
                            } else {
                                log.warning(at: doc.location(of: fieldNode), "'\(field)' in term '\(id)' is neither 'original' nor a language of the site")
                            }
                        }
                        if term.original.isEmpty {
                            log.error(at: term.location, "term '\(id)' has no 'original' (the word as written on official letters)")
                        }
                        // In the originals' language the term is the original unless written.
                        if var own = term.entries[glossary.originalLanguage], own.term.isEmpty {
                            own.term = term.original
                            term.entries[glossary.originalLanguage] = own
                        }
                        for (code, entry) in term.entries where entry.term.isEmpty {
                            log.error(at: term.location, "term '\(id)' in '\(code)' has no 'term'")
                        }
                        glossary.terms[id] = term
                    }
                default:
                    log.warning(at: doc.location(of: keyNode), "unknown key '\(key)' in \(fileName) (known: original_language, terms)")
                }
            }
        } catch {
            log.add(contentsOf: error)
        }
        return glossary
    }

    /// A term's entry for `language`: its own, else its fallback languages', else
    /// the source's, else the original; with the language it is written in.
    func entry(_ id: String, language: String, config: SiteConfig) -> (entry: Entry, language: String)? {
        guard let term = terms[id] else { return nil }
        for code in [language] + config.fallback(of: language) + [config.sourceLanguage] {
            if let entry = term.entries[code] { return (entry, code) }
        }
        return (Entry(term: term.original, explanation: ""), originalLanguage)
    }
}
