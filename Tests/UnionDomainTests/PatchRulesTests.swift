import Testing
import UnionDomain

/// How a PATCH is laid over stored fields: the rule lives here, not in a controller.
@Suite("Patches")
struct PatchRulesTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!
    // 11010519491231002X: a woman born 1949-12-31; 110105197505050017: a man born 1975-05-05.
    static let woman = "11010519491231002X"
    static let man = "110105197505050017"

    static func stored() throws -> WorkerFields {
        try WorkerFields(WorkerInput(name: "王芳", idNumber: woman, phone: "13800000000", occupation: "保洁员"), today: today)
    }

    @Test func sentFieldsReplaceAndTheRestStay() throws {
        let patched = try Self.stored().applying(WorkerPatch(WorkerInput(occupation: "司机")), today: Self.today)
        #expect(patched.occupation == "司机")
        #expect(patched.phone == "13800000000")
        #expect(patched.name == "王芳")
    }

    @Test func aBlankTextClearsAnOptionalField() throws {
        let patched = try Self.stored().applying(WorkerPatch(WorkerInput(phone: "")), today: Self.today)
        #expect(patched.phone == nil)
    }

    @Test func aNewIDNumberBringsItsOwnSexAndBirthDate() throws {
        let patched = try Self.stored().applying(WorkerPatch(WorkerInput(idNumber: Self.man)), today: Self.today)
        #expect(patched.idNumber.sex == .male)
        #expect(patched.idNumber.birthDate == CalendarDate(year: 1975, month: 5, day: 5))
    }

    @Test func sexAndBirthDateSentWithANewNumberMustMatchIt() throws {
        #expect(throws: ValidationFailure.self) {
            try Self.stored().applying(WorkerPatch(WorkerInput(idNumber: Self.man, sex: "female")), today: Self.today)
        }
        let matching = try Self.stored().applying(WorkerPatch(WorkerInput(idNumber: Self.man, sex: "male", birthDate: "1975-05-05")),
                                                  today: Self.today)
        #expect(matching.idNumber.value == Self.man)
    }

    @Test func aSexThatContradictsTheStoredNumberIsRefused() throws {
        let stored = try Self.stored()
        do {
            _ = try stored.applying(WorkerPatch(WorkerInput(sex: "male")), today: Self.today)
            Issue.record("accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["sex"])
        }
    }

    @Test func householdAndHardshipPatchesKeepWhatWasNotSent() throws {
        let member = HouseholdMember(id: .init(), relation: .child, name: "王小明", idNumber: nil, school: "第一中学", level: .juniorHigh,
                                     admissionYear: 2024)
        let renamed = try member.applying(HouseholdMemberPatch(HouseholdMemberInput(name: "王明")), today: Self.today)
        #expect(renamed.name == "王明")
        #expect(renamed.school == "第一中学")
        #expect(throws: ValidationFailure.self) {
            try member.applying(HouseholdMemberPatch(HouseholdMemberInput(relation: "spouse")), today: Self.today)
        }
        let input = HardshipPatch(HardshipInput(householdSize: 4)).applied(to: HardshipInput(householdSize: 3, annualIncome: "20000.00",
                                                                                                 essentialSpending: "0.00", mainCause: "illness"))
        #expect(input.householdSize == 4)
        #expect(input.annualIncome == "20000.00")
    }
}
