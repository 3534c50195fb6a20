/// A PATCH of a household member: the fields sent replace the stored ones, the rest stay. It
/// is applied to the stored member under its row lock and the result is validated whole.
package struct HouseholdMemberPatch: Sendable, Hashable, Codable {
    package var changes: HouseholdMemberInput

    package init(_ changes: HouseholdMemberInput) { self.changes = changes }

    package init(from decoder: any Decoder) throws { changes = try HouseholdMemberInput(from: decoder) }
    package func encode(to encoder: any Encoder) throws { try changes.encode(to: encoder) }

    package func applied(to input: HouseholdMemberInput) -> HouseholdMemberInput {
        HouseholdMemberInput(relation: changes.relation ?? input.relation, name: changes.name ?? input.name,
                             idNumber: changes.idNumber ?? input.idNumber, school: changes.school ?? input.school,
                             level: changes.level ?? input.level, admissionYear: changes.admissionYear ?? input.admissionYear,
                             deceased: changes.deceased ?? input.deceased)
    }
}

extension HouseholdMemberInput {
    /// A stored member's fields as input.
    package init(_ member: HouseholdMember) {
        self.init(relation: member.relation.rawValue, name: member.name, idNumber: member.idNumber, school: member.school,
                  level: member.level?.rawValue, admissionYear: member.admissionYear, deceased: member.deceased)
    }
}

extension HouseholdMember {
    /// The member's fields after `patch`, validated whole.
    package func applying(_ patch: HouseholdMemberPatch, today: CalendarDate = .today()) throws(ValidationFailure) -> HouseholdMemberFields {
        try HouseholdMemberFields(patch.applied(to: HouseholdMemberInput(self)), today: today)
    }
}
