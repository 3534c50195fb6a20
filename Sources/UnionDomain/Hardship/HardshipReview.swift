/// The figures a yearly review brings: the household as it is now. Size, income and essential
/// spending are required (a review re-examines them); hardship costs and the evidence list
/// replace the stored ones when sent and are kept otherwise. Causes don't change at a review.
package struct HardshipReviewInput: Sendable, Hashable, Codable {
    package var householdSize: Int?
    package var annualIncome: String?
    package var essentialSpending: String?
    package var hardshipCosts: String?
    package var evidence: [String]?

    package init(householdSize: Int? = nil, annualIncome: String? = nil, essentialSpending: String? = nil, hardshipCosts: String? = nil,
                 evidence: [String]? = nil) {
        self.householdSize = householdSize
        self.annualIncome = annualIncome
        self.essentialSpending = essentialSpending
        self.hardshipCosts = hardshipCosts
        self.evidence = evidence
    }
}

extension HardshipFile {
    /// The file's figures after a review with `input`, validated whole (missing size, income or
    /// spending are `required` errors, as when a file is opened).
    package func reviewed(with input: HardshipReviewInput) throws(ValidationFailure) -> HardshipFields {
        try HardshipFields(HardshipInput(
            householdSize: input.householdSize, annualIncome: input.annualIncome, essentialSpending: input.essentialSpending,
            hardshipCosts: input.hardshipCosts ?? finances.hardshipCosts.description, mainCause: mainCause.rawValue,
            secondaryCauses: secondaryCauses.map(\.rawValue), evidence: input.evidence ?? evidence.map(\.rawValue)))
    }
}

extension HardshipRules {
    /// A household counts at least the worker and every recorded household member (the ones
    /// the branch registered under the worker). More is allowed: not everyone living on the
    /// income need be recorded by name.
    package static func checkHouseholdSize(_ size: Int, recordedMembers: Int) throws(ValidationFailure) {
        let least = 1 + recordedMembers
        guard size < least else { return }
        throw ValidationFailure([FieldError(
            field: "household_size", code: "below_recorded_household",
            message: "must be at least \(least): the worker and \(recordedMembers) recorded household member(s)",
            messageZH: "至少为\(least)人：职工本人及已登记的\(recordedMembers)名家庭成员")])
    }
}
