import Foundation

/// A person registered with a branch: one record per resident ID number in the whole area.
package struct Worker: Sendable, Hashable {
    package typealias ID = Identifier<Worker>

    package let id: ID
    package var officeID: Office.ID
    package var name: String
    /// The full number; front ends mask it for roles without need (`Role.seesFullIDNumbers`).
    package var idNumber: String
    package var sex: Sex
    package var birthDate: CalendarDate
    package var phone: String?
    package var hukou: Hukou?
    package var employer: String?
    package var occupation: String?
    package var membershipStatus: MembershipStatus
    package var memberSince: CalendarDate?
    package var memberCardNumber: String?
    package var isModelWorker: Bool
    package var hardshipTier: HardshipTier?
    /// The registered enterprise the worker works for, beside the free-text `employer`.
    package var employerID: Enterprise.ID?

    package init(id: ID, officeID: Office.ID, name: String, idNumber: String, sex: Sex, birthDate: CalendarDate,
                 phone: String?, hukou: Hukou?, employer: String?, occupation: String?, membershipStatus: MembershipStatus,
                 memberSince: CalendarDate?, memberCardNumber: String?, isModelWorker: Bool, hardshipTier: HardshipTier?,
                 employerID: Enterprise.ID? = nil) {
        self.id = id
        self.officeID = officeID
        self.name = name
        self.idNumber = idNumber
        self.sex = sex
        self.birthDate = birthDate
        self.phone = phone
        self.hukou = hukou
        self.employer = employer
        self.occupation = occupation
        self.membershipStatus = membershipStatus
        self.memberSince = memberSince
        self.memberCardNumber = memberCardNumber
        self.isModelWorker = isModelWorker
        self.hardshipTier = hardshipTier
        self.employerID = employerID
    }
}

/// 户口: urban (城镇) or rural (农村).
package enum Hukou: String, Sendable, Hashable, Codable, CaseIterable {
    case urban
    case rural
}

package enum MembershipStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case active
    case transferred
    case retired
    case deceased
    case left
}

/// The fields of a worker as submitted (API JSON or a CSV row), before validation. Every field
/// is text so that a wrong type is a field error rather than a decoding failure.
package struct WorkerInput: Sendable, Hashable, Codable {
    package var name: String?
    package var idNumber: String?
    package var sex: String?
    package var birthDate: String?
    package var phone: String?
    package var hukou: String?
    package var employer: String?
    package var occupation: String?
    package var membershipStatus: String?
    package var memberSince: String?
    package var memberCardNumber: String?
    /// An enterprise id; blank clears it in a PATCH.
    package var employerId: String?

    package init(name: String? = nil, idNumber: String? = nil, sex: String? = nil, birthDate: String? = nil, phone: String? = nil,
                 hukou: String? = nil, employer: String? = nil, occupation: String? = nil, membershipStatus: String? = nil,
                 memberSince: String? = nil, memberCardNumber: String? = nil, employerId: String? = nil) {
        self.name = name
        self.idNumber = idNumber
        self.sex = sex
        self.birthDate = birthDate
        self.phone = phone
        self.hukou = hukou
        self.employer = employer
        self.occupation = occupation
        self.membershipStatus = membershipStatus
        self.memberSince = memberSince
        self.memberCardNumber = memberCardNumber
        self.employerId = employerId
    }
}

