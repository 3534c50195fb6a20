import Foundation

/// 互助保障计划: what a member buys in shares, who may join, and how a claim is paid.
package struct InsurancePlan: Sendable, Hashable {
    package typealias ID = Identifier<InsurancePlan>

    package let id: ID
    package let officeID: Office.ID
    package var code: String
    package var name: String
    package var insurer: String
    package var premiumPerShare: Money
    package var maxShares: Int
    package var eligibility: Eligibility
    package var benefit: BenefitRule

    package init(id: ID, officeID: Office.ID, code: String, name: String, insurer: String, premiumPerShare: Money, maxShares: Int,
                 eligibility: Eligibility, benefit: BenefitRule) {
        self.id = id
        self.officeID = officeID
        self.code = code
        self.name = name
        self.insurer = insurer
        self.premiumPerShare = premiumPerShare
        self.maxShares = maxShares
        self.eligibility = eligibility
        self.benefit = benefit
    }

    /// Who may join, beyond being an active member: one sex only, and an age range (in whole
    /// years on the period's first day).
    package struct Eligibility: Sendable, Hashable {
        package var sex: Sex?
        package var minAge: Int?
        package var maxAge: Int?

        package init(sex: Sex? = nil, minAge: Int? = nil, maxAge: Int? = nil) {
            self.sex = sex
            self.minAge = minAge
            self.maxAge = maxAge
        }
    }

    /// How a claim becomes a payout (see `Payout`). Caps hold per enrolment and period.
    package struct BenefitRule: Sendable, Hashable {
        /// Taken off every claim before the ratio.
        package var deductible: Money
        /// Percent of what passes the deductible that is paid, 1 to 100.
        package var payoutPercent: Int
        package var capPerShare: Money
        /// Across all of an enrolment's claims in the period, whatever its shares; nil: none.
        package var capPerPeriod: Money?

        package init(deductible: Money, payoutPercent: Int, capPerShare: Money, capPerPeriod: Money?) {
            self.deductible = deductible
            self.payoutPercent = payoutPercent
            self.capPerShare = capPerShare
            self.capPerPeriod = capPerPeriod
        }

        /// The most an enrolment of `shares` can ever be paid in one period.
        package func cap(shares: Int) -> Money {
            let perShares = Money(fen: capPerShare.fen * Int64(shares))
            guard let capPerPeriod else { return perShares }
            return min(perShares, capPerPeriod)
        }
    }
}

/// Why a person can't be enrolled; each is a 422 naming `worker_id`, and a roster's skip reason.
package enum Ineligibility: String, Sendable, Hashable, CaseIterable {
    case notActive = "not_active"
    case wrongSex = "wrong_sex"
    case tooYoung = "too_young"
    case tooOld = "too_old"
    case alreadyEnrolled = "already_enrolled"

    package var message: (en: String, zh: String) {
        switch self {
        case .notActive: ("is not an active member", "不是在册会员")
        case .wrongSex: ("is not of the sex this plan covers", "性别不符合本保障计划")
        case .tooYoung: ("is younger than this plan's minimum age", "年龄低于本保障计划下限")
        case .tooOld: ("is older than this plan's maximum age", "年龄高于本保障计划上限")
        case .alreadyEnrolled: ("is already enrolled in this period", "本保障期已参保")
        }
    }

    package var fieldError: FieldError {
        FieldError(field: "worker_id", code: rawValue, message: message.en, messageZH: message.zh)
    }
}

extension InsurancePlan.Eligibility {
    /// The first reason a person can't join, or nil. Age is whole years on `on`.
    package func refusal(status: MembershipStatus, sex: Sex, birthDate: CalendarDate, on date: CalendarDate) -> Ineligibility? {
        guard status == .active else { return .notActive }
        if let required = self.sex, required != sex { return .wrongSex }
        let age = Self.age(born: birthDate, on: date)
        if let minAge, age < minAge { return .tooYoung }
        if let maxAge, age > maxAge { return .tooOld }
        return nil
    }

    /// Whole years from `born` to `date` (a birthday counts on its day).
    package static func age(born: CalendarDate, on date: CalendarDate) -> Int {
        let hadBirthday = (date.month, date.day) >= (born.month, born.day)
        return date.year - born.year - (hadBirthday ? 0 : 1)
    }
}
