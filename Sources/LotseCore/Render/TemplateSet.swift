import Foundation
import Mustache

/// The Mustache templates of a templates folder, loaded once and checked.
///
/// Mustache is logic-less and renders a missing key as nothing, so a typo in
/// a template would silently drop text. Every template is therefore read
/// twice at load time: by swift-mustache, whose syntax errors are reported at
/// the template's line and column, and by ``TemplateSyntax``, whose tags
/// ``TemplateCheck`` checks against each page template's own view model
/// (``ViewModelKeys``), the partials they include, and `s.<key>` against the
/// interface strings.
struct TemplateSet: Sendable {
    /// The page templates every site needs; partials may be added freely.
    static var required: [String] { ViewModelKeys.byTemplate.keys.filter { !ViewModelKeys.optional.contains($0) }.sorted() }
    /// Limits per template file; the default templates have under 100 tags and 4 KB each.
    static let maxTags = 2_000
    static let maxBytes = 256 * 1024

    let library: MustacheLibrary
    /// The `s.<key>` strings used anywhere, with the first place each is used.
    let usedStrings: [String: SourceLocation]
    /// The stylesheet, copied to the site as `style.css`.
    let css: String
    /// Renders pages of one shape from one swift-mustache render; nil when the
    /// templates use features that read texts (see ``TemplateSkeletons/isUsable(_:)``).
    var skeletons: TemplateSkeletons?
    /// Renders the translation status page from one swift-mustache render of a small model; nil
    /// where its templates do not allow that (``ListMarkers``) or there is no status template.
    var statusSkeleton: ListSkeleton?
    /// Sees every view model rendered (for the tests that keep schemas and renderer in step).
    var recorder: ViewModelRecorder?
    /// `leaflet.css`: copied to the site as `leaflet.css` and linked from every leaflet, inline in
    /// `lotse leaflet`'s single file (empty when the templates have none).
    var leafletCSS = ""

