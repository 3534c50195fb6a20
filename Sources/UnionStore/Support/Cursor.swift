import Foundation
import UnionDomain

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
