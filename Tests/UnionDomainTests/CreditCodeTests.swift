import Testing
import UnionDomain

/// GB 32100 check characters: known codes, codes built with the algorithm, and each way a code
/// can be wrong.
@Suite("Unified social credit code")
struct CreditCodeTests {
    /// A published valid code, and bodies completed with the computed check character.
    static let valid: [String] = ["91350100M000100Y43"] + [
        "91110106MA01ABCD1", "91110000100000000", "12110106400924563", "52110106MA00XYQR2", "93110106L13000000",
    ].map { body in body + String(CreditCode.checkCharacter(for: body) ?? "?") }

    @Test(arguments: valid)
    func validCodesPass(_ code: String) {
        #expect(CreditCode.isValid(code))
    }

    @Test func theKnownCodesCheckCharacterIsComputed() {
        #expect(CreditCode.checkCharacter(for: "91350100M000100Y4") == "3")
    }

    @Test func lowerCaseAndSpacesAreTidied() throws {
        #expect(try CreditCode.validate(" 91350100m000100y43 ").get() == "91350100M000100Y43")
    }

    /// Every other check character makes the code wrong.
    @Test func aWrongCheckCharacterIsNamed() {
        for character in CreditCode.alphabet where character != "3" {
            let code = "91350100M000100Y4" + String(character)
            #expect(CreditCode.validate(code) == .failure(CreditCodeError(problem: .checkCharacter)), "\(code)")
        }
    }

    @Test(arguments: ["", "91350100M000100Y4", "91350100M000100Y433", "91350100I000100Y43", "91350100O000100Y43",
                      "91350100Z000100Y43", "91350100S000100Y43", "91350100V000100Y43", "9135010-M000100Y43"])
    func malformedCodesAreFormatErrors(_ code: String) {
        #expect(CreditCode.validate(code) == .failure(CreditCodeError(problem: .format)))
    }

    @Test func theFieldErrorNamesTheField() throws {
        let failure = #expect(throws: ValidationFailure.self) {
            try EnterpriseFields(EnterpriseInput(name: "某公司", creditCode: "91350100M000100Y44", ownership: "private"))
        }
        #expect(failure?.errors.map(\.field) == ["credit_code"])
        #expect(failure?.errors.first?.code == "check_character")
    }
}
