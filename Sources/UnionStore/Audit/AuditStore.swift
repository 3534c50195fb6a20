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

    /// Entries older than `after` (an entry id), at most `limit` of them.
    package func list(_ principal: Principal, filter: Filter, limit: Int, after: Int64?) async throws -> Page<AuditEntry> {
        do { try Policy.require(principal, .readAudit) } catch { throw StoreError.map(error) }
        var conditions: [PQQuery] = ["true"]
        if let office = ScopeSettings.onlyOffice(of: principal) { conditions.append("a.office_id = \(office)") }
        if let table = filter.table { conditions.append("a.table_name = \(table)") }
        if let rowID = filter.rowID { conditions.append("a.row_id = \(rowID)") }
        if let userID = filter.userID { conditions.append("a.user_id = \(userID)") }
        if let from = filter.from { conditions.append("a.at >= \(from)") }
        if let to = filter.to { conditions.append("a.at < \(to)") }
        if let after { conditions.append("a.id < \(after)") }
        // Who and where by name as well as id: people read usernames and office codes.
        let query: PQQuery = """
            SELECT a.id, a.at, a.user_id, u.username, a.office_id, o.code, a.table_name, a.row_id, a.action,
                   a.before::text, a.after::text
            FROM audit_log a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN offices o ON o.id = a.office_id
            WHERE \(PQQuery.joined(conditions, separator: " AND "))
            ORDER BY a.id DESC\(PQQuery.limit(limit + 1))
            """
        let entries = try await database.read(principal, query).map { row -> AuditEntry in
            var column = row.cursor()
            return AuditEntry(id: try column.next(), at: try column.next(), userID: try column.nextIfPresent(),
                              username: try column.nextIfPresent(), officeID: try column.nextIfPresent(), officeCode: try column.nextIfPresent(),
                              tableName: try column.next(), rowID: try column.next(), action: try column.next(),
                              before: try column.nextIfPresent(), after: try column.nextIfPresent())
        }
        let page = Array(entries.prefix(limit))
        return Page(items: page, next: entries.count > limit ? page.last.map { String($0.id) } : nil)
    }
}
