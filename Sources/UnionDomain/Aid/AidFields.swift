import Foundation

/// Field readers the aid inputs share, each adding its own error to the validator.
package enum AidFields {
    package static func enumeration<E: RawRepresentable & CaseIterable>(
        _ text: String?, field: String, as type: E.Type, required: Bool, into validator: inout Validator
    ) -> E? where E.RawValue == String {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            if required { validator.add(.required(field)) }
            return nil
        }
        guard let value = E(rawValue: text) else {
            validator.add(.unknownValue(field, allowed: E.allCases.map(\.rawValue)))
            return nil
        }
        return value
    }

    /// An amount in yuan as text ("1500.00"); never negative, and more than zero when `positive`.
    package static func money(_ text: String?, field: String, required: Bool, positive: Bool = false,
                              into validator: inout Validator) -> Money? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            if required { validator.add(.required(field)) }
            return nil
        }
        guard let value = Money(text), value.fen >= 0, !positive || value.fen > 0 else {
            validator.add(.invalidFormat(field, expected: positive ? "a positive amount like \"1500.00\"" : "a non-negative amount like \"1500.00\"",
                                         expectedZH: positive ? "正数金额，如 \"1500.00\"" : "非负金额，如 \"1500.00\""))
            return nil
        }
        return value
    }

    package static func date(_ text: String?, field: String, into validator: inout Validator) -> CalendarDate? {
        guard let text, !text.isEmpty else { return nil }
        guard let date = CalendarDate(input: text) else {
            validator.add(.invalidFormat(field, expected: "a date as YYYY-MM-DD", expectedZH: "日期 YYYY-MM-DD"))
            return nil
        }
        return date
    }

    package static func optionalText(_ text: String?, field: String, max: Int, into validator: inout Validator) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        if text.count > max { validator.add(.tooLong(field, max: max)) }
        return text
    }

    /// A reason a person must give (reject, return, reverse).
    package static func reason(_ text: String?) throws(ValidationFailure) -> String {
        var validator = Validator()
        let reason = validator.text(text, field: "reason", max: 500)
        try validator.finish()
        guard let reason else { throw ValidationFailure([.required("reason")]) }
        return reason
    }
}
