import Foundation
import PQ
import UnionDomain

/// Typed identifiers travel as uuid.
extension Identifier: PQEncodable, PQDecodable {
    package static var pqType: PQType { .uuid }
    package var pqBindValue: PQBindValue? { rawValue.pqBindValue }
    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> Identifier<Tag> {
        Identifier(try UUID.pqDecode(text: text, type: type))
    }

    package static func pqDecode(bytes: UnsafeRawBufferPointer, type: PQType) throws(PQValueError) -> Identifier<Tag> {
        Identifier(try UUID.pqDecode(bytes: bytes, type: type))
    }
}

/// The columns `auth_*_principal` return, made into a `Principal`.
struct PrincipalRow: Decodable {
    let userID: UUID
    let username: String
    let role: String
    let officeID: UUID
    let officeIDs: [String]

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", username, role, officeID = "office_id", officeIDs = "office_ids_text"
    }

    func principal() -> Principal? {
        guard let role = Role(rawValue: role) else { return nil }
        return Principal(
            userID: User.ID(userID), username: username, role: role, officeID: Office.ID(officeID),
            scope: Set(officeIDs.compactMap(Office.ID.init(uuidString:)))
        )
    }
}

/// A domain value read from one row of its store's column list, left to right. The store that
/// owns the column list owns the reading, so the fields are named once in SQL and once in the
/// domain type, with no row struct between them; an enumeration value the domain doesn't know
/// is a decoding error, never a silent default.
protocol RowDecodable {
    init(row: PQRow) throws
}

extension PQResult {
    func all<T: RowDecodable>(_ type: T.Type) throws -> [T] { try map(T.init(row:)) }
    func one<T: RowDecodable>(_ type: T.Type) throws -> T? { try rows.first.map(T.init(row:)) }
}

/// A text array column of an enumeration's raw values.
func enumerations<E: RawRepresentable>(_ values: [String], as type: E.Type) throws -> [E] where E.RawValue == String {
    try values.map { value in
        guard let decoded = E(rawValue: value) else {
            throw PQDecodingError(column: "array element", columnIndex: -1, postgresType: "text[]", swiftType: "\(E.self)",
                                  reason: "a value the domain doesn't know")
        }
        return decoded
    }
}