/// A worker's validated fields, ready to store.
package struct WorkerFields: Sendable, Hashable {
    package var name: String
    package var idNumber: ResidentID
    package var phone: String?
    package var hukou: Hukou?
    package var employer: String?
    package var occupation: String?
    package var membershipStatus: MembershipStatus
    package var memberSince: CalendarDate?
    package var memberCardNumber: String?
    package var employerID: Enterprise.ID?

    package static let maxNameLength = 50

    /// Validates every field and reports all that are wrong. Sex and birth date, when given,
    /// must agree with the ID number (which is what is stored).
    package init(_ input: WorkerInput, today: CalendarDate = .today()) throws(ValidationFailure) {
        var validator = Validator()
        let name = validator.text(input.name, field: "name", max: Self.maxNameLength)
        var resident: ResidentID?
        if let text = input.idNumber?.trimmingWhitespace(), !text.isEmpty {
            switch ResidentID.parse(text, today: today) {
            case .success(let id): resident = id
            case .failure(let problem): validator.add(ResidentID.fieldError(problem, field: "id_number"))
            }
        } else {
            validator.add(.required("id_number"))
        }
        if let sexText = input.sex.nonBlank {
            if let sex = Sex(rawValue: sexText.lowercased()) {
                if let resident, resident.sex != sex {
                    validator.add(FieldError(field: "sex", code: "mismatch", message: "does not match the ID number", messageZH: "与身份证号不符"))
                }
            } else {
                validator.add(.unknownValue("sex", allowed: Sex.allCases.map(\.rawValue)))
            }
        }
        if let birthText = input.birthDate.nonBlank {
            if let birth = CalendarDate(input: birthText) {
                if let resident, resident.birthDate != birth {
                    validator.add(FieldError(field: "birth_date", code: "mismatch", message: "does not match the ID number", messageZH: "与身份证号不符"))
                }
            } else {
                validator.add(.invalidFormat("birth_date", expected: "YYYY-MM-DD", expectedZH: "YYYY-MM-DD"))
            }
        }
        let phone = input.phone.nonBlank
        if let phone, !PhoneNumber.isValid(phone) {
            validator.add(.invalidFormat("phone", expected: "a mobile (1XXXXXXXXXX) or landline (0XX-XXXXXXXX) number",
                                         expectedZH: "手机号或带区号的固定电话"))
        }
        let hukou = Self.enumeration(input.hukou, field: "hukou", as: Hukou.self, into: &validator)
        let status = Self.enumeration(input.membershipStatus, field: "membership_status", as: MembershipStatus.self, into: &validator) ?? .active
        var memberSince: CalendarDate?
        if let text = input.memberSince.nonBlank {
            memberSince = CalendarDate(input: text)
            if memberSince == nil { validator.add(.invalidFormat("member_since", expected: "YYYY-MM-DD", expectedZH: "YYYY-MM-DD")) }
            else if let since = memberSince, since > today {
                validator.add(FieldError(field: "member_since", code: "in_future", message: "is in the future", messageZH: "不能晚于今天"))
            }
        }
        if let resident, let error = Self.membershipDateError(birth: resident.birthDate, memberSince: memberSince, today: today),
           !validator.errors.contains(where: { $0.field == error.field }) {
            validator.add(error)
        }
        let employer = Self.optionalText(input.employer, field: "employer", max: 100, into: &validator)
        let occupation = Self.optionalText(input.occupation, field: "occupation", max: 50, into: &validator)
        let card = Self.optionalText(input.memberCardNumber, field: "member_card_number", max: 32, into: &validator)
        var employerID: Enterprise.ID?
        if let text = input.employerId.nonBlank {
            employerID = Enterprise.ID(uuidString: text)
            validator.check(employerID != nil, .invalidFormat("employer_id", expected: "a UUID", expectedZH: "UUID"))
        }
        try validator.finish()
        guard let name, let resident else { throw ValidationFailure([.required("name")]) }
        self.name = name
        self.idNumber = resident
        self.phone = phone
        self.hukou = hukou
        self.employer = employer
        self.occupation = occupation
        self.membershipStatus = status
        self.memberSince = memberSince
        self.memberCardNumber = card
        self.employerID = employerID
    }

    static func enumeration<E: RawRepresentable & CaseIterable>(_ text: String?, field: String, as type: E.Type, into validator: inout Validator) -> E? where E.RawValue == String {
        guard let text = text.nonBlank else { return nil }
        guard let value = E(rawValue: text.lowercased()) else {
            validator.add(.unknownValue(field, allowed: E.allCases.map(\.rawValue)))
            return nil
        }
        return value
    }

    static func optionalText(_ text: String?, field: String, max: Int, into validator: inout Validator) -> String? {
        guard let text = text.nonBlank else { return nil }
        if text.count > max { validator.add(.tooLong(field, max: max)) }
        return text
    }
}

extension Optional where Wrapped == String {
    /// The trimmed text, or nil when absent or blank.
    var nonBlank: String? {
        guard let text = self?.trimmingWhitespace(), !text.isEmpty else { return nil }
        return text
    }
}

/// Mainland mobile numbers (11 digits from 13–19) and landlines with an area code.
package enum PhoneNumber {
    package static func isValid(_ text: String) -> Bool {
        let characters = Array(text)
        if characters.count == 11, characters[0] == "1", ("3"..."9").contains(characters[1]), characters.allSatisfy(\.isASCIIDigit) {
            return true
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let area = parts.first, let local = parts.last else { return false }
        return area.first == "0" && (3...4).contains(area.count) && area.allSatisfy(\.isASCIIDigit)
            && (7...8).contains(local.count) && local.allSatisfy(\.isASCIIDigit)
    }
}
