import UnionDomain

/// Aid by year, office and program kind (`reporting.aid_summary`), with the month chart.
package enum AidReport {
    static let columns: [ReportColumn] = [
        ReportColumn("year", "年度", "Year"),
        ReportColumn("level", "层级", "Level"),
        ReportColumn("office_code", "单位代码", "Office code"),
        ReportColumn("office_name", "单位", "Office"),
        ReportColumn("program_kind", "项目类别", "Program kind"),
        ReportColumn("cases", "笔数", "Cases"),
        ReportColumn("households", "户数", "Households"),
        ReportColumn("people", "人数", "People"),
        ReportColumn("cash", "现金", "Cash"),
        ReportColumn("goods_value", "物资折款", "Goods"),
        ReportColumn("total", "合计", "Total"),
    ]

    static func cells(_ row: AidSummaryRow) -> [ReportCell] {
        [.plain(row.year), ReportTerms.level(row.level), .text(row.officeCode), .text(row.officeName), ReportTerms.term(row.programKind),
         .count(row.cases), .count(row.households), .count(row.people), .money(row.cash), .money(row.goodsValue), .money(row.total)]
    }

    /// Aid by month of `year`, a bar per month stacked by program kind.
    package static func monthChart(year: Int, _ months: [AidMonthRow]) -> ReportChart {
        let kinds = ReportTerms.programKinds
        return ReportChart(
            title: ReportLabel("\(year)年各月帮扶资金（按项目类别）", "Aid by month and program kind, \(year) (yuan)"),
            unit: .money, series: kinds.map { ReportLabel($0.zh, $0.code) },
            categories: (1...12).map { "\($0)月" },
            values: (1...12).map { month in
                kinds.map { kind in
                    months.filter { $0.year == year && $0.month == month && $0.programKind == kind.code }.reduce(Int64(0)) { $0 + $1.total.fen }
                }
            })
    }

    package static func document(years: ReportYears, scope: String, generatedOn: String, rows: [AidSummaryRow], months: [AidMonthRow]) -> ReportDocument {
        let table = ReportTable(title: ReportLabel("帮扶资金发放", "Aid paid"), columns: columns, rows: rows.map(cells))
        let narrow = Array(columns.dropFirst(3))
        func ofYear(_ year: Int) -> [AidSummaryRow] { rows.filter { $0.year == year } }
        let sections = years.years.map { year in
            ReportSection(heading: ReportLabel("\(year)年", "\(year)"), blocks: [
                .table(ReportTable(title: ReportLabel("分单位分类别", "By office and program kind"), columns: [columns[1]] + narrow,
                                   rows: ofYear(year).map { row in [cells(row)[1]] + Array(cells(row).dropFirst(3)) },
                                   totalRows: Set(ofYear(year).indices.filter { ofYear(year)[$0].level == .area }))),
                .chart(monthChart(year: year, months)),
            ])
        }
        return ReportDocument(title: ReportLabel("帮扶资金统计", "Aid report"),
                              subtitle: "\(AnnualReport.span(years))  ·  \(scope)  ·  生成于 generated \(generatedOn)（北京时间）",
                              data: [table], sections: sections)
    }
}
