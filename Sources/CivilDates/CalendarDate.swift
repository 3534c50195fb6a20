import Foundation

/// A day on the calendar (a birth date, a membership start, a rule's effective date): no time,
/// no zone. ISO `YYYY-MM-DD` in JSON and in the database.
///
/// It lives below both PQ and UnionDomain so that the one type is what the domain reasons with
/// and what `date` columns decode into, with one calendar's arithmetic (`CivilCalendar`).
package struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    package let year: Int
    package let month: Int
    package let day: Int

    /// nil for a day that doesn't exist (2026-02-30) or a year outside 1–9999.
    package init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), CivilCalendar.isValid(year: year, month: month, day: day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    package init?(iso text: String) {
        guard let date = Self.parse(Array(text.utf8)) else { return nil }
        self = date
    }

    /// A date a person typed, or a form sent: `YYYY-MM-DD` between 1900 and 2999, so a slip
    /// of the keyboard (0226, 20026) is refused rather than stored.
    package init?(input text: String) {
        guard let date = CalendarDate(iso: text), Self.plausibleYears.contains(date.year) else { return nil }
        self = date
    }

    package static let plausibleYears = 1900...2999

    /// `YYYY-MM-DD` from bytes, without allocating: a date or two is on every worker row.
    package static func parse(_ bytes: some Collection<UInt8>) -> CalendarDate? {
        guard bytes.count == 10 else { return nil }
        var year = 0, month = 0, day = 0
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            switch index {
            case 0..<4: year = year * 10 + digit
            case 5..<7: month = month * 10 + digit
            default: day = day * 10 + digit
            }
        }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// The date in Beijing now: reports and "today" are in Asia/Shanghai.
    package static func today(at instant: Date = Date()) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return CalendarDate(uncheckedYear: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// For values already known to be valid (from a calendar, or clamped arithmetic).
    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01, and back.
    package var daysSinceEpoch: Int { CivilCalendar.days(year: year, month: month, day: day) }

    package init?(daysSinceEpoch: Int) {
        let civil = CivilCalendar.date(days: daysSinceEpoch)
        self.init(year: civil.year, month: civil.month, day: civil.day)
    }

    /// `YYYY-MM-DD`, written digit by digit: every worker in every response has one or two.
    package var description: String {
        String(unsafeUninitializedCapacity: 10) { buffer in
            func put(_ value: Int, width: Int, at start: Int) {
                var rest = value
                for position in stride(from: start + width - 1, through: start, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, width: 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(month, width: 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(day, width: 2, at: 8)
            return 10
        }
    }

    /// The same day `months` later, clamped to the month's end (Aug 31 + 1 month = Sep 30).
    package func adding(months: Int) -> CalendarDate {
        let total = year * 12 + (month - 1) + months
        let newYear = total / 12
        let newMonth = total % 12 + 1
        let newDay = min(day, CivilCalendar.daysIn(month: newMonth, year: newYear))
        return CalendarDate(uncheckedYear: newYear, month: newMonth, day: newDay)
    }

    /// The day `days` later (or earlier).
    package func adding(days: Int) -> CalendarDate {
        CalendarDate(daysSinceEpoch: daysSinceEpoch + days) ?? self
    }

    package static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date"))
        }
        self = date
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
