/// Checks a set of templates before anything is rendered with them.
///
/// Each page template is walked with its own view model (``ViewModelKeys``)
/// the way Mustache resolves names: inside `{{#outcomes}}` a name is looked
/// up in the outcome first, then outward. A partial (`{{> footer}}`) is
/// checked with the names in scope where it is included, once per page
/// template that includes it. Also found here: partials that name no
/// template, partials that include themselves (which would never finish
/// rendering), template features a checked set does not allow, and templates
/// nothing uses. `{{s.key}}` tags are collected for the strings check.
struct TemplateCheck {
    struct Template {
        var name: String
        var displayPath: String
        var syntax: TemplateSyntax
    }

    let templates: [String: Template]
    let log: DiagnosticLog
    /// The `s.<key>` strings used anywhere, with the first place each is used.
    private(set) var usedStrings: [String: SourceLocation] = [:]

    /// A name a template uses that its view model does not provide, by the tag's place.
    private struct Missing {
        var name: String
        var location: SourceLocation
        /// The page templates (and where they include the partial) where the name is missing.
        var pages: [String] = []
        var includedFrom: [SourceLocation] = []
        var suggestions: Set<String> = []
    }
    private var missing: [SourceLocation: Missing] = [:]

    init(templates: [String: Template], log: DiagnosticLog) {
        self.templates = templates
        self.log = log
    }

    func location(_ template: Template, _ node: TemplateSyntax.Node) -> SourceLocation {
        SourceLocation(path: template.displayPath, line: node.line, column: node.column)
    }

    /// Runs every check, reporting to the log.
    mutating func run(pages: [String: ViewModelSchema]) {
        checkTags()
        checkCycles()
        for name in pages.keys.sorted() {
            guard let template = templates[name], let schema = pages[name] else { continue }
            walk(template.syntax.nodes, in: template, page: name, stack: [.object(schema)], chain: [name], includedFrom: nil)
        }
        reportMissing()
        checkUnused(pages: Set(pages.keys))
    }

    // MARK: - Tags a checked template set does not allow, and partials naming no template

    private mutating func checkTags() {
        for template in templates.values {
            for node in template.syntax.allNodes() {
                let at = location(template, node)
                switch node.kind {
                case .partial, .parent:
                    if templates[node.name] == nil {
                        let what = node.name.isEmpty ? "a partial tag names no template" : "no template '\(node.name)' for this partial"
                        log.error(at: at, "\(what) (looked for \(ContentTree.join(folder(of: template), "\(node.name.isEmpty ? "<name>" : node.name).mustache")))")
                    }
                case .dynamicPartial:
                    log.error(at: at, "dynamic partials ({{>*\(node.name)}}) are not supported: name the partial, so the templates can be checked")
                case .pragma:
                    log.error(at: at, "{{%\(node.name)}} is not supported: it would change how text is escaped")
                case .variable, .unescaped, .section, .inverted:
                    if node.name.contains("(") {
                        log.error(at: at, "'\(node.name)': transforms are not supported in Lotse templates; the view model provides every text ready to show")
                    }
                case .block:
                    break
                }
            }
        }
    }

