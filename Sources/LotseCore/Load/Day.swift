import Foundation

/// A calendar date (`YYYY-MM-DD`), as used for review dates.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(_ text: String) {
        if let day = Day.validDigits(text) {
            self = day
            return
        }
        guard let day = Day(byCalendar: text) else { return nil }
        self = day
    }

    /// ``init(_:)`` for any text: cut at `-`, and checked by the calendar.
    init?(byCalendar text: String) {
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

    /// The day of a text that is exactly `YYYY-MM-DD` in ASCII digits, a
    /// date that exists, from 1583 on (the Gregorian calendar throughout:
    /// the calendar switches to the Julian one before October 1582); nil for
    /// any other text, which ``init(byCalendar:)`` reads. Every page has a
    /// review date, and asking the calendar was a tenth of its front matter (issue 10).
    static func validDigits(_ text: String) -> Day? {
        let utf8 = text.utf8
        guard utf8.count == 10 else { return nil }
        var digits: [Int] = []
        digits.reserveCapacity(8)
        for (index, byte) in utf8.enumerated() {
            if index == 4 || index == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                digits.append(Int(byte - UInt8(ascii: "0")))
            }
        }
        let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        let month = digits[4] * 10 + digits[5]
        let day = digits[6] * 10 + digits[7]
        guard year >= 1583, (1...12).contains(month), day >= 1 else { return nil }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        return Day(year: year, month: month, day: day)
    }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
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
        // Written digit by digit where `%04d-%02d-%02d` gives four and two digits:
        // `String(format:)` took 20,000 instructions a day (the sitemap's 10,000 dates, issue 10).
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            return String(format: "%04d-%02d-%02d", year, month, day)
        }
        let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
        let bytes: [UInt8] = [
            zero + UInt8(year / 1000), zero + UInt8(year / 100 % 10), zero + UInt8(year / 10 % 10), zero + UInt8(year % 10), dash,
            zero + UInt8(month / 10), zero + UInt8(month % 10), dash, zero + UInt8(day / 10), zero + UInt8(day % 10),
        ]
        return String(decoding: bytes, as: UTF8.self)
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
