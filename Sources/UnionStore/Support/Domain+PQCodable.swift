import Foundation
import PQ
import UnionDomain

/// `date` columns as the domain's calendar dates.
extension CalendarDate: PQEncodable, PQDecodable {
    package static var pqType: PQType { .date }
    package var pqBindValue: PQBindValue? { .text(description) }
    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> CalendarDate {
        guard let date = CalendarDate(iso: String(Substring(text))) else { throw PQValueError("not a date the domain accepts") }
        return date
    }

    /// `YYYY-MM-DD` read straight from the bytes: a date or two is on every worker row.
    package static func pqDecode(bytes: UnsafeRawBufferPointer, type: PQType) throws(PQValueError) -> CalendarDate {
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - Int(UInt8(ascii: "0"))
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let date = CalendarDate(year: year, month: month, day: day) else {
            throw PQValueError("not a date the domain accepts")
        }
        return date
    }
}

/// `numeric(14,2)` columns as money: the text form goes straight to fen, no Double on the way.
extension Money: PQEncodable, PQDecodable {
    package static var pqType: PQType { .numeric }
    package var pqBindValue: PQBindValue? { .text(description) }
    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> Money {
        guard type == .numeric || type == .int4 || type == .int8, let money = Money(String(Substring(text))) else {
            throw PQValueError("not an amount with at most two decimals")
        }
        return money
    }
}

/// Text columns that hold one of a domain enumeration's raw values (their CHECK constraints
/// list the same values); anything else is a decoding error, never a silent default.
extension PQDecodable where Self: RawRepresentable, RawValue == String {
    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> Self {
        guard type.isTextual, let value = Self(rawValue: String(Substring(text))) else {
            throw PQValueError("not a \(Self.self) value")
        }
        return value
    }
}

extension Sex: PQDecodable {}
extension Hukou: PQDecodable {}
extension MembershipStatus: PQDecodable {}
extension HardshipTier: PQDecodable {}
