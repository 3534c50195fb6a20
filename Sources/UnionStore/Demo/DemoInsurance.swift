import Foundation
import PQ
import UnionDomain

/// The demo's mutual insurance: the three plans DOMAIN.md names, this year's period of each,
/// and the first branch's roster enrolled in the hospitalisation plan, premiums paid from the
/// union-dues fund when it has one.
struct DemoInsurance {
    let database: Database

    /// Returns how many enrolments it made.
    func load(admin: Principal) async throws -> Int {
        let plans = InsurancePlanStore(database: database)
        let hospital = try await plans.create(admin, try InsurancePlanFields(InsurancePlanInput(
            code: "inservice-hospital", name: "在职职工住院医疗互助保障", insurer: "北京市职工互助保障会", premiumPerShare: "60.00",
            maxShares: 2, minAge: 16, maxAge: 65, deductible: "500.00", payoutPercent: 80, capPerShare: "10000.00", capPerPeriod: "15000.00")))
        _ = try await plans.create(admin, try InsurancePlanFields(InsurancePlanInput(
            code: "female-special", name: "女职工特殊疾病互助保障", insurer: "北京市职工互助保障会", premiumPerShare: "25.00",
            maxShares: 2, sex: "female", payoutPercent: 100, capPerShare: "15000.00")))
        _ = try await plans.create(admin, try InsurancePlanFields(InsurancePlanInput(
            code: "accident", name: "职工意外伤害互助保障", insurer: "北京市职工互助保障会", premiumPerShare: "10.00",
            maxShares: 5, payoutPercent: 100, capPerShare: "20000.00")))
        let year = CalendarDate.today().year
        let periods = InsurancePeriodStore(database: database)
        var hospitalPeriod: InsurancePeriod?
        for plan in try await plans.list(admin) {
            let period = try await periods.create(admin, try InsurancePeriodFields(
                planID: plan.id.description, startsOn: "\(year)-01-01", endsOn: "\(year)-12-31", enrolOpensOn: "\(year)-01-01",
                enrolClosesOn: "\(year)-12-31"))
            if plan.id == hospital.id { hospitalPeriod = period }
        }
        guard let hospitalPeriod else { return 0 }
        let dues = try await FundStore(database: database).list(admin).first { $0.source == .unionDues }
        let outcome = try await EnrolmentStore(database: database).enrolRoster(
            admin, period: hospitalPeriod.id, try RosterEnrolmentFields(shares: 1, fundID: dues?.id.description, officeIDs: nil))
        guard case .done(let result, _) = outcome else { return 0 }
        return result.enrolled
    }
}
