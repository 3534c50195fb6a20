import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import UnionDomain
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | GET | /api/v1/users | area_admin, auditor | 200, 401, 403 |
/// | POST | /api/v1/users | area_admin | 201, 401, 403, 404 (office outside scope), 409 (username taken), 422 |
struct UserController {
    let users: UserStore

    func addRoutes(to routes: RouterGroup<AuthenticatedContext>) {
        routes.get("users", use: list)
        routes.post("users", use: create)
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> ListDTO<UserDTO> {
        let principal = context.principal
        var query = QueryReader(request)
        let office: Office.ID? = query.id("office_id")
        try query.finish()
        return ListDTO(items: try await users.list(principal, office: office).map(UserDTO.init), next: nil)
    }

    struct CreateRequest: Decodable {
        let username: String?
        let displayName: String?
        let officeId: String?
        let role: String?
        let password: String?
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Created<UserDTO> {
        let principal = context.principal
        try Policy.require(principal, .manageUsers)
        var request = request
        let body = try await request.decodeJSON(CreateRequest.self, context: context)
        let office: Office.ID? = try BodyID.parse(body.officeId, field: "office_id")
        let user = try NewUser(username: body.username, displayName: body.displayName, officeID: office,
                               role: body.role, password: body.password)
        let created = try await users.create(principal, user)
        return Created(body: UserDTO(created), location: "/api/v1/users?office_id=\(created.officeID)")
    }
}
