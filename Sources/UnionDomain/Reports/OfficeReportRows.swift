/// One row of `reporting.fund_balances`: a fund's ledger by kind of entry, and its balance.
package struct FundBalanceRow: Sendable, Hashable, Decodable {
    package let officeCode: String
    package let officeName: String
    package let fundName: String
    package let source: String
    package let receipts: Money
    package let disbursements: Money
    package let premiums: Money
    package let reversals: Money
    package let ledgerTotal: Money
    package let balance: Money
    package let entries: Int
}

/// One row of `reporting.contracts_status`: a branch's enterprises of one ownership and their
/// collective contracts today.
package struct ContractStatusRow: Sendable, Hashable, Decodable {
    package let officeCode: String
    package let officeName: String
    package let ownership: String
    package let enterprises: Int
    package let withUnion: Int
    package let withValidComprehensive: Int
    package let coverageRate: Rate
    /// `expiring_in_3_months` (read under this name: the column's digit has no camelCase form).
    package let expiringSoon: Int
    package let expired: Int
    package let notFiled: Int
}

/// One row of `reporting.activity_participation`: a year's activities of one kind organised by
/// one office, and their participant-times (人次).
package struct ParticipationRow: Sendable, Hashable, Decodable {
    package let year: Int
    package let officeCode: String
    package let officeName: String
    package let kind: String
    package let events: Int
    package let namedParticipants: Int
    package let headCount: Int
    package let participantTimes: Int
}

/// One row of `reporting.offices`: how a report's `--office` code is resolved.
package struct ReportOffice: Sendable, Hashable, Decodable {
    package let officeCode: String
    package let officeName: String
    package let kind: String
    package let areaCode: String

    /// An area (or district) has an area row of its own; a branch only office rows.
    package var isArea: Bool { officeCode == areaCode }
}
