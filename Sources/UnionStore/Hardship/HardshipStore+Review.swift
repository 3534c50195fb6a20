import Foundation
import PQ
import UnionDomain

extension HardshipStore {
    package static let noLongerQualifying = ValidationFailure([FieldError(
        field: "annual_income", code: "not_qualifying",
        message: "at these figures the household no longer qualifies; close the file as lifted instead",
        messageZH: "按新的数据该家庭已不符合困难条件，请以“脱困”关闭档案")])

    /// The yearly review of an active file: the household's figures as they are now replace the
    /// stored ones, and the tier is recomputed from the 低保 in force today (kept on the file as
    /// `dibao`). A household that no longer qualifies is refused (422 `not_qualifying`, nothing
    /// written): the file then closes as lifted, rather than keeping a tier its figures don't
    /// support. Branch officers and the area's reviewers review.
    package func review(_ principal: Principal, id: HardshipFile.ID, _ input: HardshipReviewInput) async throws -> HardshipFile {
        let today = today()
        return try await database.withSession(principal) { session in
            guard Policy.decide(principal, .writeBranchData) == .allow || Policy.decide(principal, .reviewCases) == .allow else {
                throw StoreError.forbidden
            }
            let current = try await lock(session, id)
            guard current.status == .active else { throw StoreError.conflict(.fileNotActive) }
            let fields = try current.reviewed(with: input)
            try await checkHouseholdSize(session, worker: current.workerID, fields)
            guard let dibao = try await SettingStore(database: database).value(session, key: SettingStore.dibao, on: today) else {
                throw Self.noDibao
            }
            guard let tier = HardshipRules.tier(for: fields.finances, dibao: dibao, mainCause: fields.mainCause) else {
                throw Self.noLongerQualifying
            }
            guard let row = try await session.query("""
                UPDATE hardship_files SET tier = \(tier.rawValue), household_size = \(Int32(fields.finances.size)),
                       annual_income = \(fields.finances.annualIncome), essential_spending = \(fields.finances.essentialSpending),
                       hardship_costs = \(fields.finances.hardshipCosts), per_capita_monthly = \(fields.finances.perCapitaMonthly),
                       evidence = \(fields.evidence.map(\.rawValue)), dibao = \(dibao),
                       reviewed_by = \(principal.userID), reviewed_by_username = \(principal.username), reviewed_on = \(today),
                       updated_at = now()
                WHERE id = \(id) RETURNING \(Self.columns)
                """).one(HardshipFile.self) else { throw StoreError.notFound }
            return row
        }
    }
}
