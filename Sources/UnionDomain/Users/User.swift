import Foundation

/// A person who signs in: an officer of one office with one role.
package struct User: Sendable, Hashable, Codable {
    package typealias ID = Identifier<User>

    package let id: ID
    package var username: String
    package var displayName: String
    package var officeID: Office.ID
    package var role: Role
    package var active: Bool

    package init(id: ID, username: String, displayName: String, officeID: Office.ID, role: Role, active: Bool) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.officeID = officeID
        self.role = role
        self.active = active
    }
}

/// A validated request to create a user.
package struct NewUser: Sendable, Hashable {
    package let username: String
    package let displayName: String
    package let officeID: Office.ID
    package let role: Role
    package let password: String

    package init(username: String?, displayName: String?, officeID: Office.ID?, role: String?, password: String?) throws(ValidationFailure) {
        var validator = Validator()
        let username = Username.validate(username, into: &validator)
        let displayName = validator.text(displayName, field: "display_name", max: 50)
        validator.check(officeID != nil, .required("office_id"))
        let parsedRole = role.flatMap(Role.init(rawValue:))
        if role == nil {
            validator.add(.required("role"))
        } else if parsedRole == nil {
            validator.add(.unknownValue("role", allowed: Role.allCases.map(\.rawValue)))
        }
        PasswordRule.check(password, field: "password", into: &validator)
        try validator.finish()
        guard let username, let displayName, let officeID, let parsedRole, let password else {
            throw ValidationFailure([.required("username")])
        }
        self.username = username
        self.displayName = displayName
        self.officeID = officeID
        self.role = parsedRole
        self.password = password
    }
}

/// Usernames: 3–40 characters of lower-case ASCII letters, digits, `.`, `_` and `-`.
package enum Username {
    package static func isValid(_ name: String) -> Bool {
        (3...40).contains(name.count)
            && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
    }

    static func validate(_ name: String?, into validator: inout Validator) -> String? {
        guard let name = name?.trimmingCharacters(in: .whitespaces).lowercased(), !name.isEmpty else {
            validator.add(.required("username"))
            return nil
        }
        guard isValid(name) else {
            validator.add(.invalidFormat("username", expected: "3–40 lower-case letters, digits, '.', '_' or '-'",
                                         expectedZH: "3至40位小写字母、数字或 . _ -"))
            return nil
        }
        return name
    }
}

/// Passwords: at least 10 characters, at most 72 bytes (bcrypt ignores the rest).
package enum PasswordRule {
    package static let minimumLength = 10
    package static let maximumBytes = 72

    package static func check(_ password: String?, field: String, into validator: inout Validator) {
        guard let password, !password.isEmpty else {
            validator.add(.required(field))
            return
        }
        if password.count < minimumLength { validator.add(.tooShort(field, min: minimumLength)) }
        if password.utf8.count > maximumBytes {
            validator.add(FieldError(field: field, code: "too_long", message: "must be at most 72 bytes", messageZH: "不能超过72字节"))
        }
    }

    package static func validate(_ password: String?, field: String = "password") throws(ValidationFailure) {
        var validator = Validator()
        check(password, field: field, into: &validator)
        try validator.finish()
    }
}
