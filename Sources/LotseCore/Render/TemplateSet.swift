import Foundation
import Mustache

/// The Mustache templates of `templates/`, loaded once and checked.
///
/// Mustache is logic-less and renders a missing key as nothing, so a typo in
/// a template would silently drop text. Every tag is therefore checked at
/// load time: against the names the view models provide (``ViewModelKeys``),
/// and `s.<key>` against the interface strings.
struct TemplateSet: Sendable {
    /// Templates every site needs; partials may be added freely.
    static let required = ["root", "home", "page", "404", "questionnaire", "question", "result", "proofing"]

    let library: MustacheLibrary
    /// The `s.<key>` strings used anywhere, with the first place each is used.
    let usedStrings: [String: SourceLocation]
    /// The stylesheet, copied to the site as `style.css`.
    let css: String

    static func load(from folder: URL, displayPath: String, log: DiagnosticLog) -> TemplateSet? {
        var library = MustacheLibrary()
        var used: [String: SourceLocation] = [:]
        var names = Set<String>()
        var ok = true
        for file in ContentTree.files(in: folder, displayPrefix: displayPath)
        where file.relativePath.hasSuffix(".mustache") && !file.relativePath.contains("/") {
            let name = String(file.relativePath.dropLast(".mustache".count))
            do {
                let text = try SourceText.read(file)
                for tag in tags(in: text) {
                    let location = SourceLocation(path: file.displayPath, line: tag.line, column: tag.column)
                    check(tag, at: location, used: &used, log: log)
                }
                do {
                    try library.register(text, named: name)
                    names.insert(name)
                } catch {
                    log.error(at: SourceLocation(path: file.displayPath), "template does not parse: \(error)")
                    ok = false
                }
            } catch {
                log.add(contentsOf: error)
                ok = false
            }
        }
        for name in required where !names.contains(name) {
            log.error(at: SourceLocation(path: ContentTree.join(displayPath, "\(name).mustache")), "template is missing")
            ok = false
        }
        var css = ""
        do {
            css = try SourceText.read(in: folder, "style.css", displayPath: ContentTree.join(displayPath, "style.css"))
        } catch {
            log.add(contentsOf: error)
            ok = false
        }
        return ok ? TemplateSet(library: library, usedStrings: used, css: css) : nil
    }

    func render(_ model: [String: Any], template: String) -> String {
        library.render(model, withTemplate: template) ?? ""
    }

    struct Tag {
        var kind: Character?
        var name: String
        var line: Int
        var column: Int
    }

    /// The tags of a template with their positions (`{{name}}`, `{{{name}}}`,
    /// `{{#name}}`, `{{^name}}`, `{{/name}}`, `{{&name}}`, `{{> partial}}`).
    static func tags(in text: String) -> [Tag] {
        var tags: [Tag] = []
        var line = 1
        var column = 1
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            for ch in rest[..<open.lowerBound] {
                if ch == "\n" { line += 1; column = 1 } else { column += 1 }
            }
            let tagLine = line
            let tagColumn = column
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            var inner = rest[open.upperBound..<close.lowerBound]
            var end = close.upperBound
            if inner.hasPrefix("{") {
                inner = inner.dropFirst()
                if rest[end...].hasPrefix("}") { end = rest.index(after: end) }
            }
            var content = inner.trimmingCharacters(in: .whitespaces)
            var kind: Character?
            if let first = content.first, "#^/&>!=<$".contains(first) {
                kind = first
                content = String(content.dropFirst()).trimmingCharacters(in: .whitespaces)
            }
            tags.append(Tag(kind: kind, name: content, line: tagLine, column: tagColumn))
            for ch in rest[open.lowerBound..<end] {
                if ch == "\n" { line += 1; column = 1 } else { column += 1 }
            }
            rest = rest[end...]
        }
        return tags
    }

    private static func check(_ tag: Tag, at location: SourceLocation, used: inout [String: SourceLocation], log: DiagnosticLog) {
        switch tag.kind {
        case "!", ">", "=", "/": return
        default: break
        }
        if tag.name == "." { return }
        let parts = tag.name.split(separator: ".").map(String.init)
        if parts.first == "s" {
            guard parts.count == 2 else {
                log.error(at: location, "'\(tag.name)': interface strings are written {{s.key}}")
                return
            }
            if used[parts[1]] == nil { used[parts[1]] = location }
            return
        }
        guard let first = parts.first, ViewModelKeys.all.contains(first) else {
            log.error(at: location, "template uses '\(tag.name)', which no page provides (known: \(ViewModelKeys.all.sorted().joined(separator: ", ")))")
            return
        }
    }
}
