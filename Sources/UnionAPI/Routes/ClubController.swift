import Foundation
import Hummingbird
import UnionDomain
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | POST | /api/v1/clubs | branch_officer, area_admin | 201, 401, 403, 404 (office), 409 (name taken), 422 |
/// | GET | /api/v1/clubs | any role | 200, 401 |
/// | GET | /api/v1/clubs/{id} | any role | 200, 401, 404 |
/// | GET | /api/v1/clubs/{id}/plan | any role | 200 (each month and season of `year` met or missing), 401, 404, 422 |
struct ClubController {
    let clubs: ClubStore

    func addRoutes(to routes: RouterGroup<AuthenticatedContext>) {
        routes.post("clubs", use: create)
        routes.get("clubs", use: list)
        routes.get("clubs/:id", use: get)
        routes.get("clubs/:id/plan", use: plan)
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Created<ClubDTO> {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        var request = request
        let input = try await request.decodeJSON(ClubInput.self, context: context)
        let club = try await clubs.create(principal, try ClubFields(input))
        return Created(body: ClubDTO(club), location: "/api/v1/clubs/\(club.id)")
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> ClubListDTO {
        ClubListDTO(items: try await clubs.list(context.principal).map(ClubDTO.init))
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> ClubDTO {
        ClubDTO(try await clubs.get(context.principal, id: try context.parameters.requireID()))
    }

    @Sendable func plan(_ request: Request, context: AuthenticatedContext) async throws -> ClubPlanDTO {
        let query = QueryReader(request)
        try query.finish()
        let id: Club.ID = try context.parameters.requireID()
        let year = try ActivityController.year(query.text("year"), required: true) ?? 0
        return ClubPlanDTO(try await clubs.plan(context.principal, id: id, year: year))
    }
}
