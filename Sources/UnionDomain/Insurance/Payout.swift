import Foundation

/// A claim's payout and how it was reached, computed before anything is written so the API can
/// show the working:
///
///     after_ratio   = round_half_up((claimed − deductible) × percent / 100)   (never below 0)
///     cap_remaining = min(cap per share × shares, cap per period) − already approved
///     payout        = min(after_ratio, cap_remaining)
///
/// All in fen; the one division rounds half up to the fen.
package struct Payout: Sendable, Hashable {
    package let claimed: Money
    package let deductible: Money
    package let payoutPercent: Int
    package let afterRatio: Money
    package let capRemaining: Money
    package let payout: Money

    package init(claimed: Money, deductible: Money, payoutPercent: Int, afterRatio: Money, capRemaining: Money, payout: Money) {
        self.claimed = claimed
        self.deductible = deductible
        self.payoutPercent = payoutPercent
        self.afterRatio = afterRatio
        self.capRemaining = capRemaining
        self.payout = payout
    }

    package init(rule: InsurancePlan.BenefitRule, claimed: Money, shares: Int, alreadyApproved: Money) {
        let passing = max(claimed.fen - rule.deductible.fen, 0)
        let scaled = passing * Int64(rule.payoutPercent)
        let afterRatio = Money(fen: (scaled + 50) / 100)
        let capRemaining = Money(fen: max(rule.cap(shares: shares).fen - alreadyApproved.fen, 0))
        self.init(claimed: claimed, deductible: rule.deductible, payoutPercent: rule.payoutPercent, afterRatio: afterRatio,
                  capRemaining: capRemaining, payout: min(afterRatio, capRemaining))
    }
}
