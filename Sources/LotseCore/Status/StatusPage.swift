/// `/status/`: the volunteers' overview in the built site, per language the
/// share that is current and each page, questionnaire and the interface
/// strings with their state. In the source language, `noindex`, not in the
/// sitemap and linked from nowhere: it is for the people who translate.
extension RenderContext {
    static let statusPath = "status/index.html"
    /// The status model's long lists (``ListSkeleton``): languages, their pages, a page's changed sections.
    static let statusLists: Set<String> = ["status_languages", "items", "changes"]

    func renderStatusPage() -> OutputFile? {
        guard templates.has("status") else { return nil }
        let s = strings(source)
        var model = common(language: source, title: s["status_title"] ?? "", switcher: nil, canonical: nil,
                           alternates: [], noindex: true, currentNav: nil)
        model["intro"] = s["status_intro"] ?? ""
        func label(_ state: TrackedItem.State) -> String {
            s["status_\(state.rawValue)"] ?? state.rawValue
        }
        model["status_languages"] = tracking.map { tracked -> [String: Any] in
            let language = language(tracked.code)
            let percent = Int(tracked.currentPercent.rounded(.down))
            let counts = [TrackedItem.State.current, .outdated, .missing, .draft].map { "\(tracked.count($0)) \(label($0))" }
            return [
                "code": tracked.code, "name": tracked.name, "dir": language.direction.rawValue,
                "percent": (s["status_summary"] ?? "{percent}%").filling(["percent": "\(percent)"]),
                "counts": counts.joined(separator: " · "),
                "items": tracked.items.map { item -> [String: Any] in
                    // Paths below the content folder: the built site shows no local folders.
                    var entry: [String: Any] = ["file": "\(tracked.code)/\(item.relativePath)", "state": item.state.rawValue,
                                                "state_label": label(item.state), "has_changes": !item.changes.isEmpty,
                                                "changes": item.changes.map { ["section": $0.section] }]
                    if item.state != .current { entry["words"] = "\(item.wordsToTranslate)" }
                    return entry
                },
            ]
        }
        return OutputFile(path: Self.statusPath, utf8: templates.renderStatus(model.dictionary))
    }
}
