import Foundation

/// One invalid input field: where, a stable code, and what to tell a person in English and Chinese.
package struct FieldError: Sendable, Hashable, Codable {
    /// The field's JSON name (`display_name`, `household[2].id_number`).
    package let field: String
    /// Stable, for programs: `required`, `too_long`, `invalid_format`, `unknown_value`…
    package let code: String
    package let message: String
    package let messageZH: String

    package init(field: String, code: String, message: String, messageZH: String) {
        self.field = field
        self.code = code
        self.message = message
        self.messageZH = messageZH
    }

    package static func required(_ field: String) -> FieldError {
        FieldError(field: field, code: "required", message: "is required", messageZH: "必填")
    }

    package static func tooLong(_ field: String, max: Int) -> FieldError {
        FieldError(field: field, code: "too_long", message: "must be at most \(max) characters", messageZH: "不能超过\(max)个字符")
    }

    package static func tooShort(_ field: String, min: Int) -> FieldError {
        FieldError(field: field, code: "too_short", message: "must be at least \(min) characters", messageZH: "不能少于\(min)个字符")
    }

    package static func invalidFormat(_ field: String, expected: String, expectedZH: String) -> FieldError {
        FieldError(field: field, code: "invalid_format", message: "must be \(expected)", messageZH: "格式应为\(expectedZH)")
    }

    package static func unknownValue(_ field: String, allowed: [String]) -> FieldError {
        let list = allowed.joined(separator: ", ")
        return FieldError(field: field, code: "unknown_value", message: "must be one of: \(list)", messageZH: "只能是：\(list)")
    }
}

/// Input that breaks the domain's rules; every broken field is listed, not just the first.
package struct ValidationFailure: Error, Sendable, Hashable {
    package let errors: [FieldError]
    package init(_ errors: [FieldError]) { self.errors = errors }
}

/// Collects field errors, then throws them together.
package struct Validator: Sendable {
    package private(set) var errors: [FieldError] = []
    package init() {}

    package mutating func add(_ error: FieldError) { errors.append(error) }

    package mutating func check(_ condition: Bool, _ error: @autoclosure () -> FieldError) {
        if !condition { errors.append(error()) }
    }

    /// Trims and checks a required text field's length (in characters, so 王芳 counts as 2).
    package mutating func text(_ value: String?, field: String, max: Int, min: Int = 1) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else {
            errors.append(.required(field))
            return nil
        }
        if trimmed.count > max { errors.append(.tooLong(field, max: max)) }
        if trimmed.count < min { errors.append(.tooShort(field, min: min)) }
        return trimmed
    }

    package func finish() throws(ValidationFailure) {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}
