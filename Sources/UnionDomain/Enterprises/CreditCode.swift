/// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (the digits and
/// the capitals without I, O, Z, S, V, which read like digits), the last a check character over
/// the first 17. Only the check is verified here; the registration authority and region parts
/// are taken as given.
package enum CreditCode {
    /// The alphabet in value order: a character's value is its position.
    package static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    /// Weight of each of the first 17 positions (3^i mod 31).
    package static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// The check character for the first 17 characters, or nil when one is outside the alphabet.
    package static func checkCharacter(for body: some StringProtocol) -> Character? {
        let characters = Array(body)
        guard characters.count == 17 else { return nil }
        var sum = 0
        for (index, character) in characters.enumerated() {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            sum += value * weights[index]
        }
        return alphabet[(31 - sum % 31) % 31]
    }

    package enum Problem: Sendable, Hashable {
        case format, checkCharacter
    }

    /// The code upper-cased and trimmed when valid; otherwise what is wrong with it.
    package static func validate(_ text: String) -> Result<String, CreditCodeError> {
        let code = text.trimmingWhitespace().uppercased()
        let characters = Array(code)
        guard characters.count == 18, characters.allSatisfy(alphabet.contains) else { return .failure(CreditCodeError(problem: .format)) }
        guard checkCharacter(for: code.prefix(17)) == characters[17] else { return .failure(CreditCodeError(problem: .checkCharacter)) }
        return .success(code)
    }

    package static func isValid(_ text: String) -> Bool {
        if case .success = validate(text) { return true }
        return false
    }

    /// The field error for a bad code, naming the field.
    package static func fieldError(_ problem: Problem, field: String) -> FieldError {
        switch problem {
        case .format:
            return .invalidFormat(field, expected: "18 characters of digits and capitals without I, O, Z, S, V",
                                  expectedZH: "18位数字或大写字母（不含I、O、Z、S、V）")
        case .checkCharacter:
            return FieldError(field: field, code: "check_character", message: "has a wrong check character (GB 32100)",
                              messageZH: "校验码错误（GB 32100）")
        }
    }
}

package struct CreditCodeError: Error, Sendable, Hashable {
    package let problem: CreditCode.Problem
    package init(problem: CreditCode.Problem) { self.problem = problem }
}
