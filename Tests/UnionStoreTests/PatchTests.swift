import Foundation
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// A PATCH is read-merge-write in one transaction under a row lock: two concurrent patches of
/// different fields both survive, and a patch that leaves the whole invalid writes nothing.
@Suite("PATCH")
struct PatchTests {
    static let pairs = 20

    struct Fixture {
        let federation: Federation
        let officer: Principal
        let worker: Worker
        var store: Database { federation.database }
    }

    static func fixture(_ database: TestDatabase) async throws -> Fixture {
        let federation = try await Federation.make(database)
        let officer = try await federation.principal("officer_a")
        let worker = try await WorkerStore(database: federation.database).create(
            officer, office: federation.branchA.id,
            try WorkerFields(WorkerInput(name: "王芳", idNumber: TestIDNumbers.make(serial: 3), phone: "13800000000")))
        _ = try await SettingStore(database: federation.database).set(federation.admin, key: SettingStore.dibao, value: Money(fen: 139_500),
                                                                      from: CalendarDate(year: 2020, month: 1, day: 1) ?? .today())
        return Fixture(federation: federation, officer: officer, worker: worker)
    }

    @Test func concurrentWorkerPatchesOfDifferentFieldsBothSurvive() async throws {
        try await TestDatabase.with { database in
            let fixture = try await Self.fixture(database)
            let workers = WorkerStore(database: fixture.store)
            for round in 0..<Self.pairs {
                let phone = "1390000\(String(format: "%04d", round))"
                let occupation = "职业\(round)"
                async let first = workers.update(fixture.officer, id: fixture.worker.id, WorkerPatch(WorkerInput(phone: phone)))
                async let second = workers.update(fixture.officer, id: fixture.worker.id, WorkerPatch(WorkerInput(occupation: occupation)))
                _ = try await (first, second)
                let stored = try await workers.get(fixture.officer, id: fixture.worker.id)
                #expect(stored.phone == phone, "round \(round)")
                #expect(stored.occupation == occupation, "round \(round)")
            }
        }
    }

    @Test func concurrentHouseholdPatchesOfDifferentFieldsBothSurvive() async throws {
        try await TestDatabase.with { database in
            let fixture = try await Self.fixture(database)
            let household = HouseholdStore(database: fixture.store)
            let member = try await household.add(fixture.officer, worker: fixture.worker.id,
                                                 try HouseholdMemberFields(HouseholdMemberInput(relation: "child", name: "王小明")))
            for round in 0..<Self.pairs {
                let name = "王小明\(round)"
                let school = "第\(round)中学"
                async let first = household.update(fixture.officer, worker: fixture.worker.id, member: member.id,
                                                   HouseholdMemberPatch(HouseholdMemberInput(name: name)))
                async let second = household.update(fixture.officer, worker: fixture.worker.id, member: member.id,
                                                    HouseholdMemberPatch(HouseholdMemberInput(school: school)))
                _ = try await (first, second)
                let stored = try #require(try await household.list(fixture.officer, worker: fixture.worker.id).first)
                #expect(stored.name == name, "round \(round)")
                #expect(stored.school == school, "round \(round)")
            }
        }
    }

    @Test func concurrentHardshipPatchesOfDifferentFieldsBothSurvive() async throws {
        try await TestDatabase.with { database in
            let fixture = try await Self.fixture(database)
            let files = HardshipStore(database: fixture.store)
            let file = try await files.create(fixture.officer, worker: fixture.worker.id, try HardshipFields(HardshipInput(
                householdSize: 3, annualIncome: "20000", essentialSpending: "0", mainCause: "illness")))
            let evidence: [[HardshipEvidence]] = [[.applicationLetter], [.idCard, .incomeProof]]  // stored sorted
            for round in 0..<Self.pairs {
                let costs = Money(fen: Int64(round) * 100)
                let items = evidence[round % 2]
                async let first = files.update(fixture.officer, id: file.id, HardshipPatch(HardshipInput(hardshipCosts: costs.description)))
                async let second = files.update(fixture.officer, id: file.id, HardshipPatch(HardshipInput(evidence: items.map(\.rawValue))))
                _ = try await (first, second)
                let stored = try await files.get(fixture.officer, id: file.id)
                #expect(stored.finances.hardshipCosts == costs, "round \(round)")
                #expect(stored.evidence == items, "round \(round)")
            }
        }
    }

    @Test func aPatchThatBreaksTheWholeWritesNothing() async throws {
        try await TestDatabase.with { database in
            let fixture = try await Self.fixture(database)
            let owner = database.ownerPool
            let workers = WorkerStore(database: fixture.store)
            // The stored number is a woman's: "male" alone contradicts it, and the occupation sent
            // along is not written either.
            await #expect(throws: ValidationFailure.self) {
                try await workers.update(fixture.officer, id: fixture.worker.id, WorkerPatch(WorkerInput(sex: "male", occupation: "司机")))
            }
            #expect(try await owner.query("SELECT occupation FROM workers WHERE id = \(fixture.worker.id)").rows.first?
                .decodeIfPresent(String.self, at: 0) == nil)
            // A new number brings its own sex and birth date.
            let man = TestIDNumbers.make(serial: 4, born: "19750505", sex: .male)
            let moved = try await workers.update(fixture.officer, id: fixture.worker.id, WorkerPatch(WorkerInput(idNumber: man)))
            #expect(moved.sex == .male)
            #expect(moved.birthDate == CalendarDate(year: 1975, month: 5, day: 5))

            let household = HouseholdStore(database: fixture.store)
            let child = try await household.add(fixture.officer, worker: fixture.worker.id, try HouseholdMemberFields(HouseholdMemberInput(
                relation: "child", name: "王小明", school: "北京工业大学", level: "undergraduate", admissionYear: 2024)))
            // School details belong to children: relation "spouse" breaks the whole member.
            await #expect(throws: ValidationFailure.self) {
                try await household.update(fixture.officer, worker: fixture.worker.id, member: child.id,
                                           HouseholdMemberPatch(HouseholdMemberInput(relation: "spouse", name: "改名")))
            }
            #expect(try await owner.query("SELECT relation || ' ' || name FROM household_members WHERE id = \(child.id)").scalar(String.self)
                    == "child 王小明")

            let files = HardshipStore(database: fixture.store)
            let file = try await files.create(fixture.officer, worker: fixture.worker.id, try HardshipFields(HardshipInput(
                householdSize: 3, annualIncome: "20000", essentialSpending: "0", mainCause: "illness")))
            // Far above twice the 低保 with an ordinary cause: the household no longer qualifies.
            await #expect(throws: ValidationFailure.self) {
                try await files.update(fixture.officer, id: file.id, HardshipPatch(HardshipInput(annualIncome: "900000", evidence: ["diagnosis"])))
            }
            let stored = try await files.get(fixture.officer, id: file.id)
            #expect(stored.finances.annualIncome == file.finances.annualIncome)
            #expect(stored.evidence.isEmpty)
            // Outside the caller's scope: not found, nothing written.
            let officerB = try await fixture.federation.principal("officer_b")
            await #expect(throws: StoreError.notFound) {
                try await workers.update(officerB, id: fixture.worker.id, WorkerPatch(WorkerInput(occupation: "x")))
            }
        }
    }
}
