import Foundation

/// A mainland resident ID number (居民身份证号, GB 11643): 17 digits and a check character by
/// ISO 7064 MOD 11-2 (`X` for 10), with the holder's birth date at characters 7–14 and their
/// sex in the parity of the 17th (odd: male).
package struct ResidentID: Hashable, Sendable, CustomStringConvertible {
    package let value: String
    package let birthDate: CalendarDate
    package let sex: Sex

    package enum Problem: Error, Sendable, Hashable {
        case format
        case checkDigit
        case birthDate
        /// The first two digits name no province-level division (GB/T 2260).
        case region
    }

    /// Province-level codes of GB/T 2260 (11 Beijing … 65 Xinjiang; 71 Taiwan, 81 Hong Kong,
    /// 82 Macao, whose residents' mainland ID numbers use them).
    static let provinces: Set<Int> = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
                                      50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82]

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// Validates `text` (a lower-case `x` is accepted and stored upper-case).
    package static func parse(_ text: String, today: CalendarDate = .today()) -> Result<ResidentID, Problem> {
        let characters = Array(text.trimmingWhitespace().uppercased())
        guard characters.count == 18, characters[..<17].allSatisfy(\.isASCIIDigit),
              characters[17].isASCIIDigit || characters[17] == "X" else { return .failure(.format) }
        let digits = characters[..<17].compactMap { $0.wholeNumberValue }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        guard checkCharacters[sum % 11] == characters[17] else { return .failure(.checkDigit) }
        guard provinces.contains(digits[0] * 10 + digits[1]) else { return .failure(.region) }
        guard let year = Int(String(characters[6..<10])), let month = Int(String(characters[10..<12])),
              let day = Int(String(characters[12..<14])),
              let birth = CalendarDate(year: year, month: month, day: day), birth <= today else { return .failure(.birthDate) }
        let sex: Sex = digits[16] % 2 == 1 ? .male : .female
        return .success(ResidentID(value: String(characters), birthDate: birth, sex: sex))
    }

    package var description: String { masked }

    /// `110105********1234`, for roles without need and for anything that is logged.
    package var masked: String { ResidentID.mask(value) }

    package static func mask(_ value: String) -> String {
        guard value.count > 10 else { return String(repeating: "*", count: value.count) }
        return String(value.prefix(6)) + String(repeating: "*", count: value.count - 10) + String(value.suffix(4))
    }

    /// The check character for 17 digits: for building valid test and demo numbers.
    package static func checkCharacter(for seventeenDigits: String) -> Character? {
        let digits = seventeenDigits.compactMap(\.wholeNumberValue)
        guard digits.count == 17, seventeenDigits.count == 17 else { return nil }
        return checkCharacters[zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11]
    }

    package static func fieldError(_ problem: Problem, field: String) -> FieldError {
        switch problem {
        case .format:
            FieldError(field: field, code: "invalid_format", message: "must be 17 digits and a digit or X", messageZH: "应为17位数字加1位数字或X")
        case .checkDigit:
            FieldError(field: field, code: "invalid_check_digit", message: "has a wrong check digit", messageZH: "校验码错误")
        case .birthDate:
            FieldError(field: field, code: "invalid_birth_date", message: "holds an impossible birth date", messageZH: "出生日期无效")
        case .region:
            FieldError(field: field, code: "invalid_region", message: "starts with no province's code (first two digits)",
                       messageZH: "前两位不是有效的省级行政区划代码")
        }
    }
}

package enum Sex: String, Sendable, Hashable, Codable, CaseIterable {
    case male
    case female
}

extension ResidentID {
    /// A first-generation (1985–2004) 15-digit number as its 18-digit form, by the standard
    /// rule: `19` goes in front of the two-digit birth year after the 6-digit region code, and
    /// the check character is computed. nil when `text` is not 15 digits.
    package static func upgradingFirstGeneration(_ text: String) -> String? {
        let digits = text.trimmingWhitespace()
        guard digits.count == 15, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        let seventeen = String(digits.prefix(6)) + "19" + String(digits.dropFirst(6))
        return checkCharacter(for: seventeen).map { seventeen + String($0) }
    }

    /// Text a spreadsheet made of an ID number it took for a number: `1.10106E+17`, or the
    /// 18 digits with the last three zeroed. Either way the real digits are gone.
    /// By hand rather than a regular expression: it runs for every row of a roster.
    package static func looksMangledBySpreadsheet(_ text: String) -> Bool {
        let bytes = Array(text.trimmingWhitespace().utf8)
        guard let exponent = bytes.firstIndex(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }) else { return false }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let mantissa = bytes[..<exponent]
        var power = bytes[(exponent + 1)...]
        if power.first == UInt8(ascii: "+") { power = power.dropFirst() }
        guard let first = mantissa.first, isDigit(first), !power.isEmpty, power.allSatisfy(isDigit) else { return false }
        let rest = mantissa.dropFirst()
        return rest.isEmpty || (rest.first == UInt8(ascii: ".") && rest.count > 1 && rest.dropFirst().allSatisfy(isDigit))
    }
}
