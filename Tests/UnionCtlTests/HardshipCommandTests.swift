import ArgumentParser
import Foundation
import PQ
import Testing
@testable import unionctl
import UnionDomain
import UnionStore
import UnionTestSupport

/// `unionctl hardship …` runs the same store operations as the API, as the named area user.
@Suite("unionctl hardship")
struct HardshipCommandTests {
    @Test func theAreasHardshipWork() async throws {
        try await TestDatabase.with { database in
            let url = database.conninfo(user: "unionhall_app")
            let acting = ["--database-url", url, "--as", "admin", "--bcrypt-cost", "4"]
            try await UnionCtlTests.run(["init", "--database-url", url, "--bcrypt-cost", "4"])
            try await UnionCtlTests.run(["office", "add", "guozhuangzi", "郭庄子村工会"] + acting)
            try await UnionCtlTests.run(["setting", "set", "dibao", "1395", "--from", "2026-01-01"] + acting)

            // A branch's file, opened and submitted through the stores as the API would.
            let store = Database(pool: database.appPool, hasher: PasswordHasher(cost: 4))
            let admin = try #require(try await AuthStore(database: store).principal(username: "admin"))
            let office = try await OfficeStore(database: store).find(admin, code: "guozhuangzi")
            let worker = try await WorkerStore(database: store).create(
                admin, office: office.id, try WorkerFields(WorkerInput(name: "吴静", idNumber: TestIDNumbers.make(serial: 360))))
            let files = HardshipStore(database: store)
            let file = try await files.create(admin, worker: worker.id, try HardshipFields(HardshipInput(
                householdSize: 3, annualIncome: "30000", essentialSpending: "6000", mainCause: "illness")))
            _ = try await files.transition(admin, id: file.id, .submit)
            let id = file.id.description
            let owner = database.ownerPool
            func column(_ name: String) async throws -> String? {
                try await owner.query("SELECT \(unescaped: name)::text FROM hardship_files WHERE id = \(file.id)").scalar(String.self)
            }

            try await UnionCtlTests.run(["hardship", "return", id, "--reason", "缺少收入证明"] + acting)
            #expect(try await column("status") == "draft")
            #expect(try await column("return_reason") == "缺少收入证明")
            _ = try await files.transition(admin, id: file.id, .submit)
            try await UnionCtlTests.run(["hardship", "confirm", id] + acting)
            #expect(try await column("status") == "active")
            #expect(try await column("confirmed_by_username") == "admin")
            try await UnionCtlTests.run(["hardship", "review", id, "--household-size", "3", "--income", "60000", "--spending", "6000",
                                         "--evidence", "income_proof,id_card"] + acting)
            #expect(try await column("tier") == "relative")
            #expect(try await column("annual_income") == "60000.00")
            #expect(try await column("reviewed_by_username") == "admin")
            try await UnionCtlTests.run(["hardship", "list", "--office", "guozhuangzi", "--status", "active"] + acting)
            try await UnionCtlTests.run(["hardship", "list", "--overdue"] + acting)
            let listed = try await files.list(admin, overdue: false, status: .active, office: office.id, limit: 10, after: nil).items
            let rows = HardshipCommand.List.rows(listed, today: CalendarDate.today())
            #expect(rows == [["吴静", "guozhuangzi", "relative", "active", CalendarDate.today().description, id]])
            // A year on, the list says the file is overdue.
            let later = CalendarDate.today().adding(months: 12)
            #expect(HardshipCommand.List.rows(listed, today: later).first?[4].hasSuffix("(overdue)") == true)
            await #expect(throws: (any Error).self) {
                try await UnionCtlTests.run(["hardship", "review", id, "--household-size", "3", "--income", "900000", "--spending", "0"] + acting)
            }
            try await UnionCtlTests.run(["hardship", "close", id, "--reason", "lifted"] + acting)
            #expect(try await column("status") == "closed")
            #expect(try await column("closing_reason") == "lifted")
            await #expect(throws: (any Error).self) { try await UnionCtlTests.run(["hardship", "confirm", id] + acting) }
        }
    }

    @Test func commandLineMistakesAreCaughtBeforeAnyWork() {
        #expect(throws: (any Error).self) { try UnionCtl.parseAsRoot(["hardship", "close", UUID().uuidString, "--reason", "bored", "--as", "admin"]) }
        #expect(throws: (any Error).self) { try UnionCtl.parseAsRoot(["hardship", "confirm", "not-a-file", "--as", "admin"]) }
        #expect(throws: (any Error).self) { try UnionCtl.parseAsRoot(["hardship", "list", "--status", "pending", "--as", "admin"]) }
        #expect(throws: (any Error).self) { try UnionCtl.parseAsRoot(["hardship", "return", UUID().uuidString, "--as", "admin"]) }
        #expect(throws: (any Error).self) { try UnionCtl.parseAsRoot(["hardship", "review", UUID().uuidString, "--income", "1", "--as", "admin"]) }
        #expect(UnionCtl.helpMessage().contains("hardship"))
        #expect(HardshipCommand.Review.helpMessage().contains("--household-size"))
    }
}
