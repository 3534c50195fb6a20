/// A PATCH of a worker: the fields sent replace the stored ones, absent (or null) fields keep
/// theirs, and a blank text clears an optional field. It is applied to the stored worker inside
/// the transaction that holds the row locked, and the result is validated whole, so two
/// concurrent patches of different fields both survive and a patch that leaves the worker
/// invalid writes nothing.
package struct WorkerPatch: Sendable, Hashable, Codable {
    /// The fields sent, in the same form as a registration.
    package var changes: WorkerInput

    package init(_ changes: WorkerInput) { self.changes = changes }

    package init(from decoder: any Decoder) throws { changes = try WorkerInput(from: decoder) }
    package func encode(to encoder: any Encoder) throws { try changes.encode(to: encoder) }

    /// `input` with this patch laid over it. A new ID number brings its own sex and birth date
    /// (they are read from the number) unless those were sent too, in which case they must match.
    package func applied(to input: WorkerInput) -> WorkerInput {
        var merged = input
        if let value = changes.name { merged.name = value }
        if let value = changes.idNumber { merged.idNumber = value }
        if let value = changes.sex { merged.sex = value }
        if let value = changes.birthDate { merged.birthDate = value }
        if let value = changes.phone { merged.phone = value }
        if let value = changes.hukou { merged.hukou = value }
        if let value = changes.employer { merged.employer = value }
        if let value = changes.occupation { merged.occupation = value }
        if let value = changes.membershipStatus { merged.membershipStatus = value }
        if let value = changes.memberSince { merged.memberSince = value }
        if let value = changes.memberCardNumber { merged.memberCardNumber = value }
        if let value = changes.employerId { merged.employerId = value }
        if changes.idNumber != nil {
            if changes.sex == nil { merged.sex = nil }
            if changes.birthDate == nil { merged.birthDate = nil }
        }
        return merged
    }
}

extension WorkerInput {
    /// A stored worker's fields as input, so a patch can be laid over them and validated whole.
    package init(_ worker: Worker) {
        self.init(name: worker.name, idNumber: worker.idNumber, sex: worker.sex.rawValue, birthDate: worker.birthDate.description,
                  phone: worker.phone, hukou: worker.hukou?.rawValue, employer: worker.employer, occupation: worker.occupation,
                  membershipStatus: worker.membershipStatus.rawValue, memberSince: worker.memberSince?.description,
                  memberCardNumber: worker.memberCardNumber, employerId: worker.employerID?.description)
    }
}

extension Worker {
    /// The worker's fields after `patch`, validated whole; throws every broken field.
    package func applying(_ patch: WorkerPatch, today: CalendarDate = .today()) throws(ValidationFailure) -> WorkerFields {
        try WorkerFields(patch.applied(to: WorkerInput(self)), today: today)
    }
}

extension WorkerFields {
    /// These fields as input (sex and birth date as the ID number carries them).
    package var input: WorkerInput {
        WorkerInput(name: name, idNumber: idNumber.value, sex: idNumber.sex.rawValue, birthDate: idNumber.birthDate.description,
                    phone: phone, hukou: hukou?.rawValue, employer: employer, occupation: occupation,
                    membershipStatus: membershipStatus.rawValue, memberSince: memberSince?.description, memberCardNumber: memberCardNumber,
                    employerId: employerID?.description)
    }

    /// These fields after `patch`, validated whole; throws every broken field.
    package func applying(_ patch: WorkerPatch, today: CalendarDate = .today()) throws(ValidationFailure) -> WorkerFields {
        try WorkerFields(patch.applied(to: input), today: today)
    }
}
