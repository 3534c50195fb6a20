import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import UnionDomain
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | GET | /api/v1/audit | area_admin, auditor | 200, 401, 403, 422 (bad filter) |
///
/// Filters: `table`, `row_id`, `user_id`, `from`, `to` (ISO 8601); pages: `limit` (1–200,
/// default 50) and `after` (the `next` of the previous page).
struct AuditController {
    let audit: AuditStore

    func addRoutes(to routes: RouterGroup<AuthenticatedContext>) {
        routes.get("audit", use: list)
    }

    struct EntryDTO: Encodable, Sendable {
        let id: Int64
        let at: Date
        let userId: String?
        let username: String?
        let officeId: String?
        let officeCode: String?
        let table: String
        let rowId: String
        let action: String
        let before: JSONText?
        let after: JSONText?
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> ListDTO<EntryDTO> {
        let principal = context.principal
        try QueryReader(request).finish()  // refuses NUL characters in any parameter
        let query = request.uri.queryParameters
        var errors: [FieldError] = []
        var filter = AuditStore.Filter(table: query.get("table"), rowID: query.get("row_id"))
        if let text = query.get("user_id") {
            filter.userID = User.ID(uuidString: text)
            if filter.userID == nil { errors.append(.invalidFormat("user_id", expected: "a UUID", expectedZH: "UUID")) }
        }
        for (name, keyPath) in [("from", \AuditStore.Filter.from), ("to", \AuditStore.Filter.to)] {
            guard let text = query.get(name) else { continue }
            if let date = try? Date(text, strategy: .iso8601) {
                filter[keyPath: keyPath] = date
            } else {
                errors.append(.invalidFormat(name, expected: "an ISO 8601 time", expectedZH: "ISO 8601 时间"))
            }
        }
        let limit = query.get("limit").map { Int($0) ?? -1 } ?? 50
        if !(1...200).contains(limit) {
            errors.append(FieldError(field: "limit", code: "out_of_range", message: "must be 1 to 200", messageZH: "须在1到200之间"))
        }
        let after = query.get("after").map { Int64($0) ?? -1 }
        if let after, after < 0 { errors.append(.invalidFormat("after", expected: "a cursor from `next`", expectedZH: "上一页返回的 next")) }
        if !errors.isEmpty { throw Problem.invalid(errors) }
        let page = try await audit.list(principal, filter: filter, limit: limit, after: after)
        return ListDTO(items: page.items.map {
            EntryDTO(id: $0.id, at: $0.at, userId: $0.userID?.description, username: $0.username, officeId: $0.officeID?.description,
                     officeCode: $0.officeCode,
                     table: $0.tableName, rowId: $0.rowID, action: $0.action,
                     before: $0.before.map(JSONText.init), after: $0.after.map(JSONText.init))
        }, next: page.next)
    }
}
