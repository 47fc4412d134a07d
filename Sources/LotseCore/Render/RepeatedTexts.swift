import Foundation

/// Interface texts that every page of a language repeats and that take real
/// work to make: a leaflet's contact block and disclaimer (escaped, joined),
/// and a language's name in another language (ICU), made once per render
/// instead of once per page.
///
/// Texts that are only an interface string with a placeholder filled (the
/// review line, the printed line) are not kept here: filling is a byte copy
/// (``Swift/String/filling(_:)``), cheaper than building a key to look them up.
/// Only texts made from the language, the interface strings and the site
/// configuration are kept, so the table stays small. Shared by the rendering threads.
final class RepeatedTexts: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String: String] = [:]
    /// Parts of view models, by id (``view(_:make:)``).
    private var views: [String: Any] = [:]

    /// The text known as `id` (which names everything it is made from), made by `make` the first time.
    func text(_ id: String, make: () -> String) -> String {
        lock.lock()
        let known = texts[id]
        lock.unlock()
        if let known { return known }
        let made = make()
        lock.lock()
        texts[id] = made
        lock.unlock()
        return made
    }

    /// A part of a view model that every page of a language repeats (the
    /// office's contact, the navigation), known as `id`, made by `make` the
    /// first time: built once, not as a dozen dictionaries for every page.
    func view<View>(_ id: String, make: () -> View) -> View {
        lock.lock()
        let known = views[id]
        lock.unlock()
        if let known = known as? View { return known }
        let made = make()
        lock.lock()
        views[id] = made
        lock.unlock()
        return made
    }
}

extension RenderContext {
    /// `s[key]` in `language` with `{date}` filled with `day` as the language writes it.
    func dateText(_ key: String, language: String, date day: Day) -> String {
        (strings(language)[key] ?? "").filling(["date": LocalizedDate.format(day, language: language)])
    }
}
