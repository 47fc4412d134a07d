import Testing
@testable import LotseCore

/// Review dates read from their digits give the day the calendar gives, and
/// the same refusals, for every day of every month in leap and other years.
struct DayParsingTests {
    @Test func digitsMatchTheCalendar() {
        var texts: [String] = []
        for year in [1582, 1583, 1600, 1700, 1900, 1999, 2000, 2024, 2025, 2026, 2100, 2400, 9999] {
            for month in 0...13 {
                for day in 0...32 {
                    texts.append(String(format: "%04d-%02d-%02d", year, month, day))
                }
            }
        }
        texts += ["2026-1-01", " 2026-11-01", "2026-11-01 ", "2026/11/01", "20261101", "+026-11-01", "2026-11-0a", "0000-01-01", "１２３４-11-01", ""]
        for text in texts {
            #expect(Day(text) == Day(byCalendar: text), "\(text)")
        }
        #expect(Day.validDigits("2026-11-01") == Day(byCalendar: "2026-11-01"))
        #expect(Day.validDigits("2024-02-29") != nil)
        #expect(Day.validDigits("2025-02-29") == nil)
    }
}
