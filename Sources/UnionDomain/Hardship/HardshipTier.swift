/// How hard-pressed a household is (DOMAIN.md "Hardship files").
package enum HardshipTier: String, Sendable, Hashable, Codable, CaseIterable {
    /// 深度困难: monthly income per head, after fixed essential spending, below the minimum
    /// living standard (低保).
    case deep
    /// 相对困难: below twice the minimum living standard.
    case relative
    /// 意外致困: a disaster, accident or epidemic, or the year's hardship costs above 80 % of
    /// household income.
    case accident
}

/// The household figures a tier is computed from, in fen per year.
package struct HouseholdFinances: Sendable, Hashable {
    package var size: Int
    package var annualIncome: Money
    package var essentialSpending: Money
    /// The year's costs of the hardship itself (medical bills, repairs), for the accident rule.
    package var hardshipCosts: Money

    package init(size: Int, annualIncome: Money, essentialSpending: Money, hardshipCosts: Money) {
        self.size = size
        self.annualIncome = annualIncome
        self.essentialSpending = essentialSpending
        self.hardshipCosts = hardshipCosts
    }

    /// (income − essential spending) / 12 / size, rounded half-up to the fen (half a fen goes
    /// away from zero, as PostgreSQL's `round` and 四舍五入 do). Truncating made 1,394.995 a
    /// month read as 1,394.99: under a 低保 of 1,395 it called a household deep that is not.
    package var perCapitaMonthly: Money {
        guard size > 0 else { return .zero }
        let net = annualIncome.fen - essentialSpending.fen
        let divisor = Int64(12 * size)
        // Division truncates toward zero; the remainder decides the rounding, on either side of zero.
        let quotient = net / divisor
        let remainder = net % divisor
        guard remainder.magnitude * 2 >= divisor.magnitude else { return Money(fen: quotient) }
        return Money(fen: net < 0 ? quotient - 1 : quotient + 1)
    }
}

package enum HardshipRules {
    /// Causes that make a household an accident case whatever its income.
    package static let accidentCauses: Set<HardshipCause> = [.disaster, .accident]
    /// Hardship costs above this share of income (in percent) make an accident case.
    package static let accidentCostShare: Int64 = 80

    /// The tier for these finances under a minimum living standard (`dibao`, yuan per person per
    /// month), or nil when the household does not qualify.
    package static func tier(for finances: HouseholdFinances, dibao: Money, mainCause: HardshipCause) -> HardshipTier? {
        let perCapita = finances.perCapitaMonthly
        if perCapita < dibao { return .deep }
        if perCapita.fen < dibao.fen * 2 { return .relative }
        if accidentCauses.contains(mainCause) { return .accident }
        if finances.hardshipCosts.fen * 100 > finances.annualIncome.fen * accidentCostShare { return .accident }
        return nil
    }
}

/// Why a household is in hardship: one main cause and up to three secondary ones.
package enum HardshipCause: String, Sendable, Hashable, Codable, CaseIterable {
    case illness, disability, disaster, accident
    case schooling = "children_schooling"
    case unemployment
    case singleParent = "single_parent"
    case lowWage = "low_wage"
    case other
}

/// Documents on file for a hardship case.
package enum HardshipEvidence: String, Sendable, Hashable, Codable, CaseIterable {
    case applicationLetter = "application_letter"
    case incomeProof = "income_proof"
    case idCard = "id_card"
    case householdRegister = "household_register"
    case diagnosis
    case tuitionReceipt = "tuition_receipt"
    case disabilityCertificate = "disability_certificate"
    case other
}
