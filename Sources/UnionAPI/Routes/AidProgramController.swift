import Foundation
import HTTPTypes
import Hummingbird
import UnionDomain
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | POST | /api/v1/aid-programs | area_admin | 201, 401, 403, 422 |
/// | GET | /api/v1/aid-programs | any role (`year`, `kind`, keyset) | 200, 401, 422 |
/// | GET | /api/v1/aid-programs/{id} | any role | 200, 401, 404 |
/// | PATCH | /api/v1/aid-programs/{id} | area_admin | 200, 401, 403, 404, 409 (budget below spent), 422 |
/// | POST | /api/v1/aid-programs/{id}/visit-list | branch_officer, area_admin | 200, 401, 403, 404, 409 (not a holiday campaign) |
struct AidProgramController {
    let programs: AidProgramStore

    func addRoutes(to routes: RouterGroup<AuthenticatedContext>) {
        routes.post("aid-programs", use: create)
        routes.get("aid-programs", use: list)
        routes.get("aid-programs/:id", use: get)
        routes.patch("aid-programs/:id", use: update)
        routes.post("aid-programs/:id/visit-list", use: visitList)
    }

    struct Standard: Decodable {
        let key: String?
        let amount: String?
    }

    /// Standards travel as a list of `{key, amount}`: an object's keys would pass through the
    /// decoder's snake-case conversion.
    struct ProgramRequest: Decodable {
        let kind: String?
        let name: String?
        let year: Int?
        let fundId: String?
        let budget: String?
        let standardBasis: String?
        let standards: [Standard]?
        let opensOn: String?
        let closesOn: String?
        let oncePer: String?
        let eligibility: String?
        let festival: String?
        let includesModelWorkers: Bool?

        func input(over base: AidProgramInput = AidProgramInput()) -> AidProgramInput {
            var standardTable: [String: String]?
            if let standards {
                standardTable = Dictionary(standards.map { ($0.key ?? "", $0.amount ?? "") }) { _, last in last }
            }
            return AidProgramInput(
                kind: kind ?? base.kind, name: name ?? base.name, year: year ?? base.year, fundID: fundId ?? base.fundID,
                budget: budget ?? base.budget, standardBasis: standardBasis ?? base.standardBasis, standards: standardTable ?? base.standards,
                opensOn: opensOn ?? base.opensOn, closesOn: closesOn ?? base.closesOn, oncePer: oncePer ?? base.oncePer,
                eligibility: eligibility ?? base.eligibility, festival: festival ?? base.festival,
                includesModelWorkers: includesModelWorkers ?? base.includesModelWorkers)
        }
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Created<AidProgramDTO> {
        let principal = context.principal
        try Policy.require(principal, .manageAid)
        var request = request
        let body = try await request.decodeJSON(ProgramRequest.self, context: context)
        let program = try await programs.create(principal, try AidProgramFields(body.input()))
        return Created(body: AidProgramDTO(program), location: "/api/v1/aid-programs/\(program.id)")
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> ListDTO<AidProgramDTO> {
        var query = QueryReader(request)
        var year: Int?
        if let text = query.text("year") {
            year = Int(text)
            if year == nil { throw Problem.invalid([.invalidFormat("year", expected: "a year", expectedZH: "年份")]) }
        }
        let kind = query.enumeration("kind", as: AidProgram.Kind.self)
        let limit = query.limit()
        try query.finish()
        let page = try await programs.list(context.principal, year: year, kind: kind, limit: limit, after: query.text("after"))
        return ListDTO(items: page.items.map(AidProgramDTO.init), next: page.next)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> AidProgramDTO {
        AidProgramDTO(try await programs.get(context.principal, id: try context.parameters.requireID()))
    }

    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> AidProgramDTO {
        let principal = context.principal
        try Policy.require(principal, .manageAid)
        let id: AidProgram.ID = try context.parameters.requireID()
        var request = request
        let body = try await request.decodeJSON(ProgramRequest.self, context: context)
        let current = try await programs.get(principal, id: id)
        return AidProgramDTO(try await programs.update(principal, id: id, try AidProgramFields(body.input(over: current.input))))
    }

    @Sendable func visitList(_ request: Request, context: AuthenticatedContext) async throws -> VisitListDTO {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        let result = try await programs.visitList(principal, program: try context.parameters.requireID())
        return VisitListDTO(created: result.created, skipped: result.skipped)
    }
}
