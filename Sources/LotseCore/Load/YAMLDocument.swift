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
        do {
            // Naming the encoding spares Yams a look at the environment on every parse.
            self.root = try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch let error as YamlError {
            throw LotseError(at: Self.location(of: error, path: path, lineOffset: lineOffset),
                             "invalid YAML: \(Self.problem(of: error))")
        } catch {
            throw LotseError(at: SourceLocation(path: path, line: lineOffset + 1), "invalid YAML: \(error)")
        }
    }

    func location(of node: Node) -> SourceLocation {
        location(of: node.mark)
    }

    func location(of mark: Mark?) -> SourceLocation {
        guard let mark else { return SourceLocation(path: path, line: lineOffset + 1) }
        return SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
    }

    var start: SourceLocation { SourceLocation(path: path, line: lineOffset + 1) }

    private static func location(of error: YamlError, path: String, lineOffset: Int) -> SourceLocation {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
        case let .duplicatedKeysInMapping(_, context):
            return SourceLocation(path: path, line: context.mark.line + lineOffset, column: context.mark.column)
        default:
            return SourceLocation(path: path, line: lineOffset + 1)
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _),
             let .composer(context, problem, _, _):
            if let context { return "\(problem) \(context.text)" }
            return problem
        case let .duplicatedKeysInMapping(duplicates, _):
            return "duplicate keys: \(duplicates.joined(separator: ", "))"
        case let .reader(problem, _, _, _):
            return problem
        default:
            return "\(error)"
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
        return mapping.map { pair in (pair.key.string ?? "\(pair.key)", pair.key, pair.value) }
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

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
