import Mustache

/// Templates with a marker tag at the start and at the end of the body of each section over
/// one of a model's long lists, so that a render can be cut into one piece per item
/// (``ListSkeleton``).
///
/// A marker is printed by a variable tag, which swift-mustache never treats as standalone, so
/// it goes where it changes no whitespace: beside a section tag that is not standalone (the
/// lines around it already keep their whitespace), and as a line of its own, a standalone
/// partial (`{{> __lotse_item_begin}}`) that prints the marker, where the section tag is
/// standalone: after the opening tag's line, before the closing tag's. A standalone line that
/// starts where a line starts leaves the parser as it found it (at a line's start), so every
/// other tag is read as before.
///
/// Nothing is rewritten (nil) where that reasoning does not hold: a section whose opening tag is
/// standalone and closing tag not, or the other way round (swift-mustache then reads the next line
/// as if it started, or did not start, a line), indented standalone partials, set delimiters, transforms,
/// pragmas, parents, blocks, dynamic partials, `{{.}}`, a list's name used otherwise than as a
/// plain section or inverted section, names starting with `__lotse`, line ends other than `\n`,
/// a scalar that could join a tag's or a line's edge into another Character, or a marker's characters.
enum ListMarkers {
    static let begin = "__lotse_item_begin", end = "__lotse_item_end"

    /// The library to render `template` with: `base` with the templates it includes (itself too)
    /// rewritten and the two marker partials added; nil where that could change the output.
    static func library(_ templates: [(name: String, text: String, syntax: TemplateSyntax)], template: String,
                        lists: Set<String>, base: MustacheLibrary) -> MustacheLibrary? {
        let byName = Dictionary(templates.map { ($0.name, ($0.text, $0.syntax)) }, uniquingKeysWith: { a, _ in a })
        guard !byName.keys.contains(where: { $0.hasPrefix("__lotse") }) else { return nil }
        // The templates the page reads: itself and the partials it includes, transitively.
        var reachable: Set<String> = [template]
        var queue = [template]
        while let name = queue.popLast() {
            guard let syntax = byName[name]?.1 else { continue }
            for node in syntax.allNodes() where node.kind == .partial && !reachable.contains(node.name) {
                reachable.insert(node.name)
                queue.append(node.name)
            }
        }
        guard byName[template] != nil else { return nil }
        var library = base
        var marked = false
        for name in reachable.sorted() {
            guard let entry = byName[name] else { continue }
            let (text, syntax) = entry
            guard let rewritten = rewrite(text, syntax: syntax, lists: lists) else { return nil }
            guard rewritten != text else { continue }
            marked = true
            guard (try? library.register(rewritten, named: name)) != nil else { return nil }
        }
        guard marked,
              (try? library.register("{{\(begin)}}", named: begin)) != nil,
              (try? library.register("{{\(end)}}", named: end)) != nil else { return nil }
        return library
    }

