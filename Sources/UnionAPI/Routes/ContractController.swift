import Foundation
import Hummingbird
import UnionDomain
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | POST | /api/v1/collective-contracts | branch_officer, area_admin | 201, 401, 403, 404, 409 (a live contract of the kind), 422 (dates, term, vote) |
/// | GET | /api/v1/collective-contracts | any role | 200 (`enterprise_id`, `kind`, `status`, keyset page), 401, 422 |
/// | GET | /api/v1/collective-contracts/attention | any role | 200 (what to act on today, Asia/Shanghai), 401 |
/// | GET | /api/v1/collective-contracts/coverage | any role | 200 (comprehensive-contract coverage), 401 |
/// | GET | /api/v1/collective-contracts/{id} | any role | 200, 401, 404 |
/// | PATCH | /api/v1/collective-contracts/{id} | branch_officer, area_admin | 200, 401, 403, 404, 409 (filed already), 422 |
/// | POST | /api/v1/collective-contracts/{id}/file | branch_officer, area_admin | 200, 401, 403, 404, 409, 422 |
/// | POST | /api/v1/collective-contracts/{id}/effective | branch_officer, area_admin | 200, 401, 403, 404, 409 (objection period running) |
/// | POST | /api/v1/collective-contracts/{id}/renew | branch_officer, area_admin | 201 (the new contract), 401, 403, 404, 409, 422 |
/// | POST | /api/v1/collective-contracts/{id}/terminate | branch_officer, area_admin | 200, 401, 403, 404, 409, 422 |
struct ContractController {
    let contracts: ContractStore
    /// "Today" in Beijing, for what the replies compute from dates; the store's clock.
    let today: @Sendable () -> CalendarDate

    func addRoutes(to routes: RouterGroup<AuthenticatedContext>) {
        routes.post("collective-contracts", use: create)
        routes.get("collective-contracts", use: list)
        routes.get("collective-contracts/attention", use: attention)
        routes.get("collective-contracts/coverage", use: coverage)
        routes.get("collective-contracts/:id", use: get)
        routes.patch("collective-contracts/:id", use: update)
        routes.post("collective-contracts/:id/file", use: file)
        routes.post("collective-contracts/:id/effective", use: effective)
        routes.post("collective-contracts/:id/renew", use: renew)
        routes.post("collective-contracts/:id/terminate", use: terminate)
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Created<ContractDTO> {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        var request = request
        let input = try await request.decodeJSON(ContractInput.self, context: context)
        let contract = try await contracts.create(principal, try ContractFields(input))
        return Created(body: ContractDTO(contract, today: today()), location: "/api/v1/collective-contracts/\(contract.id)")
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> ListDTO<ContractDTO> {
        var query = QueryReader(request)
        let enterprise: Enterprise.ID? = query.id("enterprise_id")
        let kind = query.enumeration("kind", as: CollectiveContract.Kind.self)
        let status = query.enumeration("status", as: CollectiveContract.Status.self)
        let limit = query.limit()
        try query.finish()
        let page = try await contracts.list(context.principal, enterprise: enterprise, kind: kind, status: status, limit: limit,
                                            after: query.text("after"))
        let today = today()
        return ListDTO(items: page.items.map { ContractDTO($0, today: today) }, next: page.next)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> ContractDTO {
        ContractDTO(try await contracts.get(context.principal, id: try context.parameters.requireID()), today: today())
    }

    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> ContractDTO {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        let id: CollectiveContract.ID = try context.parameters.requireID()
        var request = request
        let patch = try await request.decodeJSON(ContractInput.self, context: context)
        return ContractDTO(try await contracts.update(principal, id: id, patch), today: today())
    }

    struct FileRequest: Decodable {
        let filedOn: String?
    }

    @Sendable func file(_ request: Request, context: AuthenticatedContext) async throws -> ContractDTO {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        let id: CollectiveContract.ID = try context.parameters.requireID()
        var request = request
        let body = try await request.decodeJSON(FileRequest.self, context: context)
        var date: CalendarDate?
        if let text = body.filedOn {
            guard let parsed = CalendarDate(input: text) else {
                throw Problem.invalid([.invalidFormat("filed_on", expected: "a date YYYY-MM-DD", expectedZH: "日期 YYYY-MM-DD")])
            }
            date = parsed
        }
        return ContractDTO(try await contracts.file(principal, id: id, on: date), today: today())
    }

    @Sendable func effective(_ request: Request, context: AuthenticatedContext) async throws -> ContractDTO {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        return ContractDTO(try await contracts.makeEffective(principal, id: try context.parameters.requireID()), today: today())
    }

    @Sendable func renew(_ request: Request, context: AuthenticatedContext) async throws -> Created<ContractDTO> {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        let id: CollectiveContract.ID = try context.parameters.requireID()
        var request = request
        let input = try await request.decodeJSON(ContractInput.self, context: context)
        let contract = try await contracts.renew(principal, id: id, input)
        return Created(body: ContractDTO(contract, today: today()), location: "/api/v1/collective-contracts/\(contract.id)")
    }

    struct TerminateRequest: Decodable {
        let reason: String?
    }

    @Sendable func terminate(_ request: Request, context: AuthenticatedContext) async throws -> ContractDTO {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        let id: CollectiveContract.ID = try context.parameters.requireID()
        var request = request
        let body = try await request.decodeJSON(TerminateRequest.self, context: context)
        return ContractDTO(try await contracts.terminate(principal, id: id, reason: body.reason), today: today())
    }

    @Sendable func attention(_ request: Request, context: AuthenticatedContext) async throws -> AttentionListDTO {
        let rows = try await contracts.attention(context.principal)
        return AttentionListDTO(today: today().description, items: rows.map(AttentionDTO.init))
    }

    @Sendable func coverage(_ request: Request, context: AuthenticatedContext) async throws -> CoverageReportDTO {
        let figures = try await contracts.coverage(context.principal)
        return CoverageReportDTO(today: today().description, area: CoverageDTO(figures.area), offices: figures.offices.map(CoverageDTO.init))
    }
}
