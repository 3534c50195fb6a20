import Foundation
import UnionDomain

/// Keyset cursors: the sort key of the last row of a page, opaque to clients.
package enum Cursor {
    package static func encode(_ parts: [String]) -> String {
        Base64URL.encode(Array(parts.joined(separator: "\u{1F}").utf8))
    }

    package static func decode(_ text: String, count: Int) -> [String]? {
        guard let bytes = Base64URL.decode(text), let joined = String(validating: bytes, as: UTF8.self) else { return nil }
        let parts = joined.components(separatedBy: "\u{1F}")
        return parts.count == count ? parts : nil
    }

    package static let invalid = ValidationFailure([FieldError(field: "after", code: "invalid_cursor",
                                                               message: "is not a cursor this list returned", messageZH: "分页游标无效")])
}
