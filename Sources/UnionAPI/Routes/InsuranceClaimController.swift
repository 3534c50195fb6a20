import Foundation
import HTTPTypes
import Hummingbird
import UnionDomain
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | POST | /api/v1/insurance-claims | branch_officer, area_admin | 201, 401, 403, 404 (enrolment), 422 (incident outside the period) |
/// | GET | /api/v1/insurance-claims | any role (`enrolment_id`) | 200, 401, 422 |
/// | GET | /api/v1/insurance-claims/{id} | any role in scope | 200, 401, 404 |
/// | POST | /api/v1/insurance-claims/{id}/approve | area_reviewer, area_admin; never the submitter | 200 (payout and working), 401, 403, 404, 409 (not submitted, caps reached) |
/// | POST | /api/v1/insurance-claims/{id}/reject | as approve; `reason` | 200, 401, 403, 404, 409, 422 |
/// | POST | /api/v1/insurance-claims/{id}/pay | area_reviewer, area_admin; `date`, `method` | 200, 401, 403, 404, 409, 422 |
struct InsuranceClaimController {
    let claims: InsuranceClaimStore
    /// The payment date's default; injected so a test can move the clock.
    let today: @Sendable () -> CalendarDate

    func addRoutes(to routes: RouterGroup<AuthenticatedContext>) {
        routes.post("insurance-claims", use: submit)
        routes.get("insurance-claims", use: list)
        routes.get("insurance-claims/:id", use: get)
        routes.post("insurance-claims/:id/approve", use: approve)
        routes.post("insurance-claims/:id/reject", use: reject)
        routes.post("insurance-claims/:id/pay", use: pay)
    }

    struct ClaimRequest: Decodable {
        let enrolmentId: String?
        let incidentOn: String?
        let kind: String?
        let amountClaimed: String?
        let documents: [String]?
    }

    @Sendable func submit(_ request: Request, context: AuthenticatedContext) async throws -> Created<InsuranceClaimDTO> {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        var request = request
        let body = try await request.decodeJSON(ClaimRequest.self, context: context)
        let fields = try InsuranceClaimFields(enrolmentID: body.enrolmentId, incidentOn: body.incidentOn, kind: body.kind,
                                              amountClaimed: body.amountClaimed, documents: body.documents)
        let claim = try await claims.submit(principal, fields)
        return Created(body: InsuranceClaimDTO(claim), location: "/api/v1/insurance-claims/\(claim.id)")
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> ListDTO<InsuranceClaimDTO> {
        let query = QueryReader(request)
        var enrolment: Enrolment.ID?
        if let text = query.text("enrolment_id") {
            enrolment = Enrolment.ID(uuidString: text)
            if enrolment == nil { throw Problem.invalid([.invalidFormat("enrolment_id", expected: "a UUID", expectedZH: "UUID")]) }
        }
        try query.finish()
        return ListDTO(items: try await claims.list(context.principal, enrolment: enrolment).map(InsuranceClaimDTO.init), next: nil)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> InsuranceClaimDTO {
        InsuranceClaimDTO(try await claims.get(context.principal, id: try context.parameters.requireID()))
    }

    @Sendable func approve(_ request: Request, context: AuthenticatedContext) async throws -> InsuranceClaimDTO {
        try Policy.require(context.principal, .reviewCases)
        return InsuranceClaimDTO(try await claims.approve(context.principal, id: try context.parameters.requireID()))
    }

    struct ReasonRequest: Decodable {
        let reason: String?
    }

    @Sendable func reject(_ request: Request, context: AuthenticatedContext) async throws -> InsuranceClaimDTO {
        let principal = context.principal
        try Policy.require(principal, .reviewCases)
        let id: InsuranceClaim.ID = try context.parameters.requireID()
        var request = request
        let reason = try AidFields.reason(try await request.decodeJSON(ReasonRequest.self, context: context).reason)
        return InsuranceClaimDTO(try await claims.reject(principal, id: id, reason: reason))
    }

    struct PayRequest: Decodable {
        let date: String?
        let method: String?
    }

    @Sendable func pay(_ request: Request, context: AuthenticatedContext) async throws -> InsuranceClaimDTO {
        let principal = context.principal
        try Policy.require(principal, .reviewCases)
        let id: InsuranceClaim.ID = try context.parameters.requireID()
        var request = request
        let body = try await request.decodeJSON(PayRequest.self, context: context)
        return InsuranceClaimDTO(try await claims.pay(principal, id: id, try ClaimPaymentFields(date: body.date, method: body.method, today: today())))
    }
}
