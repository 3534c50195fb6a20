import Foundation
import HTTPTypes
import Hummingbird
import UnionDomain
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | POST | /api/v1/insurance-enrolments | branch_officer, area_admin; `Idempotency-Key` | 201, 401, 403, 404 (worker), 409 (enrolled already, window closed, fund empty), 422 (ineligible: why) |
/// | POST | /api/v1/insurance-periods/{id}/enrol-roster | branch_officer (own branch), area_admin (`office_ids` or the area); `Idempotency-Key` | 200 (counts, who was skipped and why), 401, 403, 404, 409, 422 |
///
/// A fund pays only when the caller can see it (funds are the area's: in practice area_admin).
struct EnrolmentController {
    let enrolments: EnrolmentStore

    func addRoutes(to routes: RouterGroup<AuthenticatedContext>) {
        routes.post("insurance-enrolments", use: enrol)
        routes.post("insurance-periods/:id/enrol-roster", use: enrolRoster)
    }

    struct EnrolRequest: Decodable {
        let periodId: String?
        let workerId: String?
        let shares: Int?
        let fundId: String?
    }

    @Sendable func enrol(_ request: Request, context: AuthenticatedContext) async throws -> StoredAnswer {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        var request = request
        let body = try await request.decodeJSON(EnrolRequest.self, context: context)
        let key = try await IdempotentRequest.key(&request, context: context)
        let fields = try EnrolmentFields(periodID: body.periodId, workerID: body.workerId, shares: body.shares, fundID: body.fundId)
        let render = { (enrolment: Enrolment) in try IdempotentRequest.render(EnrolmentDTO(enrolment), status: .created) }
        return try StoredAnswer.from(try await enrolments.enrol(principal, fields, idempotency: key, render: render), fresh: render)
    }

    struct RosterRequest: Decodable {
        let shares: Int?
        let fundId: String?
        let officeIds: [String]?
    }

    @Sendable func enrolRoster(_ request: Request, context: AuthenticatedContext) async throws -> StoredAnswer {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        let period: InsurancePeriod.ID = try context.parameters.requireID()
        var request = request
        let body = try await request.decodeJSON(RosterRequest.self, context: context)
        let key = try await IdempotentRequest.key(&request, context: context)
        let fields = try RosterEnrolmentFields(shares: body.shares, fundID: body.fundId, officeIDs: body.officeIds)
        let render = { (result: RosterEnrolment) in try IdempotentRequest.render(RosterEnrolmentDTO(result), status: .ok) }
        return try StoredAnswer.from(try await enrolments.enrolRoster(principal, period: period, fields, idempotency: key, render: render),
                                     fresh: render)
    }
}
