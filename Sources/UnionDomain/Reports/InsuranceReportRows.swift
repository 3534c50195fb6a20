import CivilDates

/// One row of `reporting.insurance_coverage`: a branch's active members and how many are
/// enrolled in one period of one plan.
package struct CoverageRow: Sendable, Hashable, Decodable {
    package let planCode: String
    package let planName: String
    package let periodStartsOn: CalendarDate
    package let periodEndsOn: CalendarDate
    package let officeCode: String
    package let officeName: String
    package let activeMembers: Int
    package let enrolled: Int
    package let rate: Rate
}

/// One row of `reporting.insurance_claims_summary`: the claims a branch filed in one period.
package struct ClaimsRow: Sendable, Hashable, Decodable {
    package let planCode: String
    package let planName: String
    package let periodStartsOn: CalendarDate
    package let periodEndsOn: CalendarDate
    package let officeCode: String
    package let officeName: String
    package let claims: Int
    package let pending: Int
    package let approved: Int
    package let rejected: Int
    package let paid: Int
    package let amountClaimed: Money
    package let payoutApproved: Money
    package let payoutPaid: Money
}
