import Mustache

/// One skeleton for the pages whose models differ only in their `current` flags.
///
/// Why: the language switcher marks the reader's language `current`, and
/// header.mustache shows `{{#current}}…{{/current}}{{^current}}…{{/current}}`
/// for each language, so every language's pages were their own shape: a
/// swift-mustache render for each template in each language (most of making
/// skeletons; issue 10). Instead the templates are read a second time with a
/// marker tag before each `current` section and before its closing tag, the
/// model is rendered twice, once with every `current` flag false and once with
/// every one true, and each language's skeleton is spliced from the two: the
/// body of each `current` section taken from the render where it was shown,
/// or left out.
///
/// That gives what swift-mustache renders for any mix of flags because
/// (``rewrite(_:)`` checks all of it, else nothing is shared): a flag is read
/// only by sections named `current` (no other tag names it), whose bodies
/// hold no `current` section and no partial, so a body renders alike whatever
/// the flags; every object with a `current` key gets the marker keys too, so
/// a marker names the object whose flag its section reads (the stack finds
/// both in the same object); the marker tags stand on lines with text outside
/// tags, where no tag is standalone, so they change no whitespace; and the
/// two renders must agree outside the sections' bodies (``init(falseRender:trueRender:texts:)``).
struct FlagSkeleton {
    /// The key of the flags shared.
    static let flag = "current"
    /// The marker keys: before a `{{#current}}`, before a `{{^current}}`, before their closing tags.
    static let before = "__lotse_flag_section", beforeInverted = "__lotse_flag_inverted", end = "__lotse_flag_end"

    /// A piece of a skeleton: bytes, or a text's slot.
    enum Part {
        case bytes(ArraySlice<UInt8>)
        case slot(text: Int, escaped: Bool)
    }

    /// The parts between the sections (one more than `sections`).
    var outside: [[Part]]
    /// Each section in render order: whether it shows on true, whose flag (the object's number), and its body.
    var sections: [(positive: Bool, object: Int, body: [Part])]

    /// The templates with marker tags around each `current` section (all templates, by name), or
    /// nil when a template has none, or names `current` otherwise, or the markers could change its output.
    static func rewrite(_ templates: [(name: String, text: String, syntax: TemplateSyntax)]) -> [(name: String, text: String)]? {
        var result: [(name: String, text: String)] = []
        var marked = false
        func mentions(_ name: String) -> Bool {
            name.split(separator: ".").contains { $0 == flag } || (name.contains("(") && name.contains(flag)) || name.hasPrefix("__lotse")
        }
        for (name, text, syntax) in templates {
            guard !syntax.setsDelimiters, syntax.problems.isEmpty else { return nil }
            // `{{.}}` may print an object, flag and marker keys included.
            guard !syntax.allNodes().contains(where: { ($0.kind == .variable || $0.kind == .unescaped) && $0.name == "." }) else { return nil }
            let scalars = Array(text.unicodeScalars)
            /// Whether the line around `offset` has a character outside tags other than spaces and tabs.
            func hasText(around offset: Int) -> Bool {
                var start = offset
                while start > 0, scalars[start - 1] != "\n" { start -= 1 }
                var end = offset
                while end < scalars.count, scalars[end] != "\n" { end += 1 }
                var position = start
                while position < end {
                    if let tag = syntax.tagRanges.first(where: { $0.contains(position) }) {
                        position = tag.upperBound
                        continue
                    }
                    if scalars[position] != " ", scalars[position] != "\t", scalars[position] != "\r" { return true }
                    position += 1
                }
                return false
            }
            var inserts: [(offset: Int, tag: String)] = []
            for node in syntax.allNodes() where mentions(node.name) {
                guard node.name == flag, node.kind == .section || node.kind == .inverted, let close = node.closeOffset,
                      hasText(around: node.offset), hasText(around: close) else { return nil }
                var inner = node.children
                while let child = inner.popLast() {
                    guard !mentions(child.name), ![.partial, .dynamicPartial, .parent, .block].contains(child.kind) else { return nil }
                    inner += child.children
                }
                inserts.append((node.offset, "{{\(node.kind == .section ? before : beforeInverted)}}"))
                inserts.append((close, "{{\(end)}}"))
            }
            guard !inserts.isEmpty else {
                result.append((name, text))
                continue
            }
            marked = true
            inserts.sort { $0.offset < $1.offset }
            var rewritten = String.UnicodeScalarView()
            var position = 0
            for (offset, tag) in inserts {
                rewritten.append(contentsOf: scalars[position..<offset])
                rewritten.append(contentsOf: tag.unicodeScalars)
                position = offset
            }
            rewritten.append(contentsOf: scalars[position...])
            result.append((name, String(rewritten)))
        }
        return marked ? result : nil
    }

