import Foundation

/// Interface texts that every page of a language repeats ("Last reviewed on
/// 2 November 2026", "Printed on …", "Print with German", a leaflet's contact
/// block and disclaimer), made once per render instead of once per page.
///
/// Why: filling a placeholder goes through Foundation's `replacingOccurrences`
/// (NSString), a twentieth of a build when done for every page and print
/// version. Only texts made from the language, the interface strings and a
/// few values (a date) are kept here, so the table stays small (languages ×
/// dates); texts of one page (a QR code's address) are filled as they are.
/// Shared by the rendering threads.
final class RepeatedTexts: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String: String] = [:]

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
}

extension RenderContext {
    /// `s[key]` in `language` with `{name}` filled with `value`, which depends
    /// only on the language and on `about` (a date, a language code): made once per render for each of them.
    func repeatedText(_ key: String, language: String, filling name: String, about: String,
                      with value: () -> String) -> String {
        repeatedTexts.text("\(key)\u{0}\(language)\u{0}\(name)\u{0}\(about)") {
            (strings(language)[key] ?? "").filling([name: value()])
        }
    }

    /// `s[key]` in `language` with `{date}` filled with `day` as the language writes it.
    func repeatedText(_ key: String, language: String, date day: Day) -> String {
        repeatedText(key, language: language, filling: "date", about: "\(day.year)-\(day.month)-\(day.day)") {
            LocalizedDate.format(day, language: language)
        }
    }
}
