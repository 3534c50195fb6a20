import Testing
import UnionDomain

@Suite("Resident ID numbers and worker fields")
struct WorkerRulesTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    @Test(arguments: [
        ("11010519491231002X", true),   // X check character (GB 11643's own example)
        ("11010519491231002x", true),   // lower-case x accepted
        ("110105194912310021", false),  // wrong check digit
        ("11010519491331002X", false),  // month 13
        ("110105199902300010", false),  // February 30th
        ("1101051949123100", false),    // too short
        ("11010A19491231002X", false),  // a letter inside
    ])
    func validation(number: String, valid: Bool) {
        let result = ResidentID.parse(number, today: Self.today)
        if case .success = result { #expect(valid) } else { #expect(!valid) }
    }

    @Test func problemsAreNamed() {
        #expect(ResidentID.parse("110105194912310021", today: Self.today) == .failure(.checkDigit))
        #expect(ResidentID.parse("12345", today: Self.today) == .failure(.format))
        let body = "11010519990230001"
        let number = body + String(ResidentID.checkCharacter(for: body)!)
        #expect(ResidentID.parse(number, today: Self.today) == .failure(.birthDate))
        let future = "11010520300101001"
        #expect(ResidentID.parse(future + String(ResidentID.checkCharacter(for: future)!), today: Self.today) == .failure(.birthDate))
    }

    @Test func birthDateAndSexComeFromTheNumber() throws {
        let id = try ResidentID.parse("11010519491231002X", today: Self.today).get()
        #expect(id.birthDate == CalendarDate(year: 1949, month: 12, day: 31))
        #expect(id.sex == .female)  // 17th digit 2: even
        #expect(id.masked == "110105********002X")
        let male = "11010519800101001"
        let maleID = try ResidentID.parse(male + String(ResidentID.checkCharacter(for: male)!), today: Self.today).get()
        #expect(maleID.sex == .male)
    }

    @Test func sexAndBirthDateMustMatchTheNumber() {
        #expect {
            _ = try WorkerFields(WorkerInput(name: "王芳", idNumber: "11010519491231002X", sex: "male", birthDate: "1950-01-01"), today: Self.today)
        } throws: { error in
            Set((error as? ValidationFailure)?.errors.map(\.field) ?? []) == ["sex", "birth_date"]
        }
        #expect(throws: Never.self) {
            _ = try WorkerFields(WorkerInput(name: "王芳", idNumber: "11010519491231002X", sex: "female", birthDate: "1949-12-31"), today: Self.today)
        }
    }

    @Test func phoneNameAndEnumerations() {
        #expect(PhoneNumber.isValid("13800138000"))
        #expect(PhoneNumber.isValid("010-62345678"))
        #expect(!PhoneNumber.isValid("12345678901"))
        #expect(!PhoneNumber.isValid("62345678"))
        #expect {
            _ = try WorkerFields(WorkerInput(name: String(repeating: "名", count: 51), idNumber: nil, phone: "123", hukou: "city",
                                             membershipStatus: "gone", memberSince: "2030-01-01"), today: Self.today)
        } throws: { error in
            Set((error as? ValidationFailure)?.errors.map(\.field) ?? [])
                == ["name", "id_number", "phone", "hukou", "membership_status", "member_since"]
        }
    }

    @Test func householdSchoolFieldsAreForChildren() {
        #expect(throws: ValidationFailure.self) {
            _ = try HouseholdMemberFields(HouseholdMemberInput(relation: "spouse", name: "李明", level: "undergraduate"))
        }
        let child = try? HouseholdMemberFields(HouseholdMemberInput(relation: "child", name: "李小明", school: "北京工业大学",
                                                                    level: "undergraduate", admissionYear: 2025))
        #expect(child?.level == .undergraduate)
        #expect(child?.idNumber == nil)  // minors may have none
    }
}

@Suite("Hardship tiers and money")
struct HardshipRulesTests {
    static let dibao = Money(fen: 139_500)

    /// Finances whose per-capita monthly figure is exactly `perCapitaFen` for a household of 2.
    static func finances(perCapitaFen: Int64, costs: Int64 = 0) -> HouseholdFinances {
        HouseholdFinances(size: 2, annualIncome: Money(fen: perCapitaFen * 24), essentialSpending: .zero, hardshipCosts: Money(fen: costs))
    }

