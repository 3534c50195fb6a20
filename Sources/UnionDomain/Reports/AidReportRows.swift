/// One row of `reporting.aid_summary`: a year's aid of one program kind, for an office or an
/// area, net of reversals.
package struct AidSummaryRow: Sendable, Hashable, Decodable {
    package let year: Int
    package let level: ReportLevel
    package let officeCode: String
    package let officeName: String
    package let programKind: String
    package let cases: Int
    package let households: Int
    package let people: Int
    package let cash: Money
    package let goodsValue: Money
    package let total: Money
}

/// Aid paid in one month of one program kind (cash and goods, net of reversals in that month):
/// the bars of the "aid by month" chart, summed from `reporting.aid_disbursements`.
package struct AidMonthRow: Sendable, Hashable, Decodable {
    package let year: Int
    package let month: Int
    package let programKind: String
    package let total: Money
}
