import Foundation
import HTTPTypes
import Hummingbird
import UnionDomain
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | POST | /api/v1/aid-cases | branch_officer, area_admin | 201, 401, 403, 404 (worker), 409 (closed, not eligible, no standard, already granted), 422 |
/// | GET | /api/v1/aid-cases | any role (`program_id`, `status`, `office_id`, `worker_id`, `year`, keyset) | 200, 401, 404, 422 |
/// | GET | /api/v1/aid-cases/{id} | any role | 200, 401, 404 |
/// | PATCH | /api/v1/aid-cases/{id} | branch_officer, area_admin (draft or returned) | 200, 401, 403, 404, 409, 422 |
/// | POST | /api/v1/aid-cases/{id}/submit | branch_officer, area_admin | 200, 401, 403, 404, 409 |
/// | POST | /api/v1/aid-cases/{id}/approve | area_reviewer, area_admin; never the submitter | 200, 401, 403, 404, 409 |
/// | POST | /api/v1/aid-cases/{id}/reject, /return | as approve; `reason` required | 200, 401, 403, 404, 409, 422 |
/// | POST | /api/v1/aid-cases/{id}/disburse | area_reviewer, area_admin; `Idempotency-Key` | 200, 401, 403, 404, 409 (fund empty, budget spent), 422 |
/// | POST | /api/v1/aid-cases/{id}/reverse | area_admin; `reason`; `Idempotency-Key` | 200, 401, 403, 404, 409, 422 |
/// | GET | /api/v1/workers/{id}/aid | any role | 200 (everything received, every branch, totals), 401, 404 |
struct AidCaseController {
    let cases: AidCaseStore

    func addRoutes(to routes: RouterGroup<AuthenticatedContext>) {
        routes.post("aid-cases", use: create)
        routes.get("aid-cases", use: list)
        routes.get("aid-cases/:id", use: get)
        routes.patch("aid-cases/:id", use: update)
        routes.post("aid-cases/:id/submit") { try await step($0, $1, .submit, reason: false) }
        routes.post("aid-cases/:id/approve") { try await step($0, $1, .approve, reason: false) }
        routes.post("aid-cases/:id/reject") { try await step($0, $1, .reject, reason: true) }
        routes.post("aid-cases/:id/return") { try await step($0, $1, .returnToBranch, reason: true) }
        routes.post("aid-cases/:id/disburse", use: disburse)
        routes.post("aid-cases/:id/reverse", use: reverse)
        routes.get("workers/:id/aid", use: workerAid)
    }

    struct Goods: Decodable {
        let item: String?
        let quantity: Int?
        let unit: String?
        let unitValue: String?
        let source: String?
    }

    struct CaseRequest: Decodable {
        let workerId: String?
        let programId: String?
        let reason: String?
        let cashRequested: String?
        let justification: String?
        let goods: [Goods]?
        let studentId: String?
        let schoolYear: Int?

