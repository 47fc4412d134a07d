import Foundation
import Yams

/// `content/site.yaml`.
public struct SiteConfig: Sendable {
    public var baseURL: String
    public var sourceLanguage: String
    /// In the order the site lists them.
    public var languages: [Language]
    public var office: Office?
    public var reviewIntervalDays: Int
    /// The most states one questionnaire may have before the build refuses it.
    public var questionnaireStateLimit: Int
    public var location: SourceLocation
    /// The language advisors work in; bilingual leaflets set it beside the
    /// reader's (`office_language`, default the source language).
    public var officeLanguage: String

    /// The path part of `base_url`, always starting and ending with `/`.
    public var basePath: String {
        var path = URL(string: baseURL)?.path ?? "/"
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return path
    }

    /// `base_url` ending with `/`.
    public var absoluteBase: String {
        baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
    }

    public func language(_ code: String) -> Language? {
        languageIndex(code).map { languages[$0] }
    }

    /// `language(code)?.fallback ?? []` without copying the language (its names and
    /// tags retained and released): asked for each page a reader is served (issue 10).
    func fallback(of code: String) -> [String] {
        languageIndex(code).map { languages[$0].fallback } ?? []
    }

    private func languageIndex(_ code: String) -> Int? {
        languages.firstIndex { $0.code == code }
    }

    static let knownKeys: Set<String> = ["base_url", "source_language", "languages", "office", "review_interval_days", "questionnaire_state_limit", "office_language"]

    static func load(text: String, path: String, log: DiagnosticLog) throws(LotseError) -> SiteConfig {
        let doc = try YAMLDocument(text: text, path: path)
        var baseURL = "/"
        var source: String?
        var languages: [Language] = []
        var office: Office?
        var interval = 180
        var stateLimit = 5000
        var officeLanguage: (String, SourceLocation)?
        for (key, keyNode, value) in doc.entries(doc.root, log: log, what: "site.yaml") {
            switch key {
            case "base_url":
                baseURL = doc.string(value, log: log, what: "base_url") ?? "/"
                if URL(string: baseURL) == nil {
                    log.error(at: doc.location(of: value), "base_url is not a valid URL: \(baseURL)")
                }
            case "source_language":
                source = doc.string(value, log: log, what: "source_language")
            case "office_language":
                officeLanguage = doc.string(value, log: log, what: "office_language").map { ($0, doc.location(of: value)) }
            case "review_interval_days":
                interval = doc.int(value, log: log, what: "review_interval_days") ?? interval
            case "questionnaire_state_limit":
                stateLimit = doc.int(value, log: log, what: "questionnaire_state_limit") ?? stateLimit
            case "languages":
                for item in doc.sequence(value, log: log, what: "languages") {
                    if let language = parseLanguage(item, doc: doc, log: log) {
                        // BCP 47 tags are not case-sensitive: `de` and `DE` are one language.
                        if let first = languages.first(where: { $0.code.lowercased() == language.code.lowercased() }) {
                            let same = first.code == language.code ? "" : " (language tags are not case-sensitive: '\(language.code)' is '\(first.code)')"
                            log.error(at: doc.location(of: item), "language '\(language.code)' is listed twice\(same)")
                        } else {
                            languages.append(language)
                        }
                    }
                }
            case "office":
                var o = Office()
                for (k, kNode, v) in doc.entries(value, log: log, what: "office") {
                    let text = officeText(v, doc: doc, log: log, what: "office.\(k)")
                    switch k {
                    case "name": o.name = text
                    case "address": o.address = text
                    case "phone": o.phone = text
                    case "email": o.email = text
                    case "opening_hours": o.openingHours = text
                    default: doc.warnUnknownKey(k, at: kNode, shown: "office.\(k)", in: nil, known: Office.knownKeys, log: log)
                    }
                }
                office = o
            default:
                doc.warnUnknownKey(key, at: keyNode, in: "site.yaml", known: knownKeys.sorted(), log: log)
            }
        }
        let start = doc.start
        if languages.isEmpty {
            log.error(at: start, "site.yaml lists no languages")
        }
        guard let source else {
            throw LotseError(log.diagnostics + [Diagnostic(.error, at: start, "site.yaml has no source_language")])
        }
        if !languages.isEmpty && !languages.contains(where: { $0.code == source }) {
            if let same = languages.first(where: { $0.code.lowercased() == source.lowercased() }) {
                log.error(at: start, "source_language '\(source)' is written '\(same.code)' in the languages list; write it the same way in both")
            } else {
                log.error(at: start, "source_language '\(source)' is not in the languages list")
            }
        }
        let codes = Set(languages.map(\.code))
        for language in languages {
            for other in language.fallback + (language.translateFrom.map { [$0] } ?? []) where !codes.contains(other) || other == language.code {
                log.error(at: start, "language '\(language.code)': '\(other)' in fallback or translate_from is not another language of the site")
            }
        }
        if let (code, location) = officeLanguage, !languages.isEmpty, !languages.contains(where: { $0.code == code }) {
            log.error(at: location, "office_language '\(code)' is not in the languages list (languages: \(languages.map(\.code).joined(separator: ", ")))")
        }
        return SiteConfig(baseURL: baseURL, sourceLanguage: source, languages: languages, office: office,
                          reviewIntervalDays: interval, questionnaireStateLimit: stateLimit, location: start,
                          officeLanguage: officeLanguage?.0 ?? source)
    }

