import Foundation

/// 参保: one worker in one coverage period, with shares and who paid the premium.
package struct Enrolment: Sendable, Hashable {
    package typealias ID = Identifier<Enrolment>

    /// Who pays the premium: a fund (drawn from its ledger at enrolment) or the member.
    package enum Payer: Sendable, Hashable {
        case fund(Fund.ID)
        case member
    }

    package let id: ID
    package let periodID: InsurancePeriod.ID
    package let workerID: Worker.ID
    package let officeID: Office.ID
    package let shares: Int
    /// Premium per share × shares, in fen.
    package let premium: Money
    package let payer: Payer
    /// min(cap per share × shares, cap per period): the most its claims can be paid.
    package let capTotal: Money
    package let approvedTotal: Money

    package init(id: ID, periodID: InsurancePeriod.ID, workerID: Worker.ID, officeID: Office.ID, shares: Int, premium: Money, payer: Payer,
                 capTotal: Money, approvedTotal: Money) {
        self.id = id
        self.periodID = periodID
        self.workerID = workerID
        self.officeID = officeID
        self.shares = shares
        self.premium = premium
        self.payer = payer
        self.capTotal = capTotal
        self.approvedTotal = approvedTotal
    }
}

/// One worker's enrolment as submitted. `fund_id` absent: the member pays.
package struct EnrolmentFields: Sendable, Hashable {
    package let periodID: InsurancePeriod.ID
    package let workerID: Worker.ID
    package let shares: Int
    package let payer: Enrolment.Payer

    package init(periodID: String?, workerID: String?, shares: Int?, fundID: String?) throws(ValidationFailure) {
        var validator = Validator()
        let period = InsuranceFields.id(periodID, field: "period_id", as: InsurancePeriod.self, into: &validator)
        let worker = InsuranceFields.id(workerID, field: "worker_id", as: Worker.self, into: &validator)
        let shares = shares ?? 1
        validator.check((1...100).contains(shares), FieldError(field: "shares", code: "out_of_range", message: "must be 1 to 100", messageZH: "须为1到100"))
        var payer = Enrolment.Payer.member
        if let fundID, !fundID.isEmpty {
            if let fund = InsuranceFields.id(fundID, field: "fund_id", as: Fund.self, into: &validator) { payer = .fund(fund) }
        }
        try validator.finish()
        guard let period, let worker else { throw ValidationFailure([.required("period_id")]) }
        self.periodID = period
        self.workerID = worker
        self.shares = shares
        self.payer = payer
    }
}

/// A roster enrolment as submitted: every eligible active member of the caller's branch, or of
/// the named branches (area roles; none named: the whole area).
package struct RosterEnrolmentFields: Sendable, Hashable {
    package let shares: Int
    package let payer: Enrolment.Payer
    package let officeIDs: [Office.ID]?

    package init(shares: Int?, fundID: String?, officeIDs: [String]?) throws(ValidationFailure) {
        var validator = Validator()
        let shares = shares ?? 1
        validator.check((1...100).contains(shares), FieldError(field: "shares", code: "out_of_range", message: "must be 1 to 100", messageZH: "须为1到100"))
        var payer = Enrolment.Payer.member
        if let fundID, !fundID.isEmpty, let fund = InsuranceFields.id(fundID, field: "fund_id", as: Fund.self, into: &validator) {
            payer = .fund(fund)
        }
        let offices = officeIDs.map { ids in ids.compactMap { InsuranceFields.id($0, field: "office_ids", as: Office.self, into: &validator) } }
        try validator.finish()
        self.shares = shares
        self.payer = payer
        self.officeIDs = offices
    }
}

/// What a roster enrolment did: how many it enrolled, and who it skipped and why.
package struct RosterEnrolment: Sendable, Hashable {
    package struct Skipped: Sendable, Hashable {
        package let workerID: Worker.ID
        package let name: String
        package let reason: Ineligibility

        package init(workerID: Worker.ID, name: String, reason: Ineligibility) {
            self.workerID = workerID
            self.name = name
            self.reason = reason
        }
    }

    package let enrolled: Int
    package let premiumTotal: Money
    package let skipped: [Skipped]

    package init(enrolled: Int, premiumTotal: Money, skipped: [Skipped]) {
        self.enrolled = enrolled
        self.premiumTotal = premiumTotal
        self.skipped = skipped
    }
}
