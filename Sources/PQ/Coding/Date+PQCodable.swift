import CivilDates
import Foundation

/// `timestamptz` as `Date`, to the microsecond. Connections run with `TimeZone=UTC` and
/// `DateStyle=ISO`, but the parser accepts any offset the server prints.
extension Date: PQCodable {
    package static var pqType: PQType { .timestamptz }

    package var pqBindValue: PQBindValue? {
        let totalMicros = (timeIntervalSince1970 * 1_000_000).rounded()
        let micros = Int(totalMicros)
        let seconds = micros.floorDiv(1_000_000)
        let fraction = micros - seconds * 1_000_000
        let days = seconds.floorDiv(86_400)
        let secondOfDay = seconds - days * 86_400
        let civil = CivilCalendar.date(days: days)
        var text = String(padding: civil.year, to: 4) + "-" + String(padding: civil.month, to: 2) + "-"
            + String(padding: civil.day, to: 2) + " " + String(padding: secondOfDay / 3600, to: 2) + ":"
            + String(padding: secondOfDay / 60 % 60, to: 2) + ":" + String(padding: secondOfDay % 60, to: 2)
        if fraction != 0 { text += "." + String(padding: fraction, to: 6) }
        return .text(text + "+00")
    }

    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> Date {
        guard type == .timestamptz || type == .timestamp || type.isTextual else { throw .typeMismatch }
        var scanner = ASCIIScanner(text)
        let year = try scanner.digits(minimum: 4, maximum: 6).value
        try scanner.expect(UInt8(ascii: "-"))
        let month = try scanner.digits(minimum: 2, maximum: 2).value
        try scanner.expect(UInt8(ascii: "-"))
        let day = try scanner.digits(minimum: 2, maximum: 2).value
        guard CivilCalendar.isValid(year: year, month: month, day: day) else { throw PQValueError("no such date") }
        guard scanner.skip(UInt8(ascii: " ")) || scanner.skip(UInt8(ascii: "T")) else { throw PQValueError("no time") }
        let hour = try scanner.digits(minimum: 2, maximum: 2).value
        try scanner.expect(UInt8(ascii: ":"))
        let minute = try scanner.digits(minimum: 2, maximum: 2).value
        try scanner.expect(UInt8(ascii: ":"))
        let second = try scanner.digits(minimum: 2, maximum: 2).value
        var micros = 0
        if scanner.skip(UInt8(ascii: ".")) {
            let fraction = try scanner.digits(minimum: 1, maximum: 6)
            micros = fraction.value * Int(pow(10, Double(6 - fraction.count)))
        }
        var offsetSeconds = 0
        if let sign = scanner.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            _ = scanner.skip(sign)
            var offset = try scanner.digits(minimum: 2, maximum: 2).value * 3600
            if scanner.skip(UInt8(ascii: ":")) { offset += try scanner.digits(minimum: 2, maximum: 2).value * 60 }
            if scanner.skip(UInt8(ascii: ":")) { offset += try scanner.digits(minimum: 2, maximum: 2).value }
            offsetSeconds = sign == UInt8(ascii: "-") ? -offset : offset
        }
        guard scanner.isAtEnd else { throw PQValueError("not an ISO timestamp (BC or infinity?)") }
        let seconds = CivilCalendar.days(year: year, month: month, day: day) * 86_400
            + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }
}

extension Int {
    /// Division rounding toward negative infinity, for instants before 1970.
    func floorDiv(_ divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
