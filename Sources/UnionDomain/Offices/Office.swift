import Foundation

/// A union office: the area federation or a branch below it. Offices form a tree of any depth
/// (district → area → branch); a row of branch data belongs to exactly one office.
package struct Office: Sendable, Hashable, Codable {
    package typealias ID = Identifier<Office>

    package enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case district
        case area
        case branch
        /// An enterprise's own union: branch-level (branch roles sit in it), seeing only its
        /// enterprise and its workers.
        case enterprise

        /// Branch-level offices hold workers and branch roles, and have no offices below.
        package var isBranchLevel: Bool { self == .branch || self == .enterprise }
    }

    package let id: ID
    /// A unique slug (`guozhuangzi`), for the CLI and imports.
    package var code: String
    /// The Chinese name (郭庄子村工会).
    package var name: String
    package var kind: Kind
    package var parentID: ID?
    package var active: Bool

    package init(id: ID, code: String, name: String, kind: Kind, parentID: ID?, active: Bool) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
        self.parentID = parentID
        self.active = active
    }
}

/// A validated request to open an office.
package struct NewOffice: Sendable, Hashable {
    package let code: String
    package let name: String
    package let kind: Office.Kind
    package let parentID: Office.ID

    package static let maxNameLength = 100

    /// Checks every field and reports all that are wrong.
    package init(code: String?, name: String?, kind: String?, parentID: Office.ID?) throws(ValidationFailure) {
        var validator = Validator()
        let code = OfficeCode.validate(code, field: "code", into: &validator)
        let name = validator.text(name, field: "name", max: Self.maxNameLength)
        let kindValue = kind ?? Office.Kind.branch.rawValue
        let parsedKind = Office.Kind(rawValue: kindValue)
        validator.check(parsedKind != nil, .unknownValue("kind", allowed: Office.Kind.allCases.map(\.rawValue)))
        validator.check(parentID != nil, .required("parent_id"))
        try validator.finish()
        guard let code, let name, let parsedKind, let parentID else { throw ValidationFailure([.required("code")]) }
        self.code = code
        self.name = name
        self.kind = parsedKind
        self.parentID = parentID
    }
}

/// Office codes: 2–40 characters of lower-case ASCII letters, digits and hyphens, starting with
/// a letter (pinyin slugs such as `guozhuangzi`).
package enum OfficeCode {
    package static func isValid(_ code: String) -> Bool {
        guard (2...40).contains(code.count), let first = code.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return code.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func validate(_ code: String?, field: String, into validator: inout Validator) -> String? {
        guard let code = code?.trimmingCharacters(in: .whitespaces), !code.isEmpty else {
            validator.add(.required(field))
            return nil
        }
        guard isValid(code) else {
            validator.add(.invalidFormat(field, expected: "2–40 lower-case letters, digits or hyphens, starting with a letter",
                                         expectedZH: "2至40位小写字母、数字或连字符，以字母开头"))
            return nil
        }
        return code
    }
}
