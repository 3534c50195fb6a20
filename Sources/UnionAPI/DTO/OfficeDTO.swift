import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import UnionDomain

struct OfficeDTO: ResponseEncodable {
    let id: String
    let code: String
    let name: String
    let kind: String
    let parentId: String?
    let active: Bool

    init(_ office: Office) {
        id = office.id.description
        code = office.code
        name = office.name
        kind = office.kind.rawValue
        parentId = office.parentID?.description
        active = office.active
    }
}

struct UserDTO: ResponseEncodable {
    let id: String
    let username: String
    let displayName: String
    let officeId: String
    let role: String
    let active: Bool

    init(_ user: User) {
        id = user.id.description
        username = user.username
        displayName = user.displayName
        officeId = user.officeID.description
        role = user.role.rawValue
        active = user.active
    }
}

/// The list envelope: `{"items": [...], "next": cursor-or-null}`.
struct ListDTO<Item: Encodable & Sendable>: ResponseEncodable {
    let items: [Item]
    let next: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(next, forKey: .next)  // explicit null at the end of a list
    }

    enum CodingKeys: String, CodingKey { case items, next }
}

/// A 201 with the new resource as its body and its address in `Location`.
struct Created<Body: ResponseEncodable>: ResponseGenerator {
    let body: Body
    /// The path the new resource is read (or changed) at.
    let location: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try body.response(from: request, context: context)
        response.status = .created
        response.headers[.location] = location
        return response
    }
}
