import Foundation
import PQ
import UnionDomain

/// Reads the audit log (area_admin, auditor), newest first, in keyset pages.
package struct AuditStore: Sendable {
    let database: Database
    package init(database: Database) { self.database = database }

    package struct Filter: Sendable {
        package var table: String?
        package var rowID: String?
        package var userID: User.ID?
        package var from: Date?
        package var to: Date?
        package init(table: String? = nil, rowID: String? = nil, userID: User.ID? = nil, from: Date? = nil, to: Date? = nil) {
            self.table = table
            self.rowID = rowID
            self.userID = userID
            self.from = from
            self.to = to
        }
    }

    struct Row: Decodable {
        let id: Int64
        let at: Date
        let userId: UUID?
        let officeId: UUID?
        let tableName: String
        let rowId: String
        let action: String
        let before: String?
        let after: String?
    }

    /// Entries older than `after` (an entry id), at most `limit` of them.
    package func list(_ principal: Principal, filter: Filter, limit: Int, after: Int64?) async throws -> Page<AuditEntry> {
        do { try Policy.require(principal, .readAudit) } catch { throw StoreError.map(error) }
        var conditions: [PQQuery] = ["true"]
        if let office = ScopeSettings.onlyOffice(of: principal) { conditions.append("office_id = \(office)") }
        if let table = filter.table { conditions.append("table_name = \(table)") }
        if let rowID = filter.rowID { conditions.append("row_id = \(rowID)") }
        if let userID = filter.userID { conditions.append("user_id = \(userID)") }
        if let from = filter.from { conditions.append("at >= \(from)") }
        if let to = filter.to { conditions.append("at < \(to)") }
        if let after { conditions.append("id < \(after)") }
        let query: PQQuery = """
            SELECT id, at, user_id, office_id, table_name, row_id, action, before::text AS before, after::text AS after
            FROM audit_log WHERE \(PQQuery.joined(conditions, separator: " AND "))
            ORDER BY id DESC\(PQQuery.limit(limit + 1))
            """
        let rows = try await database.read(principal, query).decode(Row.self)
        let entries = rows.prefix(limit).map {
            AuditEntry(id: $0.id, at: $0.at, userID: $0.userId.map(User.ID.init), officeID: $0.officeId.map(Office.ID.init),
                       tableName: $0.tableName, rowID: $0.rowId, action: $0.action, before: $0.before, after: $0.after)
        }
        return Page(items: Array(entries), next: rows.count > limit ? entries.last.map { String($0.id) } : nil)
    }
}
