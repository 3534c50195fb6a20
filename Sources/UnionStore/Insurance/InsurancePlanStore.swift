import Foundation
import PQ
import UnionDomain

/// Insurance plans and their coverage periods: the area's catalogue, read by every signed-in
/// user (a branch enrols against them) and written by the area administrator.
package struct InsurancePlanStore: Sendable {
    let database: Database

    package init(database: Database) { self.database = database }

    static let columns: PQQuery = """
        id, office_id, code, name, insurer, premium_per_share, max_shares, sex, min_age, max_age, deductible, payout_percent,
        cap_per_share, cap_per_period
        """

    struct Row: Decodable {
        let id: UUID
        let officeId: UUID
        let code: String
        let name: String
        let insurer: String
        let premiumPerShare: Money
        let maxShares: Int32
        let sex: String?
        let minAge: Int32?
        let maxAge: Int32?
        let deductible: Money
        let payoutPercent: Int32
        let capPerShare: Money
        let capPerPeriod: Money?

        func plan() -> InsurancePlan {
            InsurancePlan(id: InsurancePlan.ID(id), officeID: Office.ID(officeId), code: code, name: name, insurer: insurer,
                          premiumPerShare: premiumPerShare, maxShares: Int(maxShares),
                          eligibility: InsurancePlan.Eligibility(sex: sex.flatMap(Sex.init(rawValue:)), minAge: minAge.map(Int.init),
                                                                 maxAge: maxAge.map(Int.init)),
                          benefit: InsurancePlan.BenefitRule(deductible: deductible, payoutPercent: Int(payoutPercent), capPerShare: capPerShare,
                                                             capPerPeriod: capPerPeriod))
        }
    }

    /// Plans and periods are the area's: written under `manageAid`, like aid programs.
    package func create(_ principal: Principal, _ fields: InsurancePlanFields) async throws -> InsurancePlan {
        try await database.withSession(principal) { session in
            try session.require(.manageAid)
            do {
                guard let row = try await session.query("""
                    INSERT INTO insurance_plans (office_id, code, name, insurer, premium_per_share, max_shares, sex, min_age, max_age,
                                                 deductible, payout_percent, cap_per_share, cap_per_period, created_by)
                    VALUES (\(principal.officeID), \(fields.code), \(fields.name), \(fields.insurer), \(fields.premiumPerShare),
                            \(Int32(fields.maxShares)), \(fields.eligibility.sex?.rawValue), \(fields.eligibility.minAge.map(Int32.init)),
                            \(fields.eligibility.maxAge.map(Int32.init)), \(fields.benefit.deductible), \(Int32(fields.benefit.payoutPercent)),
                            \(fields.benefit.capPerShare), \(fields.benefit.capPerPeriod), \(principal.userID))
                    RETURNING \(Self.columns)
                    """).first(Row.self) else { throw StoreError.notFound }
                return row.plan()
            } catch let error as PQError where error.constraint == "insurance_plans_code_key" {
                throw StoreError.conflict(.insurance("duplicate_plan_code"))
            }
        }
    }

    /// Replaces a plan's terms. Existing enrolments keep the cap they were sold with.
    package func update(_ principal: Principal, id: InsurancePlan.ID, _ fields: InsurancePlanFields) async throws -> InsurancePlan {
        try await database.withSession(principal) { session in
            try session.require(.manageAid)
            do {
                guard let row = try await session.query("""
                    UPDATE insurance_plans SET code = \(fields.code), name = \(fields.name), insurer = \(fields.insurer),
                        premium_per_share = \(fields.premiumPerShare), max_shares = \(Int32(fields.maxShares)),
                        sex = \(fields.eligibility.sex?.rawValue), min_age = \(fields.eligibility.minAge.map(Int32.init)),
                        max_age = \(fields.eligibility.maxAge.map(Int32.init)), deductible = \(fields.benefit.deductible),
                        payout_percent = \(Int32(fields.benefit.payoutPercent)), cap_per_share = \(fields.benefit.capPerShare),
                        cap_per_period = \(fields.benefit.capPerPeriod), updated_at = now()
                    WHERE id = \(id)
                    RETURNING \(Self.columns)
                    """).first(Row.self) else { throw StoreError.notFound }
                return row.plan()
            } catch let error as PQError where error.constraint == "insurance_plans_code_key" {
                throw StoreError.conflict(.insurance("duplicate_plan_code"))
            }
        }
    }

    package func list(_ principal: Principal) async throws -> [InsurancePlan] {
        try await database.read(principal, "SELECT \(Self.columns) FROM insurance_plans ORDER BY code").decode(Row.self).map { $0.plan() }
    }

    package func get(_ principal: Principal, id: InsurancePlan.ID) async throws -> InsurancePlan {
        guard let row = try await database.read(principal, "SELECT \(Self.columns) FROM insurance_plans WHERE id = \(id)").first(Row.self) else {
            throw StoreError.notFound
        }
        return row.plan()
    }

    static func load(_ session: Session, _ id: InsurancePlan.ID) async throws -> InsurancePlan? {
        try await session.query("SELECT \(Self.columns) FROM insurance_plans WHERE id = \(id)").first(Row.self)?.plan()
    }
}
