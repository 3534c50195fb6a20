import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import UnionDomain
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | GET | /api/v1/offices | any role | 200 (the offices the caller may see), 401 |
/// | GET | /api/v1/offices/{id} | any role | 200, 401, 404 (outside scope) |
/// | POST | /api/v1/offices | area_admin | 201, 401, 403, 404 (parent outside scope), 409 (code taken), 422 |
struct OfficeController {
    let offices: OfficeStore

    func addRoutes(to routes: RouterGroup<AuthenticatedContext>) {
        routes.get("offices", use: list)
        routes.get("offices/:id", use: get)
        routes.post("offices", use: create)
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> ListDTO<OfficeDTO> {
        let principal = context.principal
        return ListDTO(items: try await offices.list(principal).map(OfficeDTO.init), next: nil)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> OfficeDTO {
        let principal = context.principal
        return OfficeDTO(try await offices.get(principal, id: try context.parameters.requireID()))
    }

    struct CreateRequest: Decodable {
        let code: String?
        let name: String?
        let kind: String?
        let parentId: String?
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Created<OfficeDTO> {
        let principal = context.principal
        try Policy.require(principal, .manageOffices)
        var request = request
        let body = try await request.decodeJSON(CreateRequest.self, context: context)
        let parent: Office.ID? = try BodyID.parse(body.parentId, field: "parent_id")
        let office = try NewOffice(code: body.code, name: body.name, kind: body.kind, parentID: parent)
        let created = try await offices.create(principal, office)
        return Created(body: OfficeDTO(created), location: "/api/v1/offices/\(created.id)")
    }
}
