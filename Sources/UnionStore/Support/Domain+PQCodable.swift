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

/// Keyset cursors: the sort key of the last row of a page, opaque to clients.
package enum Cursor {
    package static func encode(_ parts: [String]) -> String {
        Data(parts.joined(separator: "\u{1F}").utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    package static func decode(_ text: String, count: Int) -> [String]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let joined = String(data: data, encoding: .utf8) else { return nil }
        let parts = joined.components(separatedBy: "\u{1F}")
        return parts.count == count ? parts : nil
    }

    package static let invalid = ValidationFailure([FieldError(field: "after", code: "invalid_cursor",
                                                               message: "is not a cursor this list returned", messageZH: "分页游标无效")])
}

extension Page {
    /// A page from up to `limit + 1` fetched rows: the extra row only says another page exists.
    static func keyset(_ rows: [Item], limit: Int, cursor: (Item) -> [String]) -> Page<Item> {
        let items = Array(rows.prefix(limit))
        return Page(items: items, next: rows.count > limit ? items.last.map { Cursor.encode(cursor($0)) } : nil)
    }
}
