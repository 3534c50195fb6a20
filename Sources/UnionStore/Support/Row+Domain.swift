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
