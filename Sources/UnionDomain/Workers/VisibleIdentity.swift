/// What a role may see of who a person is. A masked ID number (`110105********1234`) hides
/// exactly the eight birth-date digits, so wherever it is masked the birth date must be too:
/// the year alone leaves hundreds of candidates for the hidden digits instead of one.
package struct VisibleIdentity: Sendable, Hashable {
    package let idNumber: String
    package let isMasked: Bool
    /// The full date, only for roles that see full ID numbers.
    package let birthDate: CalendarDate?
    package let birthYear: Int

    package init(idNumber: String, birthDate: CalendarDate, for role: Role) {
        isMasked = !role.seesFullIDNumbers
        self.idNumber = isMasked ? ResidentID.mask(idNumber) : idNumber
        self.birthDate = isMasked ? nil : birthDate
        birthYear = birthDate.year
    }

    /// The birth date as a roster shows it: the whole date, or the year alone.
    package var birthDateText: String { birthDate?.description ?? String(birthYear) }
}
