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

    func addRoutes(to routes: RouteTable) {
        routes.add(.get, "offices", list)
        routes.add(.get, "offices/{id}", get)
        routes.add(.post, "offices", create)
    }

    @Sendable func list(_ request: Request, context: UnionRequestContext) async throws -> ListDTO<OfficeDTO> {
        let principal = try context.requirePrincipal()
        return ListDTO(items: try await offices.list(principal).map(OfficeDTO.init), next: nil)
    }

    @Sendable func get(_ request: Request, context: UnionRequestContext) async throws -> OfficeDTO {
        let principal = try context.requirePrincipal()
        return OfficeDTO(try await offices.get(principal, id: try context.parameters.requireID()))
    }

    struct CreateRequest: Decodable {
        let code: String?
        let name: String?
        let kind: String?
        let parentId: String?
    }

    @Sendable func create(_ request: Request, context: UnionRequestContext) async throws -> Created<OfficeDTO> {
        let principal = try context.requirePrincipal()
        try Policy.require(principal, .manageOffices)
        var request = request
        let body = try await request.decodeJSON(CreateRequest.self, context: context)
        let parent: Office.ID? = try BodyID.parse(body.parentId, field: "parent_id")
        let office = try NewOffice(code: body.code, name: body.name, kind: body.kind, parentID: parent)
        return Created(body: OfficeDTO(try await offices.create(principal, office)))
    }
}
