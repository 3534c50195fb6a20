import Foundation

/// 帮扶资金: money from one source, held by an office (the area for now). Its balance is the
/// sum of its ledger, kept by the database and never below zero.
package struct Fund: Sendable, Hashable {
    package typealias ID = Identifier<Fund>

    package enum Source: String, Sendable, Hashable, Codable, CaseIterable {
        case districtAllocation = "district_allocation"
        case townshipGovernment = "township_government"
        case unionDues = "union_dues"
        case donation
        case other
    }

    package let id: ID
    package let officeID: Office.ID
    package var name: String
    package var source: Source
    package var balance: Money

    package init(id: ID, officeID: Office.ID, name: String, source: Source, balance: Money) {
        self.id = id
        self.officeID = officeID
        self.name = name
        self.source = source
        self.balance = balance
    }
}

/// One movement of a fund: append-only; a mistake is corrected by a reversal pointing at it.
package struct LedgerEntry: Sendable, Hashable {
    package typealias ID = Identifier<LedgerEntry>

    package enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case receipt, disbursement, reversal
        /// Insurance premiums paid for a period's enrolments (sql/migrations/0014_insurance.sql).
        case premium
    }

    package let id: ID
    package let fundID: Fund.ID
    /// Position in the fund's ledger, in commit order.
    package let seq: Int64
    package let kind: Kind
    /// Positive into the fund, negative out of it.
    package let amount: Money
    package let balanceAfter: Money
    package let date: CalendarDate
    package let payer: String?
    package let memo: String?
    package let caseID: AidCase.ID?
    package let reverses: ID?

    package init(id: ID, fundID: Fund.ID, seq: Int64, kind: Kind, amount: Money, balanceAfter: Money, date: CalendarDate,
                 payer: String?, memo: String?, caseID: AidCase.ID?, reverses: ID?) {
        self.id = id
        self.fundID = fundID
        self.seq = seq
        self.kind = kind
        self.amount = amount
        self.balanceAfter = balanceAfter
        self.date = date
        self.payer = payer
        self.memo = memo
        self.caseID = caseID
        self.reverses = reverses
    }
}

/// A new fund as submitted.
package struct FundFields: Sendable, Hashable {
    package let name: String
    package let source: Fund.Source

    package init(name: String?, source: String?) throws(ValidationFailure) {
        var validator = Validator()
        let name = validator.text(name, field: "name", max: 100)
        let source = AidFields.enumeration(source, field: "source", as: Fund.Source.self, required: true, into: &validator)
        try validator.finish()
        guard let name, let source else { throw ValidationFailure([.required("name")]) }
        self.name = name
        self.source = source
    }
}

/// Money received into a fund.
package struct ReceiptFields: Sendable, Hashable {
    package let amount: Money
    package let date: CalendarDate
    package let payer: String
    package let memo: String?

    package init(amount: String?, date: String?, payer: String?, memo: String?, today: CalendarDate) throws(ValidationFailure) {
        var validator = Validator()
        let amount = AidFields.money(amount, field: "amount", required: true, positive: true, into: &validator)
        let date = AidFields.date(date, field: "date", into: &validator) ?? today
        let payer = validator.text(payer, field: "payer", max: 100)
        let memo = AidFields.optionalText(memo, field: "memo", max: 200, into: &validator)
        try validator.finish()
        guard let amount, let payer else { throw ValidationFailure([.required("amount")]) }
        self.amount = amount
        self.date = date
        self.payer = payer
        self.memo = memo
    }
}
