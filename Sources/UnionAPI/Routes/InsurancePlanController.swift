import Foundation
import HTTPTypes
import Hummingbird
import UnionDomain
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | POST | /api/v1/insurance-plans | area_admin | 201, 401, 403, 409 (code taken), 422 |
/// | GET | /api/v1/insurance-plans | any role | 200, 401 |
/// | GET | /api/v1/insurance-plans/{id} | any role | 200, 401, 404 |
/// | PATCH | /api/v1/insurance-plans/{id} | area_admin | 200, 401, 403, 404, 409, 422 |
/// | POST | /api/v1/insurance-periods | area_admin | 201, 401, 403, 409 (same start), 422 |
/// | GET | /api/v1/insurance-periods | any role (`plan_id`) | 200, 401, 422 |
/// | GET | /api/v1/insurance-periods/{id} | any role | 200, 401, 404 |
/// | GET | /api/v1/insurance-periods/{id}/coverage | any role (its own branches) | 200 (per branch and the total), 401, 404 |
/// | GET | /api/v1/insurance-periods/{id}/roster-changes | any role (its own branches) | 200 JSON, or CSV for `Accept: text/csv`; 401, 404 |
struct InsurancePlanController {
    let plans: InsurancePlanStore
    let periods: InsurancePeriodStore

    func addRoutes(to routes: RouterGroup<AuthenticatedContext>) {
        routes.post("insurance-plans", use: create)
        routes.get("insurance-plans", use: list)
        routes.get("insurance-plans/:id", use: get)
        routes.patch("insurance-plans/:id", use: update)
        routes.post("insurance-periods", use: createPeriod)
        routes.get("insurance-periods", use: listPeriods)
        routes.get("insurance-periods/:id", use: getPeriod)
        routes.get("insurance-periods/:id/coverage", use: coverage)
        routes.get("insurance-periods/:id/roster-changes", use: rosterChanges)
    }

    struct PlanRequest: Decodable {
        let code: String?
        let name: String?
        let insurer: String?
        let premiumPerShare: String?
        let maxShares: Int?
        let sex: String?
        let minAge: Int?
        let maxAge: Int?
        let deductible: String?
        let payoutPercent: Int?
        let capPerShare: String?
        let capPerPeriod: String?

        func input(over base: InsurancePlanInput = InsurancePlanInput()) -> InsurancePlanInput {
            InsurancePlanInput(code: code ?? base.code, name: name ?? base.name, insurer: insurer ?? base.insurer,
                               premiumPerShare: premiumPerShare ?? base.premiumPerShare, maxShares: maxShares ?? base.maxShares,
                               sex: sex ?? base.sex, minAge: minAge ?? base.minAge, maxAge: maxAge ?? base.maxAge,
                               deductible: deductible ?? base.deductible, payoutPercent: payoutPercent ?? base.payoutPercent,
                               capPerShare: capPerShare ?? base.capPerShare, capPerPeriod: capPerPeriod ?? base.capPerPeriod)
        }
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Created<InsurancePlanDTO> {
        let principal = context.principal
        try Policy.require(principal, .manageAid)
        var request = request
        let body = try await request.decodeJSON(PlanRequest.self, context: context)
        let plan = try await plans.create(principal, try InsurancePlanFields(body.input()))
        return Created(body: InsurancePlanDTO(plan), location: "/api/v1/insurance-plans/\(plan.id)")
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> ListDTO<InsurancePlanDTO> {
        ListDTO(items: try await plans.list(context.principal).map(InsurancePlanDTO.init), next: nil)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> InsurancePlanDTO {
        InsurancePlanDTO(try await plans.get(context.principal, id: try context.parameters.requireID()))
    }

    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> InsurancePlanDTO {
        let principal = context.principal
        try Policy.require(principal, .manageAid)
        let id: InsurancePlan.ID = try context.parameters.requireID()
        var request = request
        let body = try await request.decodeJSON(PlanRequest.self, context: context)
        let current = try await plans.get(principal, id: id)
        return InsurancePlanDTO(try await plans.update(principal, id: id, try InsurancePlanFields(body.input(over: current.input))))
    }

    struct PeriodRequest: Decodable {
        let planId: String?
        let startsOn: String?
        let endsOn: String?
        let enrolOpensOn: String?
        let enrolClosesOn: String?
    }

    @Sendable func createPeriod(_ request: Request, context: AuthenticatedContext) async throws -> Created<InsurancePeriodDTO> {
        let principal = context.principal
        try Policy.require(principal, .manageAid)
        var request = request
        let body = try await request.decodeJSON(PeriodRequest.self, context: context)
        let fields = try InsurancePeriodFields(planID: body.planId, startsOn: body.startsOn, endsOn: body.endsOn,
                                               enrolOpensOn: body.enrolOpensOn, enrolClosesOn: body.enrolClosesOn)
        let period = try await periods.create(principal, fields)
        return Created(body: InsurancePeriodDTO(period), location: "/api/v1/insurance-periods/\(period.id)")
    }

    @Sendable func listPeriods(_ request: Request, context: AuthenticatedContext) async throws -> ListDTO<InsurancePeriodDTO> {
        let query = QueryReader(request)
        var plan: InsurancePlan.ID?
        if let text = query.text("plan_id") {
            plan = InsurancePlan.ID(uuidString: text)
            if plan == nil { throw Problem.invalid([.invalidFormat("plan_id", expected: "a UUID", expectedZH: "UUID")]) }
        }
        try query.finish()
        return ListDTO(items: try await periods.list(context.principal, plan: plan).map(InsurancePeriodDTO.init), next: nil)
    }

    @Sendable func getPeriod(_ request: Request, context: AuthenticatedContext) async throws -> InsurancePeriodDTO {
        InsurancePeriodDTO(try await periods.get(context.principal, id: try context.parameters.requireID()))
    }

    @Sendable func coverage(_ request: Request, context: AuthenticatedContext) async throws -> InsuranceCoverageDTO {
        let lines = try await periods.coverage(context.principal, id: try context.parameters.requireID())
        return InsuranceCoverageDTO(branches: lines.map(InsuranceCoverageDTO.Line.init), total: InsuranceCoverageDTO.Line(CoverageLine.total(lines, name: "合计")))
    }

    /// JSON unless the client asks for `text/csv` (the insurer's report is a spreadsheet).
    @Sendable func rosterChanges(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let changes = try await periods.rosterChanges(context.principal, id: try context.parameters.requireID())
        if request.headers[.accept]?.lowercased().contains("text/csv") == true {
            let csv = ([RosterChange.csvHeader] + changes.map(\.csvLine)).joined(separator: "\r\n") + "\r\n"
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"roster-changes.csv\""],
                            body: .init(byteBuffer: ByteBuffer(string: csv)))
        }
        return try ListDTO(items: changes.map(RosterChangeDTO.init), next: nil).response(from: request, context: context)
    }
}
