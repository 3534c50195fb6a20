import Foundation

/// 集体合同: a contract of one kind between an enterprise and its workers, passed by the
/// workers' congress, filed with the labour bureau (人社局备案) and effective when no objection
/// comes within the objection period.
package struct CollectiveContract: Sendable, Hashable {
    package typealias ID = Identifier<CollectiveContract>

    package enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// 综合
        case comprehensive
        /// 工资专项协议
        case wage
        /// 女职工权益保护专项
        case femaleProtection = "female_protection"
        /// 劳动安全卫生
        case safety
    }

    /// What people did with it; expiry and lateness are computed from the dates.
    package enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case signed, filed, effective, renewed, terminated
    }

    package let id: ID
    package var enterpriseID: Enterprise.ID
    package var officeID: Office.ID
    package var kind: Kind
    package var status: Status
    package var terms: ContractTerms
    package var textFile: String?
    package var filedOn: CalendarDate?
    package var effectiveOn: CalendarDate?
    package var renewsID: ID?
    package var terminatedOn: CalendarDate?
    package var terminationReason: String?

    package init(id: ID, enterpriseID: Enterprise.ID, officeID: Office.ID, kind: Kind, status: Status, terms: ContractTerms, textFile: String?,
                 filedOn: CalendarDate?, effectiveOn: CalendarDate?, renewsID: ID?, terminatedOn: CalendarDate?, terminationReason: String?) {
        self.id = id
        self.enterpriseID = enterpriseID
        self.officeID = officeID
        self.kind = kind
        self.status = status
        self.terms = terms
        self.textFile = textFile
        self.filedOn = filedOn
        self.effectiveOn = effectiveOn
        self.renewsID = renewsID
        self.terminatedOn = terminatedOn
        self.terminationReason = terminationReason
    }

    /// The last day to file without being late.
    package var filingDeadline: CalendarDate { terms.signedOn.adding(days: ContractRules.filingDays) }

    /// Filed after the deadline.
    package var filedLate: Bool {
        guard let filedOn else { return false }
        return filedOn > filingDeadline
    }

    /// The first day it is effective: the day after the objection period that follows filing.
    package var effectiveFrom: CalendarDate? {
        filedOn.map { $0.adding(days: ContractRules.objectionDays + 1) }
    }

    /// Not renewed or terminated: a contract people still have to act on.
    package var isLive: Bool { status == .signed || status == .filed || status == .effective }

    /// In force on `day`: live, effective by then (marked, or its objection period over), and
    /// inside its term.
    package func isValid(on day: CalendarDate) -> Bool {
        guard status == .filed || status == .effective, let from = effectiveOn ?? effectiveFrom else { return false }
        return from <= day && terms.startsOn <= day && day <= terms.endsOn
    }
}

/// The numbers the rules use (DOMAIN.md: defaults of the law as practised in Beijing).
package enum ContractRules {
    /// 备案 within this many days of signing.
    package static let filingDays = 10
    /// No objection from the labour bureau within this many days of filing makes it effective.
    package static let objectionDays = 15
    /// Renewal talks may start this many months before the end.
    package static let renewalMonths = 3
    /// Term bounds, in years.
    package static let termYears = 1...3
}

/// The dates and the vote of a contract, validated together.
package struct ContractTerms: Sendable, Hashable {
    package var signedOn: CalendarDate
    package var startsOn: CalendarDate
    package var endsOn: CalendarDate
    package var votesFor: Int
    package var votesTotal: Int

    package init(signedOn: CalendarDate, startsOn: CalendarDate, endsOn: CalendarDate, votesFor: Int, votesTotal: Int) {
        self.signedOn = signedOn
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.votesFor = votesFor
        self.votesTotal = votesTotal
    }

    /// The shortest and longest allowed end for a start: a one-year term from 1 January ends on
    /// 31 December, a three-year one two years later.
    package static func endBounds(startsOn: CalendarDate) -> ClosedRange<CalendarDate> {
        startsOn.adding(months: 12 * ContractRules.termYears.lowerBound).adding(days: -1)
            ... startsOn.adding(months: 12 * ContractRules.termYears.upperBound).adding(days: -1)
    }

    /// More than half of all the congress's members voted for it.
    package var passed: Bool { votesTotal > 0 && votesFor * 2 > votesTotal }
}