    @Test func boundaries() {
        #expect(HardshipRules.tier(for: Self.finances(perCapitaFen: 139_499), dibao: Self.dibao, mainCause: .illness) == .deep)
        #expect(HardshipRules.tier(for: Self.finances(perCapitaFen: 139_500), dibao: Self.dibao, mainCause: .illness) == .relative)
        #expect(HardshipRules.tier(for: Self.finances(perCapitaFen: 278_999), dibao: Self.dibao, mainCause: .illness) == .relative)
        #expect(HardshipRules.tier(for: Self.finances(perCapitaFen: 279_000), dibao: Self.dibao, mainCause: .illness) == nil)
        #expect(HardshipRules.tier(for: Self.finances(perCapitaFen: 279_000), dibao: Self.dibao, mainCause: .accident) == .accident)
        // Costs above 80 % of income: accident; exactly 80 %: not.
        let income: Int64 = 279_000 * 24
        #expect(HardshipRules.tier(for: Self.finances(perCapitaFen: 279_000, costs: income * 80 / 100 + 1), dibao: Self.dibao, mainCause: .illness) == .accident)
        #expect(HardshipRules.tier(for: Self.finances(perCapitaFen: 279_000, costs: income * 80 / 100), dibao: Self.dibao, mainCause: .illness) == nil)
    }

    @Test func perCapitaIsAfterSpendingPerPersonPerMonth() {
        let finances = HouseholdFinances(size: 3, annualIncome: Money("36000.00")!, essentialSpending: Money("6000")!, hardshipCosts: .zero)
        #expect(finances.perCapitaMonthly == Money("833.33"))
        let negative = HouseholdFinances(size: 1, annualIncome: .zero, essentialSpending: Money("1.00")!, hardshipCosts: .zero)
        #expect(negative.perCapitaMonthly < .zero)
    }

    @Test(arguments: [("1500", 150_000), ("1500.5", 150_050), ("1500.05", 150_005), ("-3.20", -320), ("0.00", 0)])
    func moneyParses(text: String, fen: Int64) {
        #expect(Money(text)?.fen == fen)
    }

    @Test(arguments: ["1.005", "1e3", "1,500", "", "abc", ".5", "1234567890123.00"])
    func moneyRejects(text: String) {
        #expect(Money(text) == nil)
    }

    @Test func moneyPrintsTwoPlaces() {
        #expect(Money(fen: 150_000).description == "1500.00")
        #expect(Money(fen: -5).description == "-0.05")
    }

    @Test func overdueAfterTwelveMonths() {
        let confirmed = CalendarDate(year: 2025, month: 11, day: 29)!
        var file = HardshipFile(id: .init(), workerID: .init(), officeID: .init(), status: .active, tier: .deep,
                                finances: Self.finances(perCapitaFen: 1), mainCause: .illness, secondaryCauses: [], evidence: [],
                                reviewedOn: nil, confirmedOn: confirmed, closingReason: nil)
        #expect(!file.isOverdue(today: CalendarDate(year: 2026, month: 11, day: 28)!))
        #expect(file.isOverdue(today: CalendarDate(year: 2026, month: 11, day: 29)!))
        file.reviewedOn = CalendarDate(year: 2026, month: 6, day: 1)
        #expect(!file.isOverdue(today: CalendarDate(year: 2026, month: 11, day: 29)!))
    }
}

@Suite("Resident ID numbers from rosters")
struct ResidentIDRosterTests {
    @Test func aRegionCodeMustNameAProvince() {
        // 99 is no province; the check digit is right, so only the region can refuse it.
        let body = "99010519800101002"
        let number = body + String(ResidentID.checkCharacter(for: body) ?? "0")
        #expect(ResidentID.parse(number) == .failure(.region))
    }

    @Test func firstGenerationNumbersGainTheCenturyAndACheckCharacter() {
        #expect(ResidentID.upgradingFirstGeneration("110105620704022") == "11010519620704022X")
        #expect(ResidentID.upgradingFirstGeneration("11010562070402") == nil)
        #expect(ResidentID.looksMangledBySpreadsheet("1.10106E+17"))
        #expect(!ResidentID.looksMangledBySpreadsheet("110105198001010024"))
        #expect(WorkerRoster.spreadsheetDate("2024/9/1") == "2024-09-01")
        #expect(WorkerRoster.spreadsheetDate("2024年9月1日") == "2024-09-01")
        #expect(WorkerRoster.spreadsheetDate("2024/2/30") == "2024/2/30")
        #expect(Sex(codeOrLabel: "女") == .female)
        #expect(MembershipStatus(codeOrLabel: "退会") == .left)
    }
}