        func input(over base: AidCaseInput = AidCaseInput()) -> AidCaseInput {
            AidCaseInput(
                workerID: workerId ?? base.workerID, programID: programId ?? base.programID, reason: reason ?? base.reason,
                cashRequested: cashRequested ?? base.cashRequested, justification: justification ?? base.justification,
                goods: goods?.map { AidGoodsInput(item: $0.item, quantity: $0.quantity, unit: $0.unit, unitValue: $0.unitValue, source: $0.source) }
                    ?? base.goods,
                studentID: studentId ?? base.studentID, schoolYear: schoolYear ?? base.schoolYear)
        }
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Created<AidCaseDTO> {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        var request = request
        let body = try await request.decodeJSON(CaseRequest.self, context: context)
        let aid = try await cases.create(principal, try AidCaseFields(body.input()))
        return Created(body: AidCaseDTO(aid), location: "/api/v1/aid-cases/\(aid.id)")
    }

    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> AidCaseDTO {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        let id: AidCase.ID = try context.parameters.requireID()
        var request = request
        let body = try await request.decodeJSON(CaseRequest.self, context: context)
        let current = try await cases.get(principal, id: id)
        let base = AidCaseInput(
            workerID: current.workerID.description, programID: current.programID.description, reason: current.reason,
            cashRequested: current.cashRequested.description, justification: current.justification,
            goods: current.goods.map {
                AidGoodsInput(item: $0.item, quantity: $0.quantity, unit: $0.unit, unitValue: $0.unitValue.description, source: $0.source.rawValue)
            },
            studentID: current.studentID?.description, schoolYear: current.schoolYear)
        return AidCaseDTO(try await cases.update(principal, id: id, try AidCaseFields(body.input(over: base))))
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> ListDTO<AidCaseDTO> {
        var query = QueryReader(request)
        var filter = AidCaseStore.Filter()
        filter.program = query.id("program_id")
        filter.status = query.enumeration("status", as: AidCase.Status.self)
        filter.office = query.id("office_id")
        filter.worker = query.id("worker_id")
        if let text = query.text("year") {
            filter.year = Int(text)
            if filter.year == nil { throw Problem.invalid([.invalidFormat("year", expected: "a year", expectedZH: "年份")]) }
        }
        let limit = query.limit()
        try query.finish()
        let page = try await cases.list(context.principal, filter: filter, limit: limit, after: query.text("after"))
        return ListDTO(items: page.items.map(AidCaseDTO.init), next: page.next)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> AidCaseDTO {
        AidCaseDTO(try await cases.get(context.principal, id: try context.parameters.requireID()))
    }

    struct ReasonRequest: Decodable {
        let reason: String?
    }

    func step(_ request: Request, _ context: AuthenticatedContext, _ step: AidTransition, reason needed: Bool) async throws -> AidCaseDTO {
        let principal = context.principal
        try Policy.require(principal, step.action)
        var reason: String?
        if needed {
            var request = request
            reason = try AidFields.reason(try await request.decodeJSON(ReasonRequest.self, context: context).reason)
        }
        return AidCaseDTO(try await cases.transition(principal, id: try context.parameters.requireID(), step, reason: reason))
    }

    struct DisburseRequest: Decodable {
        let cashPaid: String?
        let method: String?
        let date: String?
    }

    @Sendable func disburse(_ request: Request, context: AuthenticatedContext) async throws -> StoredAnswer {
        let principal = context.principal
        try Policy.require(principal, AidTransition.disburse.action)
        let id: AidCase.ID = try context.parameters.requireID()
        var request = request
        let body = try await request.decodeJSON(DisburseRequest.self, context: context)
        let key = try await IdempotentRequest.key(&request, context: context)
        let fields = try DisbursementFields(cashPaid: body.cashPaid, method: body.method, date: body.date, today: .today())
        let render = { (aid: AidCase) in try IdempotentRequest.render(AidCaseDTO(aid), status: .ok) }
        return try StoredAnswer.from(try await cases.disburse(principal, id: id, fields, idempotency: key, render: render), fresh: render)
    }

    @Sendable func reverse(_ request: Request, context: AuthenticatedContext) async throws -> StoredAnswer {
        let principal = context.principal
        try Policy.require(principal, AidTransition.reverse.action)
        let id: AidCase.ID = try context.parameters.requireID()
        var request = request
        let reason = try AidFields.reason(try await request.decodeJSON(ReasonRequest.self, context: context).reason)
        let key = try await IdempotentRequest.key(&request, context: context)
        let render = { (aid: AidCase) in try IdempotentRequest.render(AidCaseDTO(aid), status: .ok) }
        return try StoredAnswer.from(try await cases.reverse(principal, id: id, reason: reason, idempotency: key, render: render), fresh: render)
    }

    @Sendable func workerAid(_ request: Request, context: AuthenticatedContext) async throws -> WorkerAidDTO {
        let worker: Worker.ID = try context.parameters.requireID()
        return WorkerAidDTO(worker: worker, try await cases.workerAid(context.principal, worker: worker))
    }
}