/// A contract as sent.
package struct ContractInput: Sendable, Hashable, Codable {
    package var enterpriseId: String?
    package var kind: String?
    package var signedOn: String?
    package var startsOn: String?
    package var endsOn: String?
    package var votesFor: Int?
    package var votesTotal: Int?
    package var textFile: String?

    package init(enterpriseId: String? = nil, kind: String? = nil, signedOn: String? = nil, startsOn: String? = nil, endsOn: String? = nil,
                 votesFor: Int? = nil, votesTotal: Int? = nil, textFile: String? = nil) {
        self.enterpriseId = enterpriseId
        self.kind = kind
        self.signedOn = signedOn
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.votesFor = votesFor
        self.votesTotal = votesTotal
        self.textFile = textFile
    }

    package init(_ contract: CollectiveContract) {
        self.init(enterpriseId: contract.enterpriseID.description, kind: contract.kind.rawValue, signedOn: contract.terms.signedOn.description,
                  startsOn: contract.terms.startsOn.description, endsOn: contract.terms.endsOn.description, votesFor: contract.terms.votesFor,
                  votesTotal: contract.terms.votesTotal, textFile: contract.textFile)
    }

    /// The fields sent replace the stored ones (enterprise and kind are fixed once signed).
    package func applied(to base: ContractInput) -> ContractInput {
        ContractInput(enterpriseId: base.enterpriseId, kind: base.kind, signedOn: signedOn ?? base.signedOn, startsOn: startsOn ?? base.startsOn,
                      endsOn: endsOn ?? base.endsOn, votesFor: votesFor ?? base.votesFor, votesTotal: votesTotal ?? base.votesTotal,
                      textFile: textFile ?? base.textFile)
    }
}

/// A validated contract: every broken rule is reported, each naming its field.
package struct ContractFields: Sendable, Hashable {
    package var enterpriseID: Enterprise.ID
    package var kind: CollectiveContract.Kind
    package var terms: ContractTerms
    package var textFile: String?

    /// A renewal is validated the same way, with the enterprise and kind of the contract it
    /// replaces filled in.
    package init(_ input: ContractInput) throws(ValidationFailure) {
        var validator = Validator()
        var enterprise: Enterprise.ID?
        if let text = input.enterpriseId.nonBlank {
            enterprise = Enterprise.ID(uuidString: text)
            validator.check(enterprise != nil, .invalidFormat("enterprise_id", expected: "a UUID", expectedZH: "UUID"))
        } else {
            validator.add(.required("enterprise_id"))
        }
        let kind = WorkerFields.enumeration(input.kind, field: "kind", as: CollectiveContract.Kind.self, into: &validator)
        if input.kind.nonBlank == nil { validator.add(.required("kind")) }
        func date(_ text: String?, _ field: String) -> CalendarDate? {
            guard let text = text.nonBlank else {
                validator.add(.required(field))
                return nil
            }
            guard let date = CalendarDate(input: text) else {
                validator.add(.invalidFormat(field, expected: "a date YYYY-MM-DD", expectedZH: "日期 YYYY-MM-DD"))
                return nil
            }
            return date
        }
        let signed = date(input.signedOn, "signed_on"), starts = date(input.startsOn, "starts_on"), ends = date(input.endsOn, "ends_on")
        if let signed, let starts, starts < signed {
            validator.add(FieldError(field: "starts_on", code: "before_signing", message: "must not be before the signing date",
                                     messageZH: "不能早于签订日期"))
        }
        if let starts, let ends, !ContractTerms.endBounds(startsOn: starts).contains(ends) {
            validator.add(FieldError(field: "ends_on", code: "term_out_of_range", message: "must give a term of 1 to 3 years",
                                     messageZH: "合同期限须为1至3年"))
        }
        let votesFor = input.votesFor, votesTotal = input.votesTotal
        if votesTotal == nil { validator.add(.required("votes_total")) }
        if votesFor == nil { validator.add(.required("votes_for")) }
        if let votesFor, let votesTotal {
            if votesTotal < 1 || votesTotal > 100_000 {
                validator.add(FieldError(field: "votes_total", code: "out_of_range", message: "must be 1 to 100000", messageZH: "须在1到100000之间"))
            } else if votesFor < 0 || votesFor > votesTotal {
                validator.add(FieldError(field: "votes_for", code: "out_of_range", message: "must be 0 to votes_total", messageZH: "须在0到应到人数之间"))
            } else if votesFor * 2 <= votesTotal {
                validator.add(FieldError(field: "votes_for", code: "not_passed",
                                         message: "must be more than half of all the congress's members", messageZH: "须超过职工代表大会全体成员的半数"))
            }
        }
        let textFile = input.textFile.nonBlank
        if let textFile, textFile.count > 300 { validator.add(.tooLong("text_file", max: 300)) }
        try validator.finish()
        guard let enterprise, let kind, let signed, let starts, let ends, let votesFor, let votesTotal else {
            throw ValidationFailure([.required("enterprise_id")])
        }
        enterpriseID = enterprise
        self.kind = kind
        terms = ContractTerms(signedOn: signed, startsOn: starts, endsOn: ends, votesFor: votesFor, votesTotal: votesTotal)
        self.textFile = textFile
    }
}

/// The workflow's moves: `file` (备案, with its date), `effective` (after the objection
/// period), `renew` (a new contract replaces this one), `terminate` (with a reason).
package enum ContractTransition: String, Sendable, Hashable, CaseIterable {
    case file, effective, renew, terminate

    package var from: Set<CollectiveContract.Status> {
        switch self {
        case .file: [.signed]
        case .effective: [.filed]
        case .renew: [.signed, .filed, .effective]
        case .terminate: [.signed, .filed, .effective]
        }
    }
}
