import CivilDates
import UnionDomain

/// Mutual insurance: coverage per period and branch, and claims.
package enum InsuranceReport {
    static let coverageColumns: [ReportColumn] = [
        ReportColumn("plan_code", "计划代码", "Plan code"),
        ReportColumn("plan_name", "保障计划", "Plan"),
        ReportColumn("period_starts_on", "保障期起", "Period from"),
        ReportColumn("period_ends_on", "保障期止", "Period to"),
        ReportColumn("office_code", "单位代码", "Office code"),
        ReportColumn("office_name", "单位", "Office"),
        ReportColumn("active_members", "在会会员", "Active members"),
        ReportColumn("enrolled", "参保人数", "Enrolled"),
        ReportColumn("rate", "参保率", "Rate"),
    ]
    static let claimsColumns: [ReportColumn] = [
        ReportColumn("plan_code", "计划代码", "Plan code"),
        ReportColumn("plan_name", "保障计划", "Plan"),
        ReportColumn("period_starts_on", "保障期起", "Period from"),
        ReportColumn("period_ends_on", "保障期止", "Period to"),
        ReportColumn("office_code", "单位代码", "Office code"),
        ReportColumn("office_name", "单位", "Office"),
        ReportColumn("claims", "申请", "Claims"),
        ReportColumn("pending", "待审", "Pending"),
        ReportColumn("approved", "批准", "Approved"),
        ReportColumn("rejected", "驳回", "Rejected"),
        ReportColumn("paid", "已赔付", "Paid"),
        ReportColumn("amount_claimed", "申请金额", "Claimed"),
        ReportColumn("payout_approved", "批准赔付", "Payout approved"),
        ReportColumn("payout_paid", "已付赔款", "Payout paid"),
    ]

    static func cells(_ row: CoverageRow) -> [ReportCell] {
        [.text(row.planCode), .text(row.planName), .text(row.periodStartsOn.description), .text(row.periodEndsOn.description),
         .text(row.officeCode), .text(row.officeName), .count(row.activeMembers), .count(row.enrolled), .rate(row.rate)]
    }

    static func cells(_ row: ClaimsRow) -> [ReportCell] {
        [.text(row.planCode), .text(row.planName), .text(row.periodStartsOn.description), .text(row.periodEndsOn.description),
         .text(row.officeCode), .text(row.officeName), .count(row.claims), .count(row.pending), .count(row.approved), .count(row.rejected),
         .count(row.paid), .money(row.amountClaimed), .money(row.payoutApproved), .money(row.payoutPaid)]
    }

    package static func document(year: Int, scope: String, generatedOn: String, coverage: [CoverageRow], claims: [ClaimsRow]) -> ReportDocument {
        let coverageTable = ReportTable(title: ReportLabel("参保覆盖", "Coverage"), columns: coverageColumns, rows: coverage.map(cells))
        let claimsTable = ReportTable(title: ReportLabel("理赔", "Claims"), columns: claimsColumns, rows: claims.map(cells))
        var periods: [String] = []
        for row in coverage where !periods.contains(key(row)) { periods.append(key(row)) }
        let charts: [ReportBlock] = periods.map { period in
            let lines = coverage.filter { key($0) == period }
            let first = lines[0]
            return .chart(ReportChart(
                title: ReportLabel("\(first.planName) \(first.periodStartsOn)–\(first.periodEndsOn) 各单位参保率", "Coverage by branch"),
                unit: .count, series: [ReportLabel("已参保", "enrolled"), ReportLabel("未参保", "not enrolled")],
                categories: lines.map(\.officeName),
                values: lines.map { [Int64($0.enrolled), Int64(max($0.activeMembers - $0.enrolled, 0))] },
                barLabels: lines.map { "\($0.rate.percent) (\($0.enrolled)/\($0.activeMembers))" }))
        }
        return ReportDocument(
            title: ReportLabel("职工互助保障统计", "Mutual insurance report"),
            subtitle: "\(year)年（与该年重叠的保障期 periods overlapping the year）  ·  \(scope)  ·  生成于 generated \(generatedOn)（北京时间）",
            data: [coverageTable, claimsTable],
            sections: [
                ReportSection(heading: ReportLabel("参保覆盖", "Coverage"), blocks: [.table(narrow(coverageTable))] + charts),
                ReportSection(heading: ReportLabel("理赔", "Claims"), blocks: [.table(narrow(claimsTable))]),
            ])
    }

    static func key(_ row: CoverageRow) -> String { "\(row.planCode) \(row.periodStartsOn)" }

    /// For reading: the plan and period as one column, no codes.
    static func narrow(_ table: ReportTable) -> ReportTable {
        ReportTable(title: table.title,
                    columns: [ReportColumn("period", "保障计划与期间", "Plan and period"), table.columns[5]] + table.columns.dropFirst(6),
                    rows: table.rows.map { row in
                        [.text("\(row[1].display) \(row[2].display)–\(row[3].display)"), row[5]] + row.dropFirst(6)
                    })
    }
}
