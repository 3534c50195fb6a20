/// A PATCH of a hardship file's figures: the figures sent replace the stored ones, the rest
/// stay. It is applied to the stored file under its row lock and the result is validated whole
/// (the tier is then computed from the whole).
package struct HardshipPatch: Sendable, Hashable, Codable {
    package var changes: HardshipInput

    package init(_ changes: HardshipInput) { self.changes = changes }

    package init(from decoder: any Decoder) throws { changes = try HardshipInput(from: decoder) }
    package func encode(to encoder: any Encoder) throws { try changes.encode(to: encoder) }

    package func applied(to input: HardshipInput) -> HardshipInput {
        HardshipInput(householdSize: changes.householdSize ?? input.householdSize, annualIncome: changes.annualIncome ?? input.annualIncome,
                      essentialSpending: changes.essentialSpending ?? input.essentialSpending,
                      hardshipCosts: changes.hardshipCosts ?? input.hardshipCosts, mainCause: changes.mainCause ?? input.mainCause,
                      secondaryCauses: changes.secondaryCauses ?? input.secondaryCauses, evidence: changes.evidence ?? input.evidence)
    }
}

extension HardshipInput {
    /// A stored file's figures as input.
    package init(_ file: HardshipFile) {
        self.init(householdSize: file.finances.size, annualIncome: file.finances.annualIncome.description,
                  essentialSpending: file.finances.essentialSpending.description, hardshipCosts: file.finances.hardshipCosts.description,
                  mainCause: file.mainCause.rawValue, secondaryCauses: file.secondaryCauses.map(\.rawValue), evidence: file.evidence.map(\.rawValue))
    }
}

extension HardshipFile {
    /// The file's figures after `patch`, validated whole.
    package func applying(_ patch: HardshipPatch) throws(ValidationFailure) -> HardshipFields {
        try HardshipFields(patch.applied(to: HardshipInput(self)))
    }
}
