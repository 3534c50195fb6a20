import ArgumentParser
import Foundation
import PQ
import Testing
@testable import unionctl
import UnionDomain
import UnionStore
import UnionTestSupport

/// `unionctl fund …` and `unionctl aid …` over the demo federation, in-process.
@Suite("unionctl fund and aid")
struct AidCommandTests {
    @Test func theAreasAidDay() async throws {
        try await TestDatabase.with { database in
            let url = database.conninfo(user: "unionhall_app")
            try await UnionCtlTests.run(["demo", "load", "--database-url", url, "--bcrypt-cost", "4", "--workers-per-branch", "4"])
            let owner = database.ownerPool
            // The demo: a fund from each source, a program of each kind, cases in every state, 李某 paid with goods.
            #expect(try await owner.query("SELECT count(DISTINCT source) FROM funds").scalar(Int.self) == 4)
            #expect(try await owner.query("SELECT count(DISTINCT kind) FROM aid_programs").scalar(Int.self) == 5)
            #expect(try await owner.query("SELECT count(DISTINCT status) FROM aid_cases").scalar(Int.self) == 7)
            let li = try await owner.query("""
                SELECT count(*) FROM aid_cases c JOIN workers w ON w.id = c.worker_id JOIN aid_case_goods g ON g.case_id = c.id
                WHERE w.name = '李某' AND c.status = 'disbursed'
                """).scalar(Int.self)
            #expect(li == 3)

            let admin = ["--database-url", url, "--as", "admin"]
            let reviewer = ["--database-url", url, "--as", "reviewer"]
            try await UnionCtlTests.run(["fund", "list"] + admin)
            try await UnionCtlTests.run(["fund", "check"] + reviewer)
            try await UnionCtlTests.run(["fund", "add", "测试资金", "--source", "other"] + admin)
            let fund = try #require(try await owner.query("SELECT id FROM funds WHERE name = '测试资金'").scalar(UUID.self))
            try await UnionCtlTests.run(["fund", "receive", fund.uuidString, "1234.56", "--payer", "乡政府"] + admin)
            await #expect(throws: (any Error).self) { try await UnionCtlTests.run(["fund", "receive", fund.uuidString, "1.00", "--payer", "x"] + reviewer) }
            try await UnionCtlTests.run(["fund", "show", fund.uuidString] + admin)
            try await UnionCtlTests.run(["fund", "ledger", fund.uuidString] + admin)
            #expect(try await owner.query("SELECT balance FROM funds WHERE id = \(fund)").scalar(Money.self) == Money(fen: 123_456))
            let receipt = try #require(try await owner.query("SELECT id FROM fund_ledger WHERE fund_id = \(fund)").scalar(UUID.self))
            try await UnionCtlTests.run(["fund", "reverse", fund.uuidString, receipt.uuidString, "--memo", "录入错误"] + admin)
            await #expect(throws: (any Error).self) {
                try await UnionCtlTests.run(["fund", "reverse", fund.uuidString, receipt.uuidString, "--memo", "再次"] + admin)
            }
            #expect(try await owner.query("SELECT balance FROM funds WHERE id = \(fund)").scalar(Money.self) == .zero)
            let payment = try #require(try await owner.query("SELECT fund_id::text || ' ' || id::text FROM fund_ledger WHERE kind = 'disbursement' LIMIT 1").scalar(String.self))
            await #expect(throws: (any Error).self) {
                try await UnionCtlTests.run(["fund", "reverse"] + payment.split(separator: " ").map(String.init) + ["--memo", "x"] + admin)
            }

            try await UnionCtlTests.run(["aid", "pending"] + reviewer)
            let pending = try #require(try await owner.query("SELECT id FROM aid_cases WHERE status = 'submitted' ORDER BY id LIMIT 1").scalar(UUID.self))
            try await UnionCtlTests.run(["aid", "approve", pending.uuidString] + reviewer)
            #expect(try await owner.query("SELECT status FROM aid_cases WHERE id = \(pending)").scalar(String.self) == "approved")
            await #expect(throws: (any Error).self) { try await UnionCtlTests.run(["aid", "reject", pending.uuidString, "--reason", "x"] + reviewer) }
            let year = String(CalendarDate.today().year)
            try await UnionCtlTests.run(["aid", "disbursements", "--year", year, "--format", "csv"] + reviewer)
            try await UnionCtlTests.run(["aid", "disbursements", "--year", year, "--office", "guozhuangzi"] + reviewer)

            // A fund whose balance no longer equals its ledger (possible only as the owner) fails the check.
            try await owner.query("UPDATE funds SET balance = balance + 1 WHERE id = \(fund)")
            await #expect(throws: ExitCode.self) { try await UnionCtlTests.run(["fund", "check"] + admin) }
        }
    }

    @Test func helpNamesTheAidCommands() {
        let help = UnionCtl.helpMessage()
        #expect(help.contains("fund") && help.contains("aid"))
        #expect(AidCommand.Disbursements.helpMessage().contains("--format"))
        #expect(throws: (any Error).self) { try UnionCtl.parseAsRoot(["aid", "disbursements", "--year", "x", "--as", "admin"]) }
    }
}