    /// The template with markers around the bodies of its sections named in `lists`; nil where they could change its output.
    static func rewrite(_ text: String, syntax: TemplateSyntax, lists: Set<String>) -> String? {
        guard !syntax.setsDelimiters, syntax.problems.isEmpty else { return nil }
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar.value {
            case 0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029: return nil
            case 0x01, 0xF0000...: return nil
            case 0x300...:
                // A combining mark (or joiner, or selector) after a tag's brace, a space or a line end would
                // make one Character of the two, which swift-mustache's parser (by Character) reads otherwise.
                if index > 0, "{} \t\n".unicodeScalars.contains(scalars[index - 1]) { return nil }
            default: break
            }
        }
        // A tag over several lines would make lines other than the text's.
        for range in syntax.tagRanges where scalars[range].contains("\n") { return nil }
        var inserts: [(offset: Int, order: Int, tag: String)] = []
        /// Whether every section's opening and closing tags are both standalone or both not (see below).
        var matched = true
        for node in syntax.allNodes() {
            switch node.kind {
            case .dynamicPartial, .parent, .block, .pragma: return nil
            case .partial:
                if node.name.hasPrefix("__lotse") { return nil }
                // An indented standalone partial indents what it prints, depending on what came before.
                guard let tag = syntax.tagRanges.first(where: { $0.lowerBound == node.offset }),
                      let alone = standalone(tag, in: scalars) else { return nil }
                if alone != nil, lineStart(tag.lowerBound, in: scalars) != tag.lowerBound { return nil }
                continue
            case .variable, .unescaped, .section, .inverted: break
            }
            if node.name.contains("(") { return nil }
            if node.kind == .section || node.kind == .inverted {
                // swift-mustache reads the line after a section as its opening tag left it: a line start
                // where it was standalone (even after a closing tag that was not), else not. Where both
                // tags agree, every tag is standalone exactly when its line holds only it and spaces.
                guard let open = syntax.tagRanges.first(where: { $0.lowerBound == node.offset }),
                      let closeOffset = node.closeOffset,
                      let close = syntax.tagRanges.first(where: { $0.lowerBound == closeOffset }),
                      let a = standalone(open, in: scalars), let b = standalone(close, in: scalars) else { return nil }
                if (a == nil) != (b == nil) { matched = false }
            }
            if node.name == ".", node.kind == .variable || node.kind == .unescaped { return nil }
            let parts = node.name.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.contains(where: { lists.contains(String($0)) || $0.hasPrefix("__lotse") }) else { continue }
            guard lists.contains(node.name), node.kind == .section || node.kind == .inverted else { return nil }
            guard node.kind == .section else { continue }
            guard let open = syntax.tagRanges.first(where: { $0.lowerBound == node.offset }),
                  let closeOffset = node.closeOffset,
                  let close = syntax.tagRanges.first(where: { $0.lowerBound == closeOffset }) else { return nil }
            switch standalone(open, in: scalars) {
            case nil: return nil
            case let lineEnd?? :
                // After the opening tag's line (it cannot end the template: its section is closed after it).
                guard lineEnd < scalars.count else { return nil }
                inserts.append((lineEnd + 1, inserts.count, "{{> \(begin)}}\n"))
            case .some(.none):
                inserts.append((open.upperBound, inserts.count, "{{\(begin)}}"))
            }
            switch standalone(close, in: scalars) {
            case nil: return nil
            case .some(.some):
                inserts.append((lineStart(close.lowerBound, in: scalars), inserts.count, "{{> \(end)}}\n"))
            case .some(.none):
                inserts.append((close.lowerBound, inserts.count, "{{\(end)}}"))
            }
        }
        guard !inserts.isEmpty else { return text }
        guard matched else { return nil }
        inserts.sort { ($0.offset, $0.order) < ($1.offset, $1.order) }
        var rewritten = String.UnicodeScalarView()
        var position = 0
        for (offset, _, tag) in inserts {
            rewritten.append(contentsOf: scalars[position..<offset])
            rewritten.append(contentsOf: tag.unicodeScalars)
            position = offset
        }
        rewritten.append(contentsOf: scalars[position...])
        return String(rewritten)
    }

    private static func lineStart(_ offset: Int, in scalars: [Unicode.Scalar]) -> Int {
        var start = offset
        while start > 0, scalars[start - 1] != "\n" { start -= 1 }
        return start
    }

    /// Whether swift-mustache reads the tag at `range` as standalone: .some(where its line's `\n` is, or the
    /// template's end) if so, .some(nil) if not; nil where a line of spaces after it ends the template
    /// (swift-mustache's reading of that case is not relied on).
    private static func standalone(_ range: Range<Int>, in scalars: [Unicode.Scalar]) -> Int?? {
        let start = lineStart(range.lowerBound, in: scalars)
        guard scalars[start..<range.lowerBound].allSatisfy({ $0 == " " || $0 == "\t" }) else { return .some(nil) }
        var end = range.upperBound
        if end == scalars.count { return .some(end) }
        while end < scalars.count, scalars[end] == " " || scalars[end] == "\t" { end += 1 }
        if end == scalars.count { return nil }
        return scalars[end] == "\n" ? .some(end) : .some(nil)
    }
}
