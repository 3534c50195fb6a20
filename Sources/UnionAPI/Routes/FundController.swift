import Foundation
import HTTPTypes
import Hummingbird
import UnionDomain
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | POST | /api/v1/funds | area_admin | 201, 401, 403, 409 (name taken), 422 |
/// | GET | /api/v1/funds | area roles | 200, 401, 403 |
/// | GET | /api/v1/funds/{id} | area roles | 200, 401, 403, 404 |
/// | POST | /api/v1/funds/{id}/receipts | area_admin; `Idempotency-Key` | 201, 401, 403, 404, 422 (also a reused key) |
/// | GET | /api/v1/funds/{id}/ledger | area roles | 200 (keyset page, running balance), 401, 403, 404, 422 |
struct FundController {
    let funds: FundStore

    func addRoutes(to routes: RouterGroup<AuthenticatedContext>) {
        routes.post("funds", use: create)
        routes.get("funds", use: list)
        routes.get("funds/:id", use: get)
        routes.post("funds/:id/receipts", use: receive)
        routes.get("funds/:id/ledger", use: ledger)
    }

    struct CreateRequest: Decodable {
        let name: String?
        let source: String?
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Created<FundDTO> {
        let principal = context.principal
        try Policy.require(principal, .manageAid)
        var request = request
        let body = try await request.decodeJSON(CreateRequest.self, context: context)
        let fund = try await funds.create(principal, try FundFields(name: body.name, source: body.source))
        return Created(body: FundDTO(fund), location: "/api/v1/funds/\(fund.id)")
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> ListDTO<FundDTO> {
        ListDTO(items: try await funds.list(context.principal).map(FundDTO.init), next: nil)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> FundDTO {
        FundDTO(try await funds.get(context.principal, id: try context.parameters.requireID()))
    }

    struct ReceiptRequest: Decodable {
        let amount: String?
        let date: String?
        let payer: String?
        let memo: String?
    }

    @Sendable func receive(_ request: Request, context: AuthenticatedContext) async throws -> StoredAnswer {
        let principal = context.principal
        try Policy.require(principal, .manageAid)
        let id: Fund.ID = try context.parameters.requireID()
        var request = request
        let body = try await request.decodeJSON(ReceiptRequest.self, context: context)
        let key = try await IdempotentRequest.key(&request, context: context)
        let fields = try ReceiptFields(amount: body.amount, date: body.date, payer: body.payer, memo: body.memo, today: .today())
        let render = { (entry: LedgerEntry) in
            try IdempotentRequest.render(LedgerEntryDTO(entry), status: .created, location: "/api/v1/funds/\(id)/ledger")
        }
        return try StoredAnswer.from(try await funds.receive(principal, fund: id, fields, idempotency: key, render: render), fresh: render)
    }

    @Sendable func ledger(_ request: Request, context: AuthenticatedContext) async throws -> ListDTO<LedgerEntryDTO> {
        var query = QueryReader(request)
        let limit = query.limit()
        try query.finish()
        let page = try await funds.ledger(context.principal, fund: try context.parameters.requireID(), limit: limit, after: query.text("after"))
        return ListDTO(items: page.items.map(LedgerEntryDTO.init), next: page.next)
    }
}
