internal import CLibYAML

/// Refuses YAML that would grow far beyond its size once read: aliases that
/// repeat aliases ("billion laughs": a 12-line file can stand for billions
/// of values) and very deep nesting.
///
/// Yams shares an aliased node instead of copying it, but everything that
/// walks the tree (Yams' own duplicate-key check, which hashes whole keys;
/// Lotse's readers; messages that show a value) walks it expanded, so a
/// tiny file could take minutes and gigabytes. This check runs libyaml's
/// event parser over the text before Yams composes it, counting what every
/// alias would repeat, and stops at the alias that goes over the limit, so
/// the error points at the place to change. Syntax errors are left to Yams,
/// which reports them with its own messages.
enum YAMLLimits {
    /// How many values (scalars, lists and mappings) all the aliases of one
    /// file may repeat together. Sharing a condition or a text a few times
    /// needs a few dozen.
    static let maximumRepeatedValues = 2_000
    /// How deep lists and mappings may nest. Lotse's files need five or six levels.
    static let maximumDepth = 64

    struct Problem: Error {
        /// 1-based, in the YAML text.
        var line: Int
        var column: Int
        var message: String
    }

    /// The first limit `text` goes over, or nil.
    static func check(_ text: String) -> Problem? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        return bytes.withUnsafeMutableBufferPointer { buffer -> Problem? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            return scan(&parser)
        }
    }

    /// One list or mapping being read: how many values it holds, expanded.
    private struct Open {
        var anchor: String?
        var size = 1
    }

    private static func scan(_ parser: inout yaml_parser_t) -> Problem? {
        var anchors: [String: Int] = [:]
        var open: [Open] = []
        var repeated = 0
        var event = yaml_event_t()
        func anchorName(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }
        func close(size: Int, anchor: String?) {
            if let anchor { anchors[anchor] = size }
            if !open.isEmpty { open[open.count - 1].size += size }
        }
        while true {
            // A syntax error: Yams reports it when it parses the same text.
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            let column = Int(event.start_mark.column) + 1
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_SCALAR_EVENT:
                close(size: 1, anchor: anchorName(event.data.scalar.anchor))
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let anchor = event.type == YAML_SEQUENCE_START_EVENT
                    ? anchorName(event.data.sequence_start.anchor) : anchorName(event.data.mapping_start.anchor)
                open.append(Open(anchor: anchor))
                if open.count > maximumDepth {
                    return Problem(line: line, column: column,
                                   message: "lists and mappings are nested more than \(maximumDepth) levels deep here; Lotse's files need only a few levels")
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let done = open.removeLast()
                close(size: done.size, anchor: done.anchor)
            case YAML_ALIAS_EVENT:
                let name = anchorName(event.data.alias.anchor) ?? ""
                // An undefined alias is a syntax error Yams reports.
                guard let size = anchors[name] else { return nil }
                repeated += size
                if repeated > maximumRepeatedValues {
                    return Problem(line: line, column: column, message: """
                        the alias *\(name) makes this file too big: with it, its aliases repeat more than \
                        \(maximumRepeatedValues) values (aliases that repeat other aliases grow exponentially). \
                        Write the values out, or use fewer aliases
                        """)
                }
                close(size: size, anchor: nil)
            default:
                break
            }
        }
    }
}
