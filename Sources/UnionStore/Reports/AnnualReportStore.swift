import Foundation
import PQ
import UnionDomain

/// The annual summary as the API serves it: a signed-in principal on the app pool reads
/// `reporting.annual_summary` (the one view the app role may read). The view is area-wide and
/// row-level security does not narrow it, so the scope is applied here, in SQL: area roles get
/// their area's row and a row for every office they can see; branch roles only their own
/// office's rows, never another branch's or the area's.
package struct AnnualReportStore: Sendable {
    let database: Database

    package init(database: Database) {
        self.database = database
    }

    package func annual(_ principal: Principal, years: ReportYears) async throws -> [AnnualFigures] {
        try Policy.require(principal, .readBranchData)
        struct Visible: Decodable {
            let id: UUID
            let code: String
            let name: String
            let kind: Office.Kind
        }
        return try await database.withSession(principal, readOnly: true) { session in
            // Row-level security lets the principal read the offices of its scope; of those a
            // branch role keeps its own.
            let visible = try await session.query("SELECT id, code, name, kind FROM offices ORDER BY code").decode(Visible.self)
            let own = visible.filter { Office.ID($0.id) == principal.officeID }
            let offices = principal.role.isAreaRole ? visible : own
            let areas = principal.role.isAreaRole ? own.filter { !$0.kind.isBranchLevel } : []
            let filter = ReportOfficeFilter(offices: offices.map { ($0.code, $0.name) }, areas: areas.map { ($0.code, $0.name) })
            let rows = try await session.query("""
                SELECT * FROM reporting.annual_summary
                WHERE year BETWEEN \(Int32(years.from)) AND \(Int32(years.to)) AND \(filter.leveled)
                """).decode(AnnualFigures.self)
            return AnnualFigures.filled(rows, years: years, scopes: filter.scopes)
        }
    }
}
