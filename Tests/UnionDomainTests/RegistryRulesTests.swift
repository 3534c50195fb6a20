import Testing
import UnionDomain

/// Issue 10: membership dates, household placement, the settings list.
@Suite("Registry rules")
struct RegistryRulesTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    /// A valid number from district 110105 for someone born on `born` (YYYYMMDD).
    static func idNumber(serial: Int, born: String = "19800101") -> String {
        let body = "110105" + born + String(100 + serial % 800)
        return body + String(ResidentID.checkCharacter(for: body) ?? "0")
    }

    /// (born, member since, the field and code refused, or nil when accepted).
    @Test(arguments: [
        ("19800101", "2000-01-01", nil, nil),
        ("19800101", "1996-01-01", nil, nil),                         // the 16th birthday itself
        ("19800101", "1995-12-31", "member_since", "under_16"),       // a day short
        ("19800101", "1980-01-01", "member_since", "before_birth"),   // the day of birth
        ("19800101", "1979-06-01", "member_since", "before_birth"),
        ("20100101", nil, nil, nil),                                  // 16 since 2026-01-01
        ("20101130", nil, "birth_date", "under_16"),                  // 16 tomorrow
        ("20101129", nil, nil, nil),                                  // 16 today
        ("20080229", "2024-02-29", nil, nil),                         // a leap-day birthday, 16 years on
        ("20080229", "2024-02-28", "member_since", "under_16"),
    ] as [(String, String?, String?, String?)])
    func membershipDates(born: String, memberSince: String?, field: String?, code: String?) {
        let number = Self.idNumber(serial: 1, born: born)
        do {
            _ = try WorkerFields(WorkerInput(name: "王芳", idNumber: number, memberSince: memberSince), today: Self.today)
            #expect(field == nil, "accepted \(born) \(memberSince ?? "-")")
        } catch {
            #expect(error.errors.map(\.field) == [field].compactMap { $0 }, "\(born) \(memberSince ?? "-")")
            #expect(error.errors.map(\.code) == [code].compactMap { $0 }, "\(born) \(memberSince ?? "-")")
        }
    }

    @Test func aPatchIsHeldToTheSameDates() {
        let fields = try? WorkerFields(WorkerInput(name: "王芳", idNumber: Self.idNumber(serial: 2)), today: Self.today)
        #expect(throws: ValidationFailure.self) {
            _ = try fields?.applying(WorkerPatch(WorkerInput(memberSince: "1990-01-01")), today: Self.today)
        }
    }

    @Test func onlyBranchesRegisterWorkers() {
        #expect(Office.Kind.allCases.filter(\.registersWorkers) == [.branch, .enterprise])
    }

    static let workerID = Self.idNumber(serial: 10)
    static let childID = Self.idNumber(serial: 11, born: "20100101")

    static func member(_ relation: HouseholdMember.Relation, _ name: String, _ idNumber: String?) -> HouseholdMember {
        HouseholdMember(id: .init(), relation: relation, name: name, idNumber: idNumber, school: nil, level: nil, admissionYear: nil)
    }

    /// (relation, name, ID number, repeats someone in the household?)
    @Test(arguments: [
        ("child", "李小明", childID, true),         // same ID number
        ("other", "改名了", childID, true),          // same person whatever the relation or name
        ("child", "李小红", nil, true),              // child without a number, same name
        ("child", "李小明", nil, false),             // the named one has a number: can't tell
        ("spouse", "李小红", nil, false),            // only children are matched by name
        ("child", "李小刚", nil, false),
        ("child", "李小明", Self.idNumber(serial: 12, born: "20120101"), false),
    ])
    func householdRepeats(relation: String, name: String, idNumber: String?, repeats: Bool) throws {
        let household = [Self.member(.child, "李小明", Self.childID), Self.member(.child, "李小红", nil)]
        let fields = try HouseholdMemberFields(HouseholdMemberInput(relation: relation, name: name, idNumber: idNumber), today: Self.today)
        #expect((fields.repeats(in: household) != nil) == repeats)
    }

    @Test func editingAMemberDoesNotRepeatItself() throws {
        let child = Self.member(.child, "李小红", nil)
        let fields = try HouseholdMemberFields(HouseholdMemberInput(relation: "child", name: "李小红"), today: Self.today)
        #expect(fields.repeats(in: [child], except: child.id) == nil)
    }

    @Test func theWorkerIsNotInTheirOwnHousehold() throws {
        let fields = try HouseholdMemberFields(HouseholdMemberInput(relation: "spouse", name: "王芳", idNumber: Self.workerID), today: Self.today)
        #expect(throws: ValidationFailure([HouseholdMemberFields.isTheWorker])) { try fields.checkNotTheWorker(workerIDNumber: Self.workerID) }
        #expect(throws: Never.self) { try fields.checkNotTheWorker(workerIDNumber: Self.childID) }
    }

    @Test func theWorkerCantTakeAMembersNumber() {
        let household = [Self.member(.child, "李小明", Self.childID)]
        #expect(throws: ValidationFailure.self) { try HouseholdMemberFields.checkWorker(idNumber: Self.childID, notIn: household) }
        #expect(throws: Never.self) { try HouseholdMemberFields.checkWorker(idNumber: Self.workerID, notIn: household) }
    }

    @Test func aMemberCanBeMarkedDeceased() throws {
        let husband = try HouseholdMemberFields(HouseholdMemberInput(relation: "spouse", name: "李某", deceased: true), today: Self.today)
        #expect(husband.deceased)
        #expect(try HouseholdMemberFields(HouseholdMemberInput(relation: "spouse", name: "李某"), today: Self.today).deceased == false)
        let stored = HouseholdMember(id: .init(), relation: .spouse, name: "李某", idNumber: nil, school: nil, level: nil, admissionYear: nil,
                                     deceased: true)
        #expect(try stored.applying(HouseholdMemberPatch(HouseholdMemberInput(name: "李某某")), today: Self.today).deceased)
        #expect(try stored.applying(HouseholdMemberPatch(HouseholdMemberInput(deceased: false)), today: Self.today).deceased == false)
    }

    @Test(arguments: [("dibao", SettingKey.dibao), ("DIBAO", .dibao), (" dibao ", .dibao)] as [(String, SettingKey)])
    func knownSettings(text: String, key: SettingKey) throws {
        #expect(try SettingKey.parse(text) == key)
        #expect(!key.description.isEmpty && key.descriptionZH.contains("低保"))
    }

    @Test(arguments: ["dibo", "", "minimum_wage", "低保"])
    func unknownSettingsAreRefused(text: String) {
        #expect { try SettingKey.parse(text) } throws: { error in
            (error as? ValidationFailure)?.errors.map(\.field) == ["key"]
        }
    }

    /// (effective from, used by a file, decision) with today 2026-11-29.
    @Test(arguments: [
        (CalendarDate(year: 2026, month: 11, day: 30)!, false, SettingReplacement.allowed),
        (CalendarDate(year: 2026, month: 11, day: 30)!, true, .used),
        (CalendarDate(year: 2026, month: 11, day: 29)!, false, .inForce),   // in force from today
        (CalendarDate(year: 2026, month: 1, day: 1)!, true, .inForce),
    ])
    func replacingASetting(from: CalendarDate, used: Bool, decision: SettingReplacement) {
        #expect(SettingReplacement.decide(effectiveFrom: from, today: Self.today, usedByAFile: used) == decision)
    }
}
