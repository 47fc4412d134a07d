import Foundation

/// Dates as readers of a language write them ("2. November 2026", "٢ نوفمبر ٢٠٢٦").
enum LocalizedDate {
    static func format(_ day: Day, language: String) -> String {
        let style = Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: language),
                                     calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC")!)
        return day.date.formatted(style)
    }
}
