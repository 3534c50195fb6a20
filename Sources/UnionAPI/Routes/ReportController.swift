import Foundation
import HTTPTypes
import Hummingbird
import UnionDomain
import UnionReports
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | GET | /api/v1/reports/annual | any role (area roles: their area's total and every office; branch roles: their own office only) | 200 JSON, or CSV for `Accept: text/csv`; 401, 422 (`from`, `to`) |
///
/// The figures are exactly `reporting.annual_summary`'s (read by `AnnualReportStore`, which
/// applies the caller's scope in SQL); years the view has no row for answer zeros.
struct ReportController {
    let reports: AnnualReportStore
    /// "This year" in Beijing, the default `to`; injected so a test can fix it.
    let today: @Sendable () -> CalendarDate

    func addRoutes(to routes: RouterGroup<AuthenticatedContext>) {
        routes.get("reports/annual", use: annual)
    }

    @Sendable func annual(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let query = QueryReader(request)
        try query.finish()
        var errors: [FieldError] = []
        func year(_ name: String) -> Int? {
            guard let text = query.text(name) else { return nil }
            guard let year = Int(text) else {
                errors.append(.invalidFormat(name, expected: "a year such as 2026", expectedZH: "年份，如 2026"))
                return nil
            }
            return year
        }
        let from = year("from"), to = year("to")
        if !errors.isEmpty { throw Problem.invalid(errors) }
        let years = try ReportYears(from: from, to: to, thisYear: today().year)
        let rows = try await reports.annual(context.principal, years: years)
        if request.headers[.accept]?.lowercased().contains("text/csv") == true {
            // The same renderer as `unionctl report annual --format csv`: UTF-8 with a BOM, CRLF.
            let csv = ReportCSV.render([AnnualReport.table(rows)])
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"annual-\(years.from)-\(years.to).csv\""],
                            body: .init(byteBuffer: ByteBuffer(string: csv)))
        }
        return try AnnualReportDTO(from: years.from, to: years.to, rows: rows.map(AnnualReportDTO.Row.init))
            .response(from: request, context: context)
    }
}
