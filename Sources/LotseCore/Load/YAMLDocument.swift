import Yams

/// A YAML text parsed with Yams, remembering which file (and which line of
/// that file) it came from, so every node can say where it stands.
struct YAMLDocument {
    let root: Node?
    let path: String
    /// Lines before the YAML text in its file (the front matter's `---` line).
    let lineOffset: Int

    /// Parses `text`; a syntax error becomes a ``LotseError`` pointing at the
    /// line in the whole file, not in the front-matter block.
    init(text: String, path: String, lineOffset: Int = 0) throws(LotseError) {
        self.path = path
        self.lineOffset = lineOffset
        if let problem = YAMLLimits.check(text) {
            throw LotseError(at: SourceLocation(path: path, line: problem.line + lineOffset, column: problem.column), problem.message)
        }
        do {
            // Naming the encoding spares Yams a look at the environment on every parse. The basic resolver
            // (``YAMLDocument/resolver``): Lotse reads every scalar as text and converts it itself.
            self.root = try Yams.compose(yaml: text, Self.resolver, .default, .utf8)
        } catch let error as YamlError {
            throw Self.syntaxError(error, text: text, path: path, lineOffset: lineOffset)
        } catch {
            throw LotseError(at: SourceLocation(path: path, line: lineOffset + 1), "invalid YAML: \(error)")
        }
    }

    /// How Yams tags plain scalars: all as text. Lotse converts values itself
    /// (``int(_:log:what:)``, ``bool(_:log:what:)``) and never asks Yams for a
    /// tag, so the default resolver's regular expressions (ICU's, through
    /// Foundation) served only Yams' check for duplicate keys, which hashes
    /// every key with its tag: 1 % of a 10,000-page build and ICU's regular
    /// expression code in memory (issue 10). Keys are now compared as text,
    /// as Lotse reads them: `yes:` and `'yes':` in one mapping are the same key.
    static let resolver = Resolver.basic

    func location(of node: Node) -> SourceLocation {
        location(of: node.mark)
    }

    func location(of mark: Mark?) -> SourceLocation {
        guard let mark else { return SourceLocation(path: path, line: lineOffset + 1) }
        return SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
    }

    var start: SourceLocation { SourceLocation(path: path, line: lineOffset + 1) }

    /// A syntax error at the line of the mistake, with a hint for the common ones (see ``YAMLSyntaxHint``).
    private static func syntaxError(_ error: YamlError, text: String, path: String, lineOffset: Int) -> LotseError {
        func at(_ line: Int, _ column: Int) -> SourceLocation {
            SourceLocation(path: path, line: line + lineOffset, column: column)
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let hint = YAMLSyntaxHint(problem: problem, context: context?.text,
                                      contextMark: context.map { ($0.mark.line, $0.mark.column) },
                                      mark: (mark.line, mark.column), text: text)
            return LotseError(at: at(hint.line, hint.column), "invalid YAML: \(hint.message)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return LotseError(at: at(context.mark.line, context.mark.column),
                              "invalid YAML: the key \(keys) is written more than once in the same mapping (first here); keep one")
        case let .reader(problem, _, _, _):
            return LotseError(at: at(1, 1), "invalid YAML: \(problem)")
        default:
            return LotseError(at: at(1, 1), "invalid YAML: \(error)")
        }
    }
}

/// Reading typed values out of YAML nodes, reporting wrong types with positions.
extension YAMLDocument {
    /// The entries of a mapping in file order, keys as strings.
    func entries(_ node: Node?, log: DiagnosticLog, what: String) -> [(key: String, keyNode: Node, value: Node)] {
        guard let node else { return [] }
        guard case let .mapping(mapping) = node else {
            log.error(at: location(of: node), "\(what) must be a mapping of keys to values")
            return []
        }
        return mapping.map { pair in (Self.keyText(pair.key), pair.key, pair.value) }
    }

    /// A key as text: a scalar as written; a list or mapping used as a key
    /// (never meaningful in Lotse's files) in short flow style, `[a, b]`,
    /// so messages stay readable however large the key is.
    static func keyText(_ node: Node) -> String {
        if let string = node.string { return string }
        var text = ""
        appendFlow(node, to: &text, budget: 60)
        return text
    }

    private static func appendFlow(_ node: Node, to text: inout String, budget: Int) {
        guard text.count < budget else { return }
        switch node {
        case let .scalar(scalar):
            let value = scalar.string
            text += value.count > 20 ? String(value.prefix(19)) + "…" : value
        case let .sequence(sequence):
            text += "["
            for (index, item) in sequence.enumerated() {
                if text.count >= budget { text += "…"; break }
                if index > 0 { text += ", " }
                appendFlow(item, to: &text, budget: budget)
            }
            text += "]"
        case let .mapping(mapping):
            text += "{"
            for (index, pair) in mapping.enumerated() {
                if text.count >= budget { text += "…"; break }
                if index > 0 { text += ", " }
                appendFlow(pair.key, to: &text, budget: budget)
                text += ": "
                appendFlow(pair.value, to: &text, budget: budget)
            }
            text += "}"
        case .alias:
            text += "*"
        }
    }

    /// Warns about a key the format does not know, suggesting the nearest
    /// known one ("did you mean 'opening_hours'?") and listing them all.
    ///
    /// - Parameters:
    ///   - what: the kind of name (`key`, `front matter key`).
    ///   - shown: the key as the message shows it (`office.phon`), if not `key`.
    ///   - place: where it is (`site.yaml`, `question 'status'`), or nil.
    func warnUnknownKey(_ key: String, at keyNode: Node, what: String = "key", shown: String? = nil, in place: String?,
                        known: [String], note: String = "", log: DiagnosticLog) {
        log.warning(at: location(of: keyNode),
                    "unknown \(what) '\(shown ?? key)'\(place.map { " in \($0)" } ?? "")\(Suggestion.didYouMean(key, in: known))\(note) (known: \(known.joined(separator: ", ")))")
    }

    func string(_ node: Node?, log: DiagnosticLog, what: String) -> String? {
        guard let node else { return nil }
        guard case let .scalar(scalar) = node else {
            log.error(at: location(of: node), "\(what) must be text")
            return nil
        }
        return scalar.string
    }

    func int(_ node: Node?, log: DiagnosticLog, what: String) -> Int? {
        guard let node else { return nil }
        guard case let .scalar(scalar) = node, let value = Int(scalar.string.trimmingWhitespace) else {
            log.error(at: location(of: node), "\(what) must be a whole number")
            return nil
        }
        return value
    }

    func bool(_ node: Node?, log: DiagnosticLog, what: String) -> Bool? {
        guard let node else { return nil }
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            log.error(at: location(of: node), "\(what) must be true or false")
            return nil
        }
    }

    func sequence(_ node: Node?, log: DiagnosticLog, what: String) -> [Node] {
        guard let node else { return [] }
        guard case let .sequence(sequence) = node else {
            log.error(at: location(of: node), "\(what) must be a list")
            return []
        }
        return Array(sequence)
    }
}