    /// An office field: text, or a mapping of language codes to text.
    private static func officeText(_ node: Node, doc: YAMLDocument, log: DiagnosticLog, what: String) -> Office.Text? {
        if case .mapping = node {
            var texts: [String: String] = [:]
            for (code, _, value) in doc.entries(node, log: log, what: what) {
                if let text = doc.string(value, log: log, what: "\(what).\(code)") { texts[code] = text.trimmingWhitespace }
            }
            return Office.Text(all: nil, byLanguage: texts)
        }
        return doc.string(node, log: log, what: what).map { Office.Text(all: $0.trimmingWhitespace, byLanguage: [:]) }
    }

    private static func parseLanguage(_ node: Node, doc: YAMLDocument, log: DiagnosticLog) -> Language? {
        var code: String?
        var name: String?
        var dir: Language.Direction?
        var fallback: [String] = []
        var translateFrom: String?
        for (k, kNode, v) in doc.entries(node, log: log, what: "a language") {
            switch k {
            case "code": code = doc.string(v, log: log, what: "code")
            case "name": name = doc.string(v, log: log, what: "name")
            case "dir":
                let raw = doc.string(v, log: log, what: "dir") ?? ""
                dir = Language.Direction(rawValue: raw)
                if dir == nil { log.error(at: doc.location(of: v), "dir must be 'rtl' or 'ltr', not '\(raw)'") }
            case "fallback":
                fallback = doc.sequence(v, log: log, what: "fallback").compactMap { doc.string($0, log: log, what: "a fallback language") }
            case "translate_from": translateFrom = doc.string(v, log: log, what: "translate_from")
            default: doc.warnUnknownKey(k, at: kNode, in: "a language", known: ["code", "name", "dir", "fallback", "translate_from"], log: log)
            }
        }
        guard let code, !code.isEmpty else {
            log.error(at: doc.location(of: node), "a language needs a code (a BCP 47 tag such as 'de' or 'ar')")
            return nil
        }
        guard isValidLanguageTag(code) else {
            log.error(at: doc.location(of: node), "'\(code)' is not a BCP 47 language tag")
            return nil
        }
        return Language(code: code, name: name ?? code, direction: dir, fallback: fallback, translateFrom: translateFrom)
    }

    /// A conservative check of BCP 47 syntax: letters/digits in subtags of 1–8, first is 2–3 letters.
    static func isValidLanguageTag(_ code: String) -> Bool {
        let subtags = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = subtags.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return subtags.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
