import Foundation

/// Interface texts that every page of a language repeats and that take real
/// work to make: a leaflet's contact block and disclaimer (escaped, joined),
/// and a language's name in another language (ICU), made once per render
/// instead of once per page.
///
/// Texts that are only an interface string with a placeholder filled are
/// kept only where the key is cheap: the review and printed lines by string,
/// language and day as they are (``dated(_:language:day:make:)``); a text
/// key for them, with the day printed, cost more than filling.
/// Only texts made from the language, the interface strings, the site
/// configuration and days are kept, so the tables stay small. Shared by the rendering threads.
final class RepeatedTexts: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String: String] = [:]
    /// Parts of view models, by id (``view(_:make:)``).
    private var views: [String: Any] = [:]
    /// Interface strings with a date filled in, by string, language and day (``dated(_:language:day:make:)``).
    private var datedTexts: [DatedKey: String] = [:]

    private struct DatedKey: Hashable {
        var key: String
        var language: String
        var day: Day
    }

    /// The text known as `id` (which names everything it is made from), made by `make` the first time.
    func text(_ id: String, make: () -> String) -> String {
        kept(\.texts, id, make: make)
    }

    /// The interface string `key` of `language` with `day` filled in, made by `make` the first
    /// time: every page and print version has a review line, and most pages of a site share a
    /// few review days (filling it for each was 7,800 instructions a page; issue 10).
    func dated(_ key: String, language: String, day: Day, make: () -> String) -> String {
        kept(\.datedTexts, DatedKey(key: key, language: language, day: day), make: make)
    }

    /// The text kept in `table` under `key`, or `make`'s, kept (made outside the lock: another
    /// thread may make the same text meanwhile, and either is kept).
    private func kept<Key: Hashable>(_ table: ReferenceWritableKeyPath<RepeatedTexts, [Key: String]>, _ key: Key,
                                     make: () -> String) -> String {
        lock.lock()
        let known = self[keyPath: table][key]
        lock.unlock()
        if let known { return known }
        let made = make()
        lock.lock()
        self[keyPath: table][key] = made
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
        repeatedTexts.dated(key, language: language, day: day) {
            (strings(language)[key] ?? "").filling(["date": LocalizedDate.format(day, language: language)])
        }
    }
}
