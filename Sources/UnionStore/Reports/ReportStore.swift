import PQ
import UnionDomain

/// The reporting job's reads: plain SELECTs from the `reporting` views on a connection that
/// logs in as `unionhall_reporting` (`UNIONHALL_REPORTING_URL`). No principal and no
/// row-level security scope: that role can read those views and nothing else, which is the
/// whole of its permission. Every amount decodes to `Money`, every rate to `Rate`.
package struct ReportStore: Sendable {
    let pool: PQPool

    /// `pool` must log in as the reporting role (or any role granted SELECT on the views).
    package init(reportingPool pool: PQPool) {
        self.pool = pool
    }

    static func unknownOffice(_ code: String) -> ValidationFailure {
        ValidationFailure([FieldError(field: "office", code: "unknown_value", message: "no office or area has the code \(code)",
                                      messageZH: "没有代码为 \(code) 的单位或地区")])
    }

    /// The offices a report covers: every office and area, or one office (`code` of a branch),
    /// or an area (`code` of an area or district) with every office in it.
    package func filter(office code: String?) async throws -> ReportOfficeFilter {
        let all = try await read("SELECT office_code, office_name, kind, area_code FROM reporting.offices ORDER BY office_code")
            .decode(ReportOffice.self)
        let chosen: [ReportOffice]
        if let code {
            guard let office = all.first(where: { $0.officeCode == code }) else { throw Self.unknownOffice(code) }
            chosen = office.isArea ? all.filter { $0.areaCode == code } : [office]
        } else {
            chosen = all
        }
        return ReportOfficeFilter(offices: chosen.map { ($0.officeCode, $0.officeName) },
                                  areas: chosen.filter(\.isArea).map { ($0.officeCode, $0.officeName) })
    }

    /// The annual summary over `years`: a row per year for each office and area of `filter`,
    /// zeros for years the view has no row for.
    package func annual(_ years: ReportYears, _ filter: ReportOfficeFilter) async throws -> [AnnualFigures] {
        let rows = try await read("""
            SELECT * FROM reporting.annual_summary
            WHERE year BETWEEN \(Int32(years.from)) AND \(Int32(years.to)) AND \(filter.leveled)
            """).decode(AnnualFigures.self)
        return AnnualFigures.filled(rows, years: years, scopes: filter.scopes)
    }

    /// Aid by year, office (and area) and program kind, net of reversals.
    package func aidSummary(_ years: ReportYears, _ filter: ReportOfficeFilter) async throws -> [AidSummaryRow] {
        try await read("""
            SELECT year, level, office_code, office_name, program_kind, cases, households, people, cash, goods_value, total
            FROM reporting.aid_summary
            WHERE year BETWEEN \(Int32(years.from)) AND \(Int32(years.to)) AND \(filter.leveled)
            ORDER BY year, level, office_code, program_kind
            """).decode(AidSummaryRow.self)
    }

    /// Aid by month and program kind over the filter's offices (each disbursement once, its
    /// reversal netted in the month it happened).
    package func aidMonths(_ years: ReportYears, _ filter: ReportOfficeFilter) async throws -> [AidMonthRow] {
        try await read("""
            SELECT year, month, program_kind, sum(total)::numeric(14, 2) AS total
            FROM reporting.aid_disbursements
            WHERE year BETWEEN \(Int32(years.from)) AND \(Int32(years.to)) AND \(filter.offices)
            GROUP BY year, month, program_kind
            ORDER BY year, month, program_kind
            """).decode(AidMonthRow.self)
    }

    /// Participant-times by year, organising office and kind.
    package func participation(_ years: ReportYears, _ filter: ReportOfficeFilter) async throws -> [ParticipationRow] {
        try await read("""
            SELECT year, office_code, office_name, kind, events, named_participants, head_count, participant_times
            FROM reporting.activity_participation
            WHERE year BETWEEN \(Int32(years.from)) AND \(Int32(years.to)) AND \(filter.offices)
            ORDER BY year, office_code, kind
            """).decode(ParticipationRow.self)
    }

    package func fundBalances(_ filter: ReportOfficeFilter) async throws -> [FundBalanceRow] {
        try await read("""
            SELECT office_code, office_name, fund_name, source, receipts, disbursements, premiums, reversals, ledger_total, balance, entries
            FROM reporting.fund_balances WHERE \(filter.offices)
            ORDER BY office_code, fund_name
            """).decode(FundBalanceRow.self)
    }

    /// Coverage of the periods that overlap `year` (of one plan when `plan` is given).
    package func insuranceCoverage(year: Int, plan: String?, _ filter: ReportOfficeFilter) async throws -> [CoverageRow] {
        try await read("""
            SELECT plan_code, plan_name, period_starts_on, period_ends_on, office_code, office_name, active_members, enrolled, rate
            FROM reporting.insurance_coverage
            WHERE \(Self.overlapping(year: year, plan: plan)) AND \(filter.offices)
            ORDER BY plan_code, period_starts_on, office_code
            """).decode(CoverageRow.self)
    }

    package func claims(year: Int, plan: String?, _ filter: ReportOfficeFilter) async throws -> [ClaimsRow] {
        try await read("""
            SELECT plan_code, plan_name, period_starts_on, period_ends_on, office_code, office_name, claims, pending, approved, rejected,
                   paid, amount_claimed, payout_approved, payout_paid
            FROM reporting.insurance_claims_summary
            WHERE \(Self.overlapping(year: year, plan: plan)) AND \(filter.offices)
            ORDER BY plan_code, period_starts_on, office_code
            """).decode(ClaimsRow.self)
    }

    package func contracts(_ filter: ReportOfficeFilter) async throws -> [ContractStatusRow] {
        try await read("""
            SELECT office_code, office_name, ownership, enterprises, with_union, with_valid_comprehensive, coverage_rate,
                   expiring_in_3_months AS expiring_soon, expired, not_filed
            FROM reporting.contracts_status WHERE \(filter.offices)
            ORDER BY office_code, ownership
            """).decode(ContractStatusRow.self)
    }

    static func overlapping(year: Int, plan: String?) -> PQQuery {
        """
        period_starts_on <= make_date(\(Int32(year)), 12, 31) AND period_ends_on >= make_date(\(Int32(year)), 1, 1)
        AND (\(plan)::text IS NULL OR plan_code = \(plan))
        """
    }

    private func read(_ query: PQQuery) async throws -> PQResult {
        do {
            return try await pool.query(query)
        } catch {
            throw StoreError.map(error)
        }
    }
}
