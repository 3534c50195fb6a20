import Foundation
import Hummingbird
import UnionDomain
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | POST | /api/v1/enterprises | branch_officer, area_admin (names office_id) | 201, 401, 403, 404 (office), 409 (credit code registered), 422 (incl. a wrong check character) |
/// | GET | /api/v1/enterprises | any role | 200 (`office_id`, `ownership`, keyset page), 401, 404, 422 |
/// | GET | /api/v1/enterprises/{id} | any role | 200, 401, 404 |
/// | PATCH | /api/v1/enterprises/{id} | branch_officer, area_admin | 200, 401, 403, 404, 422 |
struct EnterpriseController {
    let enterprises: EnterpriseStore

    func addRoutes(to routes: RouterGroup<AuthenticatedContext>) {
        routes.post("enterprises", use: create)
        routes.get("enterprises", use: list)
        routes.get("enterprises/:id", use: get)
        routes.patch("enterprises/:id", use: update)
    }

    struct CreateRequest: Decodable {
        let officeId: String?
        let enterprise: EnterpriseInput

        init(from decoder: any Decoder) throws {
            enterprise = try EnterpriseInput(from: decoder)
            officeId = try decoder.container(keyedBy: Keys.self).decodeIfPresent(String.self, forKey: .officeId)
        }

        enum Keys: String, CodingKey { case officeId }
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Created<EnterpriseDTO> {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        var request = request
        let body = try await request.decodeJSON(CreateRequest.self, context: context)
        let office = try WorkerController.targetOffice(body.officeId, principal: principal)
        let enterprise = try await enterprises.create(principal, office: office, try EnterpriseFields(body.enterprise))
        return Created(body: EnterpriseDTO(enterprise), location: "/api/v1/enterprises/\(enterprise.id)")
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> ListDTO<EnterpriseDTO> {
        var query = QueryReader(request)
        let office: Office.ID? = query.id("office_id")
        let ownership = query.enumeration("ownership", as: Enterprise.Ownership.self)
        let limit = query.limit()
        try query.finish()
        let page = try await enterprises.list(context.principal, office: office, ownership: ownership, limit: limit, after: query.text("after"))
        return ListDTO(items: page.items.map(EnterpriseDTO.init), next: page.next)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> EnterpriseDTO {
        EnterpriseDTO(try await enterprises.get(context.principal, id: try context.parameters.requireID()))
    }

    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> EnterpriseDTO {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        let id: Enterprise.ID = try context.parameters.requireID()
        var request = request
        let patch = try await request.decodeJSON(EnterpriseInput.self, context: context)
        return EnterpriseDTO(try await enterprises.update(principal, id: id, patch))
    }
}
