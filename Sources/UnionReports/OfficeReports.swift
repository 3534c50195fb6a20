import UnionDomain

/// Funds and collective contracts: figures as of today, per office.
package enum FundsReport {
    static let columns: [ReportColumn] = [
        ReportColumn("office_code", "单位代码", "Office code"),
        ReportColumn("office_name", "单位", "Office"),
        ReportColumn("fund_name", "资金", "Fund"),
        ReportColumn("source", "来源", "Source"),
        ReportColumn("receipts", "收入", "Receipts"),
        ReportColumn("disbursements", "帮扶支出", "Aid paid"),
        ReportColumn("premiums", "保费支出", "Premiums"),
        ReportColumn("reversals", "冲正", "Reversals"),
        ReportColumn("ledger_total", "台账合计", "Ledger total"),
        ReportColumn("balance", "余额", "Balance"),
        ReportColumn("entries", "笔数", "Entries"),
    ]

    package static func document(scope: String, generatedOn: String, rows: [FundBalanceRow]) -> ReportDocument {
        let table = ReportTable(title: ReportLabel("帮扶资金余额", "Fund balances"), columns: columns, rows: rows.map {
            [.text($0.officeCode), .text($0.officeName), .text($0.fundName), ReportTerms.term($0.source), .money($0.receipts),
             .money($0.disbursements), .money($0.premiums), .money($0.reversals), .money($0.ledgerTotal), .money($0.balance), .count($0.entries)]
        })
        let narrow = ReportTable(title: table.title, columns: Array(columns.dropFirst()), rows: table.rows.map { Array($0.dropFirst()) })
        return ReportDocument(title: ReportLabel("帮扶资金收支与余额", "Funds report"),
                              subtitle: "\(scope)  ·  截至 as of \(generatedOn)（北京时间）",
                              data: [table], sections: [ReportSection(heading: ReportLabel("资金", "Funds"), blocks: [.table(narrow)])])
    }
}

package enum ContractsReport {
    static let columns: [ReportColumn] = [
        ReportColumn("office_code", "单位代码", "Office code"),
        ReportColumn("office_name", "单位", "Office"),
        ReportColumn("ownership", "所有制", "Ownership"),
        ReportColumn("enterprises", "企业数", "Enterprises"),
        ReportColumn("with_union", "已建会", "With a union"),
        ReportColumn("with_valid_comprehensive", "综合合同有效", "Valid comprehensive contract"),
        ReportColumn("coverage_rate", "覆盖率", "Coverage"),
        ReportColumn("expiring_in_3_months", "三个月内到期", "Expiring in 3 months"),
        ReportColumn("expired", "已过期", "Expired"),
        ReportColumn("not_filed", "逾期未备案", "Not filed"),
    ]

    package static func document(scope: String, generatedOn: String, rows: [ContractStatusRow]) -> ReportDocument {
        let table = ReportTable(title: ReportLabel("集体合同", "Collective contracts"), columns: columns, rows: rows.map {
            [.text($0.officeCode), .text($0.officeName), ReportTerms.term($0.ownership), .count($0.enterprises), .count($0.withUnion),
             .count($0.withValidComprehensive), .rate($0.coverageRate), .count($0.expiringSoon), .count($0.expired), .count($0.notFiled)]
        })
        let narrow = ReportTable(title: table.title, columns: Array(columns.dropFirst()), rows: table.rows.map { Array($0.dropFirst()) })
        return ReportDocument(title: ReportLabel("集体合同签订与覆盖", "Collective contracts report"),
                              subtitle: "\(scope)  ·  截至 as of \(generatedOn)（北京时间）",
                              data: [table], sections: [ReportSection(heading: ReportLabel("集体合同", "Contracts"), blocks: [.table(narrow)])])
    }
}
