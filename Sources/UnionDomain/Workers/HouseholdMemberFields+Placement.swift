/// Who may join a worker's household: never the worker themself, and nobody twice.
extension HouseholdMemberFields {
    /// The worker's own ID number as a member: the worker heads the household, they are not in it.
    package static let isTheWorker = FieldError(field: "id_number", code: "is_the_worker", message: "is the worker's own ID number",
                                                messageZH: "不能填写职工本人的身份证号")

    /// Throws when this member would be the worker (`workerIDNumber` is the worker's).
    package func checkNotTheWorker(workerIDNumber: String) throws(ValidationFailure) {
        if idNumber == workerIDNumber { throw ValidationFailure([Self.isTheWorker]) }
    }

    /// The other way round: a worker's new ID number must not be a member's of their household.
    package static func checkWorker(idNumber: String, notIn household: [HouseholdMember]) throws(ValidationFailure) {
        guard household.contains(where: { $0.idNumber == idNumber }) else { return }
        throw ValidationFailure([FieldError(field: "id_number", code: "is_a_household_member",
                                            message: "is the ID number of a member of the worker's household",
                                            messageZH: "与该职工的家庭成员身份证号相同")])
    }

    /// The member of `household` (other than `member`, the one being edited) this would repeat:
    /// the same ID number, or, for a child without one, the same name. The database holds the
    /// same rule (`household_members_one_id_number`, `household_members_one_child_by_name`).
    package func repeats(in household: [HouseholdMember], except member: HouseholdMember.ID? = nil) -> HouseholdMember? {
        household.first { other in
            guard other.id != member else { return false }
            if let idNumber { return other.idNumber == idNumber }
            return relation == .child && other.relation == .child && other.idNumber == nil && other.name == name
        }
    }
}