    static func load(from folder: URL, displayPath: String, log: DiagnosticLog) -> TemplateSet? {
        var library = MustacheLibrary()
        var checked: [String: TemplateCheck.Template] = [:]
        var texts: [(text: String, syntax: TemplateSyntax)] = []
        var names: [String] = []
        var present = Set<String>()
        var ok = true
        for file in ContentTree.files(in: folder, displayPrefix: displayPath)
        where file.relativePath.hasSuffix(".mustache") && !file.relativePath.contains("/") {
            let name = String(file.relativePath.dropLast(".mustache".count))
            present.insert(name)
            let text: String
            do {
                text = try SourceText.read(file)
            } catch {
                log.add(contentsOf: error)
                ok = false
                continue
            }
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                log.error(at: SourceLocation(path: file.displayPath),
                          "template is empty\(ViewModelKeys.byTemplate[name] != nil ? ", so every page made with it would be empty" : "; delete it and its {{> \(name)}} tags if it is not needed")")
                ok = false
                continue
            }
            let syntax = TemplateSyntax(text)
            let tagCount = syntax.allNodes().count
            if tagCount > maxTags || text.utf8.count > maxBytes {
                // swift-mustache's parser takes time growing with the square of the
                // template's length (about 14 s for 16,000 tags): refuse before it hangs.
                log.error(at: SourceLocation(path: file.displayPath),
                          "template is too large (\(tagCount) tags, \(text.utf8.count / 1024) KB; at most \(maxTags) tags and \(maxBytes / 1024) KB per template): split it into partials")
                ok = false
                continue
            }
            do {
                try library.register(text, named: name)
            } catch {
                // Prefer our own reading of the structure: it names the section's opening tag.
                if let problem = syntax.problems.first {
                    log.error(at: SourceLocation(path: file.displayPath, line: problem.line, column: problem.column),
                              "template does not parse: \(problem.message)")
                } else {
                    log.error(at: mustacheErrorLocation(error, path: file.displayPath),
                              "template does not parse: \(mustacheErrorMessage(error))")
                }
                ok = false
                continue
            }
            for problem in syntax.problems {
                log.error(at: SourceLocation(path: file.displayPath, line: problem.line, column: problem.column),
                          "template does not parse: \(problem.message)")
                ok = false
            }
            checked[name] = TemplateCheck.Template(name: name, displayPath: file.displayPath, syntax: syntax)
            texts.append((text, syntax))
            names.append(name)
        }
        for name in required where !present.contains(name) {
            log.error(at: SourceLocation(path: ContentTree.join(displayPath, "\(name).mustache")),
                      "template is missing (a templates folder holds every page template; 'lotse templates export DIR' writes the defaults)")
            ok = false
        }
        // Its errors stop the build before anything is rendered; the strings used are still checked.
        var check = TemplateCheck(templates: checked, log: log)
        check.run(pages: ViewModelKeys.byTemplate.filter { checked[$0.key] != nil })
        var css = ""
        do {
            css = try SourceText.read(in: folder, "style.css", displayPath: ContentTree.join(displayPath, "style.css"))
        } catch {
            log.add(contentsOf: error)
            ok = false
        }
        let leafletCSS = (try? SourceText.read(folder.appendingPathComponent("leaflet.css"),
                                               displayPath: ContentTree.join(displayPath, "leaflet.css"))) ?? ""
        // Templates exported before leaflets linked their print styles inline them in a <style>,
        // which the site's Content-Security-Policy refuses: say so instead of printing unstyled.
        if !leafletCSS.isEmpty, present.contains("leaflet"), !texts.contains(where: { $0.text.contains("leaflet_css_href") }) {
            log.warning(at: SourceLocation(path: ContentTree.join(displayPath, "leaflet.mustache")),
                        "leaflets do not link their print styles: add <link rel=\"stylesheet\" href=\"{{leaflet_css_href}}\"> to the head (the site's Content-Security-Policy refuses inline styles, so {{{leaflet_css}}} in a <style> only works in 'lotse leaflet''s single file; see docs/hosting.md)")
        }
        let skeletons = TemplateSkeletons.isUsable(texts)
            ? TemplateSkeletons(numbersAreTexts: TemplateSkeletons.hasNoTransforms(texts),
                                templatesLackMarkers: TemplateSkeletons.lackMarkers(texts),
                                flagLibrary: TemplateSkeletons.flagLibrary(zip(names, texts).map { ($0, $1.text, $1.syntax) },
                                                                           base: library)) : nil
        let statusSkeleton = skeletons == nil || !present.contains("status") ? nil
            : ListMarkers.library(zip(names, texts).map { ($0, $1.text, $1.syntax) }, template: "status",
                                  lists: RenderContext.statusLists, base: library)
            .map { ListSkeleton(lists: RenderContext.statusLists, library: $0, template: "status") }
        return ok ? TemplateSet(library: library, usedStrings: check.usedStrings, css: css, skeletons: skeletons,
                                statusSkeleton: statusSkeleton, leafletCSS: leafletCSS) : nil
    }

    /// Where swift-mustache stopped reading (its lines and columns start at 1 too).
    static func mustacheErrorLocation(_ error: any Error, path: String) -> SourceLocation {
        guard let error = error as? MustacheTemplate.ParserError else { return SourceLocation(path: path) }
        return SourceLocation(path: path, line: error.context.lineNumber, column: error.context.columnNumber)
    }

    static func mustacheErrorMessage(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.ParserError else { return "\(error)" }
        switch error.error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "this closing tag does not match the section it closes"
        case .unfinishedName?: return "a tag is not closed, or its name has characters Mustache does not allow (letters, digits, '.', '-', '_')"
        case .expectedSectionEnd?: return "a section is never closed"
        case .invalidSetDelimiter?: return "a set-delimiter tag must look like {{=<% %>=}}"
        case .transformAppliedToInheritanceSection?: return "a block ({{$name}}) cannot have a transform"
        case .illegalTokenInsideInheritSection?, .textInsideInheritSection?:
            return "inside {{<parent}}…{{/parent}} only blocks ({{$name}}…{{/name}}) may appear"
        case .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?: return "this {{%…}} tag is not understood"
        case nil: return "\(error.error)"
        }
    }

    /// Optional templates (glossary, status) are rendered only when the folder has them.
    func has(_ name: String) -> Bool {
        library.getTemplate(named: name) != nil
    }

    func render(_ model: [String: Any], template: String) -> String {
        recorder?.record(model, template: template)
        if let skeletons { return skeletons.render(model, template: template, library: library) }
        return library.render(model, withTemplate: template) ?? ""
    }

    /// ``render(_:template:)`` as UTF-8 bytes, for a file (``OutputFile/init(path:utf8:)``).
    func renderBytes(_ model: [String: Any], template: String) -> [UInt8] {
        recorder?.record(model, template: template)
        if let skeletons { return skeletons.renderBytes(model, template: template, library: library) }
        return Array((library.render(model, withTemplate: template) ?? "").utf8)
    }

    /// ``render(_:template:)`` of a ``ViewModel``: the same bytes as of its ``ViewModel/dictionary``.
    func render(_ model: ViewModel, template: String) -> String {
        recorder?.record(model.dictionary, template: template)
        if let skeletons { return skeletons.render(model, template: template, library: library) }
        return library.render(model.dictionary, withTemplate: template) ?? ""
    }

    /// ``renderBytes(_:template:)`` of a ``ViewModel``.
    func renderBytes(_ model: ViewModel, template: String) -> [UInt8] {
        recorder?.record(model.dictionary, template: template)
        if let skeletons { return skeletons.renderBytes(model, template: template, library: library) }
        return Array((library.render(model.dictionary, withTemplate: template) ?? "").utf8)
    }

    /// ``renderOnce(_:template:)`` of a ``ViewModel``.
    func renderOnce(_ model: ViewModel, template: String) -> String {
        renderOnce(model.dictionary, template: template)
    }

    /// Renders a page of which a build makes one (the translation status page) with
    /// swift-mustache alone: the same bytes as ``render(_:template:)``, without a
    /// skeleton made and kept for one page (at 10,000 pages the status page's
    /// took 6 MB to make and 3 MB to keep, at the start of rendering; issue 10).
    func renderOnce(_ model: [String: Any], template: String) -> String {
        recorder?.record(model, template: template)
        return library.render(model, withTemplate: template) ?? ""
    }

    /// The translation status page: ``renderOnce(_:template:)``'s bytes, from ``statusSkeleton`` where it can.
    func renderStatus(_ model: [String: Any]) -> [UInt8] {
        if let statusSkeleton, let bytes = statusSkeleton.render(model) {
            recorder?.record(model, template: statusSkeleton.template)
            return bytes
        }
        return Array(renderOnce(model, template: "status").utf8)
    }
}

/// Collects the view models rendered, from any thread.
final class ViewModelRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(template: String, model: [String: Any])] = []

    func record(_ model: [String: Any], template: String) {
        lock.lock()
        defer { lock.unlock() }
        items.append((template, model))
    }

    var models: [(template: String, model: [String: Any])] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}
