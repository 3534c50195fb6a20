import Foundation
import PQ
import UnionDomain

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
extension Office.Kind: PQDecodable {}
extension Role: PQDecodable {}
extension HouseholdMember.Relation: PQDecodable {}
extension HouseholdMember.SchoolLevel: PQDecodable {}
extension HardshipFile.Status: PQDecodable {}
extension HardshipFile.ClosingReason: PQDecodable {}
extension HardshipCause: PQDecodable {}