    /// Splits the two renders (cut at compact markers: texts `0..<texts`, then three per object with a
    /// flag: before a section, before an inverted section, end) at their sections; nil unless they
    /// agree outside the sections' bodies and each body is where the markers say.
    init?(falseRender: TemplateSkeletons.Skeleton, trueRender: TemplateSkeletons.Skeleton, texts: Int) {
        func parts(_ skeleton: TemplateSkeletons.Skeleton) -> [Part] {
            var parts: [Part] = []
            var start = 0
            for (index, slot) in skeleton.slots.enumerated() {
                if skeleton.pieceEnds[index] > start { parts.append(.bytes(skeleton.bytes[start..<skeleton.pieceEnds[index]])) }
                start = skeleton.pieceEnds[index]
                parts.append(.slot(text: slot.text, escaped: slot.escaped))
            }
            if skeleton.bytes.count > start { parts.append(.bytes(skeleton.bytes[start...])) }
            return parts
        }
        /// The render cut at its section markers: parts between them, and each section with its body
        /// (shown where `shown` says the render shows it).
        func split(_ parts: [Part], shown: Bool) -> (outside: [[Part]], sections: [(Bool, Int, [Part])])? {
            var outside: [[Part]] = [[]]
            var sections: [(Bool, Int, [Part])] = []
            var index = 0
            while index < parts.count {
                guard case let .slot(text, _) = parts[index], text >= texts else {
                    outside[outside.count - 1].append(parts[index])
                    index += 1
                    continue
                }
                let object = (text - texts) / 3
                let kind = (text - texts) % 3
                guard kind != 2 else { return nil }
                let positive = kind == 0
                index += 1
                var body: [Part] = []
                if positive == shown {
                    // The body, up to this object's end marker.
                    while true {
                        guard index < parts.count else { return nil }
                        if case let .slot(text, _) = parts[index], text >= texts {
                            guard text == texts + object * 3 + 2 else { return nil }
                            index += 1
                            break
                        }
                        body.append(parts[index])
                        index += 1
                    }
                }
                sections.append((positive, object, body))
                outside.append([])
            }
            return (outside, sections)
        }
        guard let f = split(parts(falseRender), shown: false), let t = split(parts(trueRender), shown: true),
              f.sections.count == t.sections.count, f.outside.count == t.outside.count else { return nil }
        for (a, b) in zip(f.outside, t.outside) where !Self.equal(a, b) { return nil }
        var sections: [(positive: Bool, object: Int, body: [Part])] = []
        for (a, b) in zip(f.sections, t.sections) {
            guard a.0 == b.0, a.1 == b.1 else { return nil }
            sections.append((a.0, a.1, a.0 ? b.2 : a.2))
        }
        outside = f.outside
        self.sections = sections
    }

    private static func equal(_ a: [Part], _ b: [Part]) -> Bool {
        // Bytes may be split differently: compare joined bytes and slots in order.
        func flat(_ parts: [Part]) -> ([UInt8], [(Int, Bool, Int)]) {
            var bytes: [UInt8] = []
            var slots: [(Int, Bool, Int)] = []
            for part in parts {
                switch part {
                case let .bytes(piece): bytes.append(contentsOf: piece)
                case let .slot(text, escaped): slots.append((text, escaped, bytes.count))
                }
            }
            return (bytes, slots)
        }
        let (x, y) = (flat(a), flat(b))
        return x.0 == y.0 && x.1.count == y.1.count && zip(x.1, y.1).allSatisfy { $0 == $1 }
    }

    /// The skeleton for the objects' flags (in the order their objects were numbered).
    func skeleton(flags: [Bool]) -> TemplateSkeletons.Skeleton? {
        var bytes: [UInt8] = []
        var pieceEnds: [Int] = []
        var slots: [(text: Int, escaped: Bool)] = []
        func add(_ parts: [Part]) {
            for part in parts {
                switch part {
                case let .bytes(piece): bytes.append(contentsOf: piece)
                case let .slot(text, escaped):
                    pieceEnds.append(bytes.count)
                    slots.append((text, escaped))
                }
            }
        }
        add(outside[0])
        for (index, section) in sections.enumerated() {
            guard section.object < flags.count else { return nil }
            if flags[section.object] == section.positive { add(section.body) }
            add(outside[index + 1])
        }
        pieceEnds.append(bytes.count)
        return TemplateSkeletons.Skeleton(bytes: bytes, pieceEnds: pieceEnds, slots: slots)
    }
}
