/// A calendar date (PostgreSQL `date`): a day, not an instant, so no time zone can shift it.
package struct PQDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let year: Int
    package let month: Int
    package let day: Int

    /// `nil` when the day does not exist (2026-02-30).
    package init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), CivilCalendar.isValid(year: year, month: month, day: day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    package init?(iso text: String) {
        var scanner = ASCIIScanner(Substring(text).utf8)
        guard let parsed = try? Self.parse(&scanner), scanner.isAtEnd else { return nil }
        self = parsed
    }

    static func parse(_ scanner: inout ASCIIScanner) throws(PQValueError) -> PQDate {
        let year = try scanner.digits(minimum: 4, maximum: 4).value
        try scanner.expect(UInt8(ascii: "-"))
        let month = try scanner.digits(minimum: 2, maximum: 2).value
        try scanner.expect(UInt8(ascii: "-"))
        let day = try scanner.digits(minimum: 2, maximum: 2).value
        guard let date = PQDate(year: year, month: month, day: day) else { throw PQValueError("no such date") }
        return date
    }

    /// Days since 1970-01-01.
    package var daysSinceEpoch: Int { CivilCalendar.days(year: year, month: month, day: day) }

    package init?(daysSinceEpoch: Int) {
        let civil = CivilCalendar.date(days: daysSinceEpoch)
        self.init(year: civil.year, month: civil.month, day: civil.day)
    }

    package var description: String {
        String(padding: year, to: 4) + "-" + String(padding: month, to: 2) + "-" + String(padding: day, to: 2)
    }

    package static func < (lhs: PQDate, rhs: PQDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension PQDate: PQCodable {
    package static var pqType: PQType { .date }
    package var pqBindValue: PQBindValue? { .text(description) }
    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> PQDate {
        guard type == .date || type.isTextual else { throw .typeMismatch }
        var scanner = ASCIIScanner(text)
        let date = try parse(&scanner)
        guard scanner.isAtEnd else { throw PQValueError("not a date in ISO format (BC or infinity?)") }
        return date
    }
}

/// `Codable` as its ISO string, so rows with dates decode into plain structs.
extension PQDate: Codable {
    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = PQDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date"))
        }
        self = date
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
