import Foundation

/// A calendar date (`YYYY-MM-DD`), as used for review dates.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(_ text: String) {
        let parts = text.trimmingWhitespace.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        self.year = y
        self.month = m
        self.day = d
        // Reject 2026-02-30 and the like.
        guard Day(date: date) == self else { return nil }
    }

    public init(date: Date) {
        let parts = Day.calendar.dateComponents([.year, .month, .day], from: date)
        year = parts.year ?? 1970
        month = parts.month ?? 1
        day = parts.day ?? 1
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Midnight UTC of this day.
    public var date: Date {
        Day.calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
    }

    public func days(until other: Day) -> Int {
        Int((other.date.timeIntervalSince(date) / 86_400).rounded())
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// "Today" for a build: `SOURCE_DATE_EPOCH` when set (the reproducible
    /// builds convention), otherwise the clock.
    public static func today(environment: [String: String] = ProcessInfo.processInfo.environment) -> Day {
        if let raw = environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(raw.trimmingWhitespace) {
            return Day(date: Date(timeIntervalSince1970: seconds))
        }
        return Day(date: Date())
    }
}
