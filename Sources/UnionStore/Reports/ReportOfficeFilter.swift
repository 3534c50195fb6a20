import PQ
import UnionDomain

/// Which rows of the area-wide `reporting` views a report keeps: offices' own rows by code,
/// and area rows by the area's code. The views are owned by the owner and read every office
/// (row-level security does not narrow them), so this filter is the only thing that does.
package struct ReportOfficeFilter: Sendable, Hashable {
    package let officeCodes: [String]
    package let areaCodes: [String]
    /// Each office and area the filter keeps, with its name: the rows a year without data shows.
    package let scopes: [ReportScope]

    package init(offices: [(code: String, name: String)], areas: [(code: String, name: String)]) {
        officeCodes = offices.map(\.code).sorted()
        areaCodes = areas.map(\.code).sorted()
        scopes = areas.map { ReportScope(level: .area, officeCode: $0.code, officeName: $0.name) }
            + offices.map { ReportScope(level: .office, officeCode: $0.code, officeName: $0.name) }
    }

    /// For views with a `level` column (office and area rows).
    var leveled: PQQuery {
        "((level = 'office' AND office_code = ANY(\(officeCodes))) OR (level = 'area' AND office_code = ANY(\(areaCodes))))"
    }

    /// For views of offices only.
    var offices: PQQuery { "office_code = ANY(\(officeCodes))" }
}
