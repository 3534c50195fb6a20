import Foundation
import HTTPTypes
import Hummingbird
import UnionDomain
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | GET | /api/v1/workers/{id}/household | any role | 200, 401, 404 |
/// | POST | /api/v1/workers/{id}/household | branch_officer, area_admin | 201, 401, 403, 404, 409 (already a member), 422 (incl. the worker's own ID number) |
/// | PATCH | /api/v1/workers/{id}/household/{member_id} | branch_officer, area_admin | 200, 401, 403, 404, 409, 422 |
/// | DELETE | /api/v1/workers/{id}/household/{member_id} | branch_officer, area_admin | 204, 401, 403, 404 |
/// | GET | /api/v1/workers/{id}/model-worker | any role | 200, 401, 404 (none recorded, or outside scope) |
/// | PUT | /api/v1/workers/{id}/model-worker | branch_officer, area_admin | 200, 401, 403, 404, 422 |
/// | DELETE | /api/v1/workers/{id}/model-worker | branch_officer, area_admin | 204 (audited), 401, 403, 404 (none recorded, or outside scope) |
struct HouseholdController {
    let household: HouseholdStore

    func addRoutes(to routes: RouterGroup<AuthenticatedContext>) {
        routes.get("workers/:id/household", use: list)
        routes.post("workers/:id/household", use: add)
        routes.patch("workers/:id/household/:member_id", use: update)
        routes.delete("workers/:id/household/:member_id", use: remove)
        routes.get("workers/:id/model-worker", use: getModelWorker)
        routes.put("workers/:id/model-worker", use: putModelWorker)
        routes.delete("workers/:id/model-worker", use: deleteModelWorker)
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> ListDTO<HouseholdMemberDTO> {
        let principal = context.principal
        let members = try await household.list(principal, worker: try context.parameters.requireID())
        return ListDTO(items: members.map { HouseholdMemberDTO($0, for: principal) }, next: nil)
    }

    @Sendable func add(_ request: Request, context: AuthenticatedContext) async throws -> Created<HouseholdMemberDTO> {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        var request = request
        let input = try await request.decodeJSON(HouseholdMemberInput.self, context: context)
        let member = try await household.add(principal, worker: try context.parameters.requireID(), try HouseholdMemberFields(input))
        return Created(body: HouseholdMemberDTO(member, for: principal),
                       location: "/api/v1/workers/\(context.parameters.get("id") ?? "")/household/\(member.id)")
    }

    /// PATCH sends the changed fields; they are merged over the stored member and validated whole.
    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> HouseholdMemberDTO {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        let worker: Worker.ID = try context.parameters.requireID()
        let memberID: HouseholdMember.ID = try context.parameters.requireID("member_id")
        var request = request
        let patch = try await request.decodeJSON(HouseholdMemberPatch.self, context: context)
        let member = try await household.update(principal, worker: worker, member: memberID, patch)
        return HouseholdMemberDTO(member, for: principal)
    }

    @Sendable func remove(_ request: Request, context: AuthenticatedContext) async throws -> HTTPResponse.Status {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        try await household.remove(principal, worker: try context.parameters.requireID(), member: try context.parameters.requireID("member_id"))
        return .noContent
    }

    @Sendable func getModelWorker(_ request: Request, context: AuthenticatedContext) async throws -> ModelWorkerDTO {
        let principal = context.principal
        return ModelWorkerDTO(try await household.modelWorker(principal, worker: try context.parameters.requireID()))
    }

    struct ModelWorkerRequest: Decodable {
        let level: String?
        let title: String?
        let yearAwarded: Int?
        let retired: Bool?
    }

    @Sendable func putModelWorker(_ request: Request, context: AuthenticatedContext) async throws -> ModelWorkerDTO {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        var request = request
        let body = try await request.decodeJSON(ModelWorkerRequest.self, context: context)
        let record = try ModelWorkerRecord(level: body.level, title: body.title, yearAwarded: body.yearAwarded, retired: body.retired)
        return ModelWorkerDTO(try await household.setModelWorker(principal, worker: try context.parameters.requireID(), record))
    }

    /// A record entered by mistake is removed, not emptied: the worker stops being a model worker.
    @Sendable func deleteModelWorker(_ request: Request, context: AuthenticatedContext) async throws -> HTTPResponse.Status {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        try await household.removeModelWorker(principal, worker: try context.parameters.requireID())
        return .noContent
    }
}
