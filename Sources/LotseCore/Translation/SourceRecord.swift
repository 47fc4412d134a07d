import Foundation
import Yams

/// `content/<lang>/.lotse-sources.yaml`: for each translation of a language,
/// which version of its source it was made from, as a hash per section.
///
/// It lives beside the translations, not inside them: translation tools
/// (Weblate, Crowdin, Poedit through PO files) rewrite the files they
/// translate and would drop, or offer for translation, anything Lotse put
/// into them; a file they are not configured for survives every round trip.
/// `lotse translate` and `lotse po import` write it; nobody edits it by hand.
public struct SourceRecord: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// The language the translator worked from (the source language, or `translate_from`).
        public var from: String
        /// Section key → hash of the source section the translation follows.
        public var sections: [String: String]
    }

    public enum Kind: String, Sendable, CaseIterable {
        case pages, questionnaires, strings
    }

    public var pages: [String: Entry] = [:]
    public var questionnaires: [String: Entry] = [:]
    /// Interface strings: one entry, `strings`, keyed by string key.
    public var strings: Entry?

    public static let fileName = ".lotse-sources.yaml"

    static func url(content: URL, language: String) -> URL {
        content.appendingPathComponent(language).appendingPathComponent(fileName)
    }

    /// Reads a language's record; a file that is missing is an empty record,
    /// one that cannot be read is reported and treated as empty.
    static func load(content: URL, contentDisplay: String, language: String, log: DiagnosticLog?) -> SourceRecord {
        let url = url(content: content, language: language)
        guard FileManager.default.fileExists(atPath: url.path) else { return SourceRecord() }
        let display = ContentTree.join(contentDisplay, "\(language)/\(fileName)")
        let log = log ?? DiagnosticLog()
        do {
            let text = try SourceText.read(url, displayPath: display)
            let doc = try YAMLDocument(text: text, path: display)
            var record = SourceRecord()
            for (key, keyNode, value) in doc.entries(doc.root, log: log, what: fileName) {
                switch key {
                case "pages", "questionnaires":
                    for (id, _, item) in doc.entries(value, log: log, what: key) {
                        if let entry = entry(item, doc: doc, log: log) {
                            if key == "pages" { record.pages[id] = entry } else { record.questionnaires[id] = entry }
                        }
                    }
                case "strings":
                    record.strings = entry(value, doc: doc, log: log)
                default:
                    log.warning(at: doc.location(of: keyNode), "unknown key '\(key)' in \(fileName) (known: pages, questionnaires, strings)")
                }
            }
            return record
        } catch {
            log.add(contentsOf: error)
            return SourceRecord()
        }
    }

    private static func entry(_ node: Node, doc: YAMLDocument, log: DiagnosticLog) -> Entry? {
        var entry = Entry(from: "", sections: [:])
        for (key, _, value) in doc.entries(node, log: log, what: "an entry") {
            switch key {
            case "from": entry.from = doc.string(value, log: log, what: "from") ?? ""
            case "sections":
                if value.null != nil { continue }
                for (section, _, hash) in doc.entries(value, log: log, what: "sections") {
                    entry.sections[section] = doc.string(hash, log: log, what: "a hash")
                }
            default: break
            }
        }
        return entry
    }

    /// The YAML text, keys sorted so the file diffs well in git.
    var yaml: String {
        var out = "# Which source version each translation in this folder was made from: a hash per section\n"
        out += "# of the source text. Written by 'lotse translate' and 'lotse po import'; do not edit.\n"
        func write(_ title: String, _ entries: [String: Entry]) {
            guard !entries.isEmpty else { return }
            out += "\(title):\n"
            for (id, entry) in entries.sorted(by: { $0.key < $1.key }) {
                out += "  \(Self.quote(id)):\n"
                writeEntry(entry, indent: "    ")
            }
        }
        func writeEntry(_ entry: Entry, indent: String) {
            out += "\(indent)from: \(Self.quote(entry.from))\n\(indent)sections:\(entry.sections.isEmpty ? " {}" : "")\n"
            for (key, hash) in entry.sections.sorted(by: { $0.key < $1.key }) {
                out += "\(indent)  \(Self.quote(key)): \(hash)\n"
            }
        }
        write("pages", pages)
        write("questionnaires", questionnaires)
        if let strings {
            out += "strings:\n"
            writeEntry(strings, indent: "  ")
        }
        return out
    }

    func save(content: URL, language: String) throws {
        let url = Self.url(content: content, language: language)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(yaml.utf8).write(to: url, options: .atomic)
    }

    subscript(kind: Kind, id: String) -> Entry? {
        get {
            switch kind {
            case .pages: return pages[id]
            case .questionnaires: return questionnaires[id]
            case .strings: return strings
            }
        }
        set {
            switch kind {
            case .pages: pages[id] = newValue
            case .questionnaires: questionnaires[id] = newValue
            case .strings: strings = newValue
            }
        }
    }

    /// A YAML double-quoted scalar (JSON escapes are valid YAML).
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\x%02x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

/// `content/.lotse/sources/<hash>.txt`: every source section text a
/// translation was made from, by its hash, so Lotse can show the translator
/// the old text beside the new one without git. Files are never changed
/// once written (same hash, same text), so they merge without conflicts.
struct SourceStore {
    var folder: URL

    init(content: URL) {
        folder = content.appendingPathComponent(".lotse").appendingPathComponent("sources")
    }

    func text(_ hash: String) -> String? {
        guard hash.allSatisfy({ $0.isHexDigit }) else { return nil }
        return try? String(contentsOf: folder.appendingPathComponent("\(hash).txt"), encoding: .utf8)
    }

    func save(_ sections: [TextSection]) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for section in sections {
            let url = folder.appendingPathComponent("\(section.hash).txt")
            if !FileManager.default.fileExists(atPath: url.path) {
                try Data(section.text.utf8).write(to: url, options: .atomic)
            }
        }
    }
}
