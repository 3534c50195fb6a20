import Testing
import UnionDomain

/// The payout rule and who may join, as data.
@Suite("Insurance rules")
struct InsuranceRulesTests {
    static func money(_ text: String) -> Money { Money(text) ?? .zero }

    static let hospital = InsurancePlan.BenefitRule(deductible: money("500.00"), payoutPercent: 80, capPerShare: money("10000.00"),
                                                    capPerPeriod: money("25000.00"))

    /// (claimed, shares, already approved, after ratio, cap remaining, payout)
    @Test(arguments: [
        ("1500.00", 1, "0.00", "800.00", "10000.00", "800.00"),        // (1500 − 500) × 80 %
        ("400.00", 1, "0.00", "0.00", "10000.00", "0.00"),             // below the deductible: nothing
        ("500.00", 1, "0.00", "0.00", "10000.00", "0.00"),             // exactly the deductible
        ("20500.00", 1, "0.00", "16000.00", "10000.00", "10000.00"),   // cap per share × 1
        ("20500.00", 2, "0.00", "16000.00", "20000.00", "16000.00"),   // two shares lift it
        ("50500.00", 3, "0.00", "40000.00", "25000.00", "25000.00"),   // 3 × 10000 > the period cap
        ("50500.00", 3, "24000.00", "40000.00", "1000.00", "1000.00"), // what is left under the period cap
        ("10500.00", 1, "9999.99", "8000.00", "0.01", "0.01"),         // a fen left
        ("10500.00", 1, "10000.00", "8000.00", "0.00", "0.00"),        // nothing left
        ("500.01", 1, "0.00", "0.01", "10000.00", "0.01"),             // 0.008 rounds half up to 0.01
        ("500.06", 1, "0.00", "0.05", "10000.00", "0.05"),             // 0.048 → 0.05
        ("500.03", 1, "0.00", "0.02", "10000.00", "0.02"),             // 0.024 → 0.02
    ])
    func payout(_ claimed: String, _ shares: Int, _ approved: String, _ afterRatio: String, _ remaining: String, _ payout: String) {
        let working = Payout(rule: Self.hospital, claimed: Self.money(claimed), shares: shares, alreadyApproved: Self.money(approved))
        #expect(working.afterRatio == Self.money(afterRatio))
        #expect(working.capRemaining == Self.money(remaining))
        #expect(working.payout == Self.money(payout))
    }

    /// Several claims against one cap: each takes what is left, and together they never pass it.
    @Test func severalClaimsAgainstOneCap() {
        let rule = InsurancePlan.BenefitRule(deductible: .zero, payoutPercent: 100, capPerShare: Self.money("15000.00"), capPerPeriod: nil)
        var approved = Money.zero
        var payouts: [Money] = []
        for claimed in ["6000.00", "6000.00", "6000.00", "6000.00"] {
            let working = Payout(rule: rule, claimed: Self.money(claimed), shares: 1, alreadyApproved: approved)
            payouts.append(working.payout)
            approved = approved + working.payout
        }
        #expect(payouts == ["6000.00", "6000.00", "3000.00", "0.00"].map(Self.money))
        #expect(approved == Self.money("15000.00"))
    }

    static let born = CalendarDate(year: 1980, month: 6, day: 15) ?? .today()
    static let start = CalendarDate(year: 2026, month: 1, day: 1) ?? .today()

    /// (plan sex, min age, max age, status, sex, expected) for someone born 1980-06-15, aged 45 on 2026-01-01.
    @Test(arguments: [
        (Sex?.some(.female), Int?.none, Int?.none, MembershipStatus.active, Sex.female, Ineligibility?.none),
        (Sex?.some(.female), nil, nil, .active, .male, .wrongSex),
        (nil, nil, nil, .retired, .male, .notActive),
        (nil, 46, nil, .active, .male, .tooYoung),
        (nil, 45, 45, .active, .male, nil),
        (nil, nil, 44, .active, .female, .tooOld),
    ])
    func eligibility(_ planSex: Sex?, _ minAge: Int?, _ maxAge: Int?, _ status: MembershipStatus, _ sex: Sex, _ expected: Ineligibility?) {
        let rule = InsurancePlan.Eligibility(sex: planSex, minAge: minAge, maxAge: maxAge)
        #expect(rule.refusal(status: status, sex: sex, birthDate: Self.born, on: Self.start) == expected)
    }

    @Test func ageCountsABirthdayOnItsDay() {
        let born = CalendarDate(year: 1990, month: 3, day: 1) ?? .today()
        #expect(InsurancePlan.Eligibility.age(born: born, on: CalendarDate(year: 2026, month: 2, day: 28) ?? .today()) == 35)
        #expect(InsurancePlan.Eligibility.age(born: born, on: CalendarDate(year: 2026, month: 3, day: 1) ?? .today()) == 36)
    }

    @Test func aPlanNeedsItsTermsAndNamesEveryBadField() {
        #expect(throws: ValidationFailure.self) { try InsurancePlanFields(InsurancePlanInput(code: "X", premiumPerShare: "-1", payoutPercent: 0)) }
        let plan = try? InsurancePlanFields(InsurancePlanInput(code: "female-special", name: "女职工特殊疾病互助保障", insurer: "职工互助保障会",
                                                               premiumPerShare: "25.00", maxShares: 2, sex: "female", capPerShare: "15000.00"))
        #expect(plan?.benefit.cap(shares: 2) == Self.money("30000.00"))
        #expect(plan?.eligibility.sex == .female)
    }
}

extension InsuranceRulesTests {
    /// (active, enrolled, rate): half up to the hundredth of a percent.
    @Test(arguments: [(0, 0, "0.00"), (4, 3, "75.00"), (6, 5, "83.33"), (3, 2, "66.67"), (1, 1, "100.00"), (30000, 1, "0.00")])
    func coverageRate(_ active: Int, _ enrolled: Int, _ rate: String) {
        #expect(CoverageLine(officeID: nil, officeName: "x", activeMembers: active, enrolled: enrolled).ratePercent == rate)
    }
}
