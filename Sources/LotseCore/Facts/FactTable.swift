import Foundation
import Yams

/// `content/facts.yaml`: language-neutral facts (phone numbers, e-mail
/// addresses, fees, deadlines, opening hours), written once and used by name
/// in pages, questionnaire texts and the footer as `{{office.phone}}`.
///
/// A fact is one text for every language, or a mapping of language codes to
/// texts; a mapping of other names is a group (`office:` → `office.phone`).
/// The `office` block of `site.yaml` is read as the `office` group, for sites
/// written before facts existed. Facts are not part of the hashed source
/// text (the placeholder is), so changing one outdates no translation.
public struct FactTable: Sendable {
    public struct Fact: Sendable {
        public var all: String?
        public var byLanguage: [String: String]
        public var location: SourceLocation?

        /// The text for `language`, else the source language's, else any.
        func value(for language: String, source: String) -> String? {
            all ?? byLanguage[language] ?? byLanguage[source] ?? byLanguage.sorted { $0.key < $1.key }.first?.value
        }
    }

    public var facts: [String: Fact] = [:]

    public static let fileName = "facts.yaml"

    static func load(contentDir: URL, displayPath: String, config: SiteConfig, log: DiagnosticLog) -> FactTable {
        var table = FactTable()
        let codes = Set(config.languages.map(\.code))
        if let office = config.office {
            let fields: [(String, Office.Text?)] = [("name", office.name), ("address", office.address), ("phone", office.phone),
                                                    ("email", office.email), ("opening_hours", office.openingHours)]
            for (name, text) in fields {
                if let text { table.facts["office.\(name)"] = Fact(all: text.all, byLanguage: text.byLanguage, location: config.location) }
            }
        }
        let url = contentDir.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return table }
        let display = ContentTree.join(displayPath, fileName)
        do {
            let doc = try YAMLDocument(text: try SourceText.read(url, displayPath: display), path: display)
            var fromFile: [String: Fact] = [:]
            func walk(_ node: Node, _ name: String) {
                switch node {
                case .scalar:
                    if let text = doc.string(node, log: log, what: "fact '\(name)'") {
                        fromFile[name] = Fact(all: text.trimmingWhitespace, byLanguage: [:], location: doc.location(of: node))
                    }
                case .mapping:
                    let entries = doc.entries(node, log: log, what: "fact '\(name)'")
                    if !name.isEmpty, !entries.isEmpty, entries.allSatisfy({ codes.contains($0.key) }) {
                        var texts: [String: String] = [:]
                        for (code, _, value) in entries {
                            texts[code] = doc.string(value, log: log, what: "fact '\(name)' in '\(code)'")?.trimmingWhitespace
                        }
                        fromFile[name] = Fact(all: nil, byLanguage: texts, location: doc.location(of: node))
                        return
                    }
                    for (key, keyNode, value) in entries {
                        guard isValidName(key) else {
                            log.error(at: doc.location(of: keyNode), "fact names use letters, digits, '-' and '_' (not '\(key)')")
                            continue
                        }
                        walk(value, name.isEmpty ? key : "\(name).\(key)")
                    }
                default:
                    log.error(at: doc.location(of: node), "fact '\(name)' must be a text, a text per language, or a group of facts")
                }
            }
            if let root = doc.root { walk(root, "") }
            if fromFile.keys.contains(where: { $0.hasPrefix("office.") }) && config.office != nil {
                log.warning(at: config.location, "the office is in both site.yaml and facts.yaml; facts.yaml wins (remove the office block from site.yaml)")
                table.facts = table.facts.filter { !$0.key.hasPrefix("office.") }
            }
            table.facts.merge(fromFile) { $1 }
        } catch {
            log.add(contentsOf: error)
        }
        return table
    }

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    /// The office block the footer shows, from the `office.*` facts.
    var office: Office? {
        func text(_ name: String) -> Office.Text? {
            facts["office.\(name)"].map { Office.Text(all: $0.all, byLanguage: $0.byLanguage) }
        }
        let office = Office(name: text("name"), address: text("address"), phone: text("phone"), email: text("email"),
                            openingHours: text("opening_hours"))
        return office == Office() ? nil : office
    }

    // MARK: Placeholders

    /// `{{ name }}` in content: two braces, a fact name, two braces. Braces
    /// are plain text to cmark and survive Weblate, Crowdin and PO files;
    /// translators keep them as they are.
    nonisolated(unsafe) static let placeholder = #/\{\{\s*([A-Za-z0-9_.\-]+)\s*\}\}/#

    /// Names used in `text` with their offsets (line, character column, both 1-based).
    static func placeholders(in text: String) -> [(name: String, line: Int, column: Int)] {
        var result: [(String, Int, Int)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for match in line.matches(of: placeholder) {
                let column = line[..<match.range.lowerBound].unicodeScalars.count + 1
                result.append((String(match.output.1), index + 1, column))
            }
        }
        return result
    }

    /// `text` with every known placeholder replaced by its value in `language`.
    func fill(_ text: String, language: String, source: String, url: Bool = false) -> String {
        guard text.containsBytes("{{") else { return text }
        return text.replacing(Self.placeholder) { match in
            guard let value = facts[String(match.output.1)]?.value(for: language, source: source) else { return String(match.output.0) }
            return url ? value.filter { !$0.isWhitespace } : value
        }
    }

    /// Reports every placeholder in `text` that names no fact, at its position
    /// (`origin` is where the text starts in its file).
    func checkPlaceholders(in text: String, origin: SourceLocation, log: DiagnosticLog) {
        guard text.containsBytes("{{") else { return }
        for use in Self.placeholders(in: text) where facts[use.name] == nil {
            let location = SourceLocation(path: origin.path, line: origin.line + use.line - 1,
                                          column: use.line == 1 ? origin.column + use.column - 1 : use.column)
            let known = facts.keys.sorted()
            log.error(at: location, "unknown fact '{{\(use.name)}}' (facts: \(known.isEmpty ? "none; write them in content/facts.yaml" : known.joined(separator: ", ")))")
        }
    }
}
