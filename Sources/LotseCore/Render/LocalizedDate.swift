import Foundation

/// Dates as readers of a language write them ("2. November 2026", "٢ نوفمبر ٢٠٢٦").
///
/// Every page and leaflet prints a date or two, and a site has few distinct
/// dates: each (day, language) is formatted once (a formatter with its
/// locale is costly to make) and remembered for the process.
enum LocalizedDate {
    private static let cache = Cache()

    static func format(_ day: Day, language: String) -> String {
        // Looked up by language and day as they are (a key written out as text, three numbers
        // printed, cost more than the lookup: every page and leaflet asks).
        let key = Key(language: language, day: day)
        if let known = cache[key] { return known }
        let style = Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: language),
                                     calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC")!)
        let text = day.date.formatted(style)
        cache[key] = text
        return text
    }

    private struct Key: Hashable {
        var language: String
        var day: Day
    }

    /// Formatted dates by language and day, shared by the rendering threads.
    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var texts: [Key: String] = [:]

        subscript(key: Key) -> String? {
            get {
                lock.lock()
                defer { lock.unlock() }
                return texts[key]
            }
            set {
                lock.lock()
                texts[key] = newValue
                lock.unlock()
            }
        }
    }
}
