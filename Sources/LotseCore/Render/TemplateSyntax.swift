/// The tags of a Mustache template as a tree, with the line and column of each.
///
/// swift-mustache parses templates for rendering but keeps no positions, so
/// the checks (view model keys, partials, cycles) read the template again
/// here. The reading follows swift-mustache's: the same tag kinds, and
/// set-delimiter tags (`{{=<% %>=}}`) change the delimiters for the rest of
/// the template. It runs once over the text (linear in its length), so a
/// template with hundreds of thousands of tags loads quickly.
struct TemplateSyntax {
    enum Kind: Equatable {
        /// `{{name}}`
        case variable
        /// `{{{name}}}` or `{{&name}}`
        case unescaped
        /// `{{#name}}…{{/name}}`
        case section
        /// `{{^name}}…{{/name}}`
        case inverted
        /// `{{> name}}`
        case partial
        /// `{{>*name}}`: a partial named by the view model.
        case dynamicPartial
        /// `{{<parent}}…{{/parent}}`: a partial with blocks replaced.
        case parent
        /// `{{$block}}…{{/block}}`
        case block
        /// `{{%CONTENT_TYPE:…}}`
        case pragma
    }

    struct Node {
        var kind: Kind
        var name: String
        var line: Int
        var column: Int
        /// The tags inside a section, parent or block.
        var children: [Node] = []
        /// Where the tag starts in the template's Unicode scalars, and where its closing tag starts (sections).
        var offset = 0
        var closeOffset: Int?
    }

    /// A problem in the structure of the tags (an unclosed section, a close
    /// tag naming another section), with its position.
    struct Problem: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    var nodes: [Node] = []
    var problems: [Problem] = []
    /// Every tag's place in the template's Unicode scalars (comments, closing and set-delimiter tags too).
    var tagRanges: [Range<Int>] = []
    /// Whether a set-delimiter tag (`{{=<% %>=}}`) changes the delimiters.
    var setsDelimiters = false

    init(_ text: String) {
        var scanner = Scanner(Array(text.unicodeScalars))
        var stack: [Node] = []
        var top: [Node] = []
        func append(_ node: Node) {
            if stack.isEmpty { top.append(node) } else { stack[stack.count - 1].children.append(node) }
        }
        while let tag = scanner.nextTag() {
            tagRanges.append(tag.offset..<tag.end)
            if tag.setsDelimiters { setsDelimiters = true }
            switch tag.kind {
            case nil:
                continue
            case .close:
                guard var open = stack.popLast() else {
                    problems.append(Problem(line: tag.line, column: tag.column,
                                            message: "{{/\(tag.name)}} closes a section that was never opened"))
                    continue
                }
                if open.name != tag.name {
                    problems.append(Problem(line: tag.line, column: tag.column,
                                            message: "{{/\(tag.name)}} does not close '\(open.name)', opened at \(open.line):\(open.column)"))
                }
                open.closeOffset = tag.offset
                append(open)
            case let .node(kind):
                let node = Node(kind: kind, name: tag.name, line: tag.line, column: tag.column, offset: tag.offset)
                switch kind {
                case .section, .inverted, .parent, .block: stack.append(node)
                default: append(node)
                }
            }
        }
        if let unclosed = scanner.unclosed {
            problems.append(Problem(line: unclosed.line, column: unclosed.column, message: unclosed.message))
        }
        while let open = stack.popLast() {
            problems.append(Problem(line: open.line, column: open.column,
                                    message: "section '\(open.name)' is never closed (add {{/\(open.name)}})"))
            append(open)
        }
        nodes = top
    }

    /// Every node, depth first.
    func allNodes() -> [Node] {
        var result: [Node] = []
        func walk(_ nodes: [Node]) {
            for node in nodes {
                result.append(node)
                walk(node.children)
            }
        }
        walk(nodes)
        return result
    }

    /// Reads tags one after another, keeping the line and column as it goes.
    private struct Scanner {
        enum TagKind {
            case node(Kind)
            case close
        }

        struct Tag {
            /// nil for comments and set-delimiter tags.
            var kind: TagKind?
            var name: String
            var line: Int
            var column: Int
            /// The tag's place in the text (its delimiters included).
            var offset = 0
            var end = 0
            var setsDelimiters = false
        }

        let text: [Unicode.Scalar]
        var index = 0
        var line = 1
        var column = 1
        /// Where `line` and `column` were counted up to.
        private var counted = 0
        var open: [Unicode.Scalar] = ["{", "{"]
        var close: [Unicode.Scalar] = ["}", "}"]
        /// A tag with no closing delimiter.
        var unclosed: Problem?

        init(_ text: [Unicode.Scalar]) {
            self.text = text
        }

        /// Moves the line and column forward to `target`.
        private mutating func count(to target: Int) {
            while counted < target {
                if text[counted] == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                counted += 1
            }
        }

        private func matches(_ delimiter: [Unicode.Scalar], at position: Int) -> Bool {
            guard position + delimiter.count <= text.count else { return false }
            for (offset, scalar) in delimiter.enumerated() where text[position + offset] != scalar { return false }
            return true
        }

        private func find(_ delimiter: [Unicode.Scalar], from start: Int) -> Int? {
            guard let first = delimiter.first else { return nil }
            var position = start
            while position < text.count {
                if text[position] == first, matches(delimiter, at: position) { return position }
                position += 1
            }
            return nil
        }

        private func string(_ range: Range<Int>) -> String {
            var result = String.UnicodeScalarView()
            result.append(contentsOf: text[range])
            return String(result).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        mutating func nextTag() -> Tag? {
            guard unclosed == nil, let start = find(open, from: index) else { return nil }
            count(to: start)
            let tagLine = line
            let tagColumn = column
            var inner = start + open.count
            guard inner < text.count else {
                unclosed = Problem(line: tagLine, column: tagColumn, message: "tag is not closed with \(String(String.UnicodeScalarView(close)))")
                return nil
            }
            let sigil = text[inner]
            var closing = close
            if sigil == "{" { closing = ["}"] + close }
            if "#^/!&>$<=%{".unicodeScalars.contains(sigil) { inner += 1 }
            guard let end = find(closing, from: inner) else {
                unclosed = Problem(line: tagLine, column: tagColumn, message: "tag is not closed with \(String(String.UnicodeScalarView(closing)))")
                return nil
            }
            index = end + closing.count
            let content = string(inner..<end)
            var tag = Tag(kind: nil, name: content, line: tagLine, column: tagColumn, offset: start, end: index)
            switch sigil {
            case "#": tag.kind = .node(.section)
            case "^": tag.kind = .node(.inverted)
            case "/": tag.kind = .close
            case "!": tag.kind = nil
            case "{", "&": tag.kind = .node(.unescaped)
            case ">":
                if content.hasPrefix("*") {
                    tag.kind = .node(.dynamicPartial)
                    tag.name = String(content.dropFirst()).trimmingCharacters(in: .whitespaces)
                } else {
                    tag.kind = .node(.partial)
                }
            case "<": tag.kind = .node(.parent)
            case "$": tag.kind = .node(.block)
            case "%": tag.kind = .node(.pragma)
            case "=":
                // `{{=<% %>=}}`: the new opening and closing delimiters.
                var spec = content
                if spec.hasSuffix("=") { spec.removeLast() }
                let parts = spec.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
                tag.setsDelimiters = true
                if parts.count == 2 {
                    open = Array(parts[0].unicodeScalars)
                    close = Array(parts[1].unicodeScalars)
                }
            default: tag.kind = .node(.variable)
            }
            return tag
        }
    }
}
