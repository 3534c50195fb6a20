import Foundation

/// An enterprise in the area, looked after by a branch (`officeID`). When it has a union office
/// of its own (`unionOfficeID`, an office of kind `enterprise`), that office sees it too.
package struct Enterprise: Sendable, Hashable {
    package typealias ID = Identifier<Enterprise>

    /// 公有制 or 非公: collective contracts were first pushed in public enterprises, and coverage
    /// is published for each.
    package enum Ownership: String, Sendable, Hashable, Codable, CaseIterable {
        case `public`, `private`
    }

    package let id: ID
    package var officeID: Office.ID
    package var unionOfficeID: Office.ID?
    package var name: String
    package var creditCode: String
    package var ownership: Ownership
    package var industry: String?
    package var headcount: Int
    package var hasUnion: Bool

    package init(id: ID, officeID: Office.ID, unionOfficeID: Office.ID?, name: String, creditCode: String, ownership: Ownership,
                 industry: String?, headcount: Int, hasUnion: Bool) {
        self.id = id
        self.officeID = officeID
        self.unionOfficeID = unionOfficeID
        self.name = name
        self.creditCode = creditCode
        self.ownership = ownership
        self.industry = industry
        self.headcount = headcount
        self.hasUnion = hasUnion
    }
}

/// An enterprise as sent (create, or the fields of a PATCH).
package struct EnterpriseInput: Sendable, Hashable, Codable {
    package var name: String?
    package var creditCode: String?
    package var ownership: String?
    package var industry: String?
    package var headcount: Int?
    package var hasUnion: Bool?
    package var unionOfficeId: String?

    package init(name: String? = nil, creditCode: String? = nil, ownership: String? = nil, industry: String? = nil, headcount: Int? = nil,
                 hasUnion: Bool? = nil, unionOfficeId: String? = nil) {
        self.name = name
        self.creditCode = creditCode
        self.ownership = ownership
        self.industry = industry
        self.headcount = headcount
        self.hasUnion = hasUnion
        self.unionOfficeId = unionOfficeId
    }

    /// The stored enterprise as input, for laying a PATCH over it.
    package init(_ enterprise: Enterprise) {
        self.init(name: enterprise.name, creditCode: enterprise.creditCode, ownership: enterprise.ownership.rawValue,
                  industry: enterprise.industry, headcount: enterprise.headcount, hasUnion: enterprise.hasUnion,
                  unionOfficeId: enterprise.unionOfficeID?.description)
    }

    /// The fields sent replace the stored ones; the rest stay.
    package func applied(to base: EnterpriseInput) -> EnterpriseInput {
        EnterpriseInput(name: name ?? base.name, creditCode: creditCode ?? base.creditCode, ownership: ownership ?? base.ownership,
                        industry: industry ?? base.industry, headcount: headcount ?? base.headcount, hasUnion: hasUnion ?? base.hasUnion,
                        unionOfficeId: unionOfficeId ?? base.unionOfficeId)
    }
}

/// A validated enterprise.
package struct EnterpriseFields: Sendable, Hashable {
    package static let maxNameLength = 100

    package var name: String
    package var creditCode: String
    package var ownership: Enterprise.Ownership
    package var industry: String?
    package var headcount: Int
    package var hasUnion: Bool
    package var unionOfficeID: Office.ID?

    package init(_ input: EnterpriseInput) throws(ValidationFailure) {
        var validator = Validator()
        let name = validator.text(input.name, field: "name", max: Self.maxNameLength)
        var code: String?
        if let text = input.creditCode.nonBlank {
            switch CreditCode.validate(text) {
            case .success(let valid): code = valid
            case .failure(let error): validator.add(CreditCode.fieldError(error.problem, field: "credit_code"))
            }
        } else {
            validator.add(.required("credit_code"))
        }
        let ownership = WorkerFields.enumeration(input.ownership, field: "ownership", as: Enterprise.Ownership.self, into: &validator)
        if input.ownership.nonBlank == nil { validator.add(.required("ownership")) }
        let industry = input.industry.nonBlank
        if let industry, industry.count > 50 { validator.add(.tooLong("industry", max: 50)) }
        let headcount = input.headcount ?? 0
        validator.check((0...1_000_000).contains(headcount),
                        FieldError(field: "headcount", code: "out_of_range", message: "must be 0 to 1000000", messageZH: "须在0到1000000之间"))
        var unionOffice: Office.ID?
        if let text = input.unionOfficeId.nonBlank {
            unionOffice = Office.ID(uuidString: text)
            validator.check(unionOffice != nil, .invalidFormat("union_office_id", expected: "a UUID", expectedZH: "UUID"))
        }
        let hasUnion = input.hasUnion ?? (unionOffice != nil)
        validator.check(unionOffice == nil || hasUnion, FieldError(field: "has_union", code: "union_office_without_union",
                                                                    message: "must be true when the enterprise has a union office",
                                                                    messageZH: "有企业工会时须为true"))
        try validator.finish()
        guard let name, let code, let ownership else { throw ValidationFailure([.required("name")]) }
        self.name = name
        creditCode = code
        self.ownership = ownership
        self.industry = industry
        self.headcount = headcount
        self.hasUnion = hasUnion
        unionOfficeID = unionOffice
    }
}