    private func folder(of template: Template) -> String {
        let path = template.displayPath
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    // MARK: - Partials that include themselves

    /// A partial that includes itself, directly or through others, would
    /// render forever: report each cycle once, at the tag that closes it.
    private func checkCycles() {
        var reported = Set<String>()
        for start in templates.keys.sorted() {
            // Depth-first search for a path of includes back to `start`.
            var path: [(template: String, tag: SourceLocation)] = []
            var visited = Set<String>()
            func search(_ name: String) -> Bool {
                guard let template = templates[name] else { return false }
                for node in template.syntax.allNodes() where node.kind == .partial || node.kind == .parent {
                    path.append((name, location(template, node)))
                    if node.name == start { return true }
                    if !visited.contains(node.name) {
                        visited.insert(node.name)
                        if search(node.name) { return true }
                    }
                    path.removeLast()
                }
                return false
            }
            guard search(start) else { continue }
            let members = Set(path.map(\.template))
            let key = members.sorted().joined(separator: " ")
            guard reported.insert(key).inserted else { continue }
            let steps = path.map { "{{> \(templateIncluded(at: $0.tag, from: $0.template))}} at \($0.tag)" }
            let message = path.count == 1
                ? "partial '\(start)' includes itself, so it would never finish rendering"
                : "partial '\(start)' includes itself through \(path.dropFirst().map { "'\($0.template)'" }.joined(separator: ", ")), so it would never finish rendering: \(steps.joined(separator: " → "))"
            log.error(at: path[0].tag, message)
        }
    }

    private func templateIncluded(at tag: SourceLocation, from name: String) -> String {
        guard let template = templates[name] else { return "?" }
        return template.syntax.allNodes().first { $0.line == tag.line && $0.column == tag.column }?.name ?? "?"
    }

    // MARK: - Names against the view model

    private enum Scope {
        case object(ViewModelSchema)
        /// A text pushed by `{{#text}}`: it has no names of its own.
        case opaque
    }

    private mutating func walk(_ nodes: [TemplateSyntax.Node], in template: Template, page: String, stack: [Scope],
                               chain: [String], includedFrom: SourceLocation?) {
        for node in nodes {
            let at = location(template, node)
            switch node.kind {
            case .partial, .parent:
                if node.kind == .parent {
                    walk(node.children, in: template, page: page, stack: stack, chain: chain, includedFrom: includedFrom)
                }
                guard let partial = templates[node.name], !chain.contains(node.name) else { continue }
                walk(partial.syntax.nodes, in: partial, page: page, stack: stack, chain: chain + [node.name],
                     includedFrom: includedFrom ?? at)
            case .block:
                walk(node.children, in: template, page: page, stack: stack, chain: chain, includedFrom: includedFrom)
            case .dynamicPartial, .pragma:
                continue
            case .variable, .unescaped, .section, .inverted:
                if node.name.contains("(") { continue }
                let value = resolve(node, at: at, page: page, stack: stack, includedFrom: includedFrom)
                guard node.kind == .section || node.kind == .inverted else { continue }
                var inner = stack
                if node.kind == .section {
                    switch value {
                    case let .list(schema)?, let .object(schema)?, let .objectOrFalse(schema)?: inner.append(.object(schema))
                    case .text?, .html?, .strings?, nil: inner.append(.opaque)
                    case .flag?: break
                    }
                }
                walk(node.children, in: template, page: page, stack: inner, chain: chain, includedFrom: includedFrom)
            }
        }
    }

    /// What `node`'s name stands for where it is used, reporting it when nothing provides it.
    private mutating func resolve(_ node: TemplateSyntax.Node, at: SourceLocation, page: String, stack: [Scope],
                                  includedFrom: SourceLocation?) -> ViewModelSchema.Value? {
        let name = node.name
        if name == "." { return .text }
        let onlyInnermost = name.hasPrefix(".")
        let parts = name.split(separator: ".", omittingEmptySubsequences: true).map(String.init)
        guard let first = parts.first else { return nil }
        var value: ViewModelSchema.Value?
        var searched: [Scope] = []
        for scope in (onlyInnermost ? Array(stack.suffix(1)) : stack.reversed()) {
            searched.append(scope)
            if case let .object(schema) = scope, let found = schema.keys[first] {
                value = found
                break
            }
        }
        guard var current = value else {
            var known = Set<String>()
            for case let .object(schema) in searched { known.formUnion(schema.keys.keys) }
            note(name, at: at, page: page, includedFrom: includedFrom, near: first, known: known)
            return nil
        }
        if case .strings = current {
            guard parts.count == 2 else {
                log.error(at: at, "'\(name)': interface strings are written {{s.key}}")
                return nil
            }
            if usedStrings[parts[1]] == nil || at < usedStrings[parts[1]]! { usedStrings[parts[1]] = at }
            return .text
        }
        for (depth, part) in parts.enumerated().dropFirst() {
            switch current {
            case let .object(schema), let .objectOrFalse(schema):
                guard let next = schema.keys[part] else {
                    note(parts[...depth].joined(separator: "."), at: at, page: page, includedFrom: includedFrom,
                         near: part, known: Set(schema.keys.keys), prefix: parts[..<depth].joined(separator: ".") + ".")
                    return nil
                }
                current = next
            default:
                log.error(at: at, "'\(name)': '\(parts[..<depth].joined(separator: "."))' has no keys of its own")
                return nil
            }
        }
        return current
    }

    private mutating func note(_ name: String, at: SourceLocation, page: String, includedFrom: SourceLocation?,
                               near word: String, known: Set<String>, prefix: String = "") {
        var entry = missing[at] ?? Missing(name: name, location: at)
        if !entry.pages.contains(page) { entry.pages.append(page) }
        if let includedFrom, !entry.includedFrom.contains(includedFrom) { entry.includedFrom.append(includedFrom) }
        if let guess = Self.nearest(word, in: known) { entry.suggestions.insert(prefix + guess) }
        missing[at] = entry
    }

    private func reportMissing() {
        for entry in missing.values {
            var message = "'\(entry.name)' is not in the view model of \(entry.pages.sorted().map { "'\($0)'" }.joined(separator: ", "))"
            if !entry.includedFrom.isEmpty {
                message += " (this partial is included from \(entry.includedFrom.sorted().map(\.description).joined(separator: ", ")))"
            }
            if let guess = entry.suggestions.sorted().first {
                message += "; did you mean '\(guess)'?"
            }
            message += " (docs/templates.md lists each template's keys)"
            log.error(at: entry.location, message)
        }
    }

    /// The known name closest to `word`, if it is close enough to be a typo.
    static func nearest(_ word: String, in known: Set<String>) -> String? {
        let limit = max(1, word.count / 3)
        var best: (String, Int)?
        for candidate in known.sorted() {
            let distance = editDistance(word, candidate)
            if distance <= limit, distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }

    // MARK: - Templates nothing uses

    private func checkUnused(pages: Set<String>) {
        var used = Set<String>()
        var queue = pages.filter { templates[$0] != nil }.sorted()
        while let name = queue.popLast() {
            guard used.insert(name).inserted, let template = templates[name] else { continue }
            for node in template.syntax.allNodes() where node.kind == .partial || node.kind == .parent {
                queue.append(node.name)
            }
        }
        for name in templates.keys.sorted() where !used.contains(name) {
            log.warning(at: SourceLocation(path: templates[name]!.displayPath),
                        "template '\(name)' is not used: it is not a page template (\(pages.sorted().joined(separator: ", "))) and no template includes it with {{> \(name)}}")
        }
    }
}
