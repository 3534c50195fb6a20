import ArgumentParser
import Foundation
import PQ
import Testing
@testable import unionctl
import UnionDomain
import UnionStore
import UnionTestSupport

/// `unionctl insurance plan …` over the demo federation, in-process.
@Suite("unionctl insurance")
struct InsuranceCommandTests {
    @Test func theDemoHasThePlansAndThePlanCommandsWork() async throws {
        try await TestDatabase.with { database in
            let url = database.conninfo(user: "unionhall_app")
            try await UnionCtlTests.run(["demo", "load", "--database-url", url, "--bcrypt-cost", "4", "--workers-per-branch", "4"])
            let owner = database.ownerPool
            #expect(try await owner.query("SELECT count(*) FROM insurance_plans").scalar(Int.self) == 3)
            #expect(try await owner.query("SELECT premium_per_share FROM insurance_plans WHERE code = 'female-special'").scalar(Money.self)
                == Money(fen: 2_500))
            #expect(try await owner.query("SELECT count(*) FROM insurance_enrolments").scalar(Int.self) ?? 0 > 0)
            #expect(try await owner.query("SELECT count(*) FROM fund_ledger WHERE kind = 'premium'").scalar(Int.self) == 1)

            let admin = ["--database-url", url, "--as", "admin"]
            try await UnionCtlTests.run(["insurance", "plan", "add", "dental", "职工口腔互助保障", "--insurer", "职工互助保障会", "--premium", "15",
                                         "--cap-per-share", "2000", "--payout-percent", "50", "--max-age", "60"] + admin)
            try await UnionCtlTests.run(["insurance", "plan", "list"] + admin)
            #expect(try await owner.query("SELECT payout_percent FROM insurance_plans WHERE code = 'dental'").scalar(Int.self) == 50)
            await #expect(throws: (any Error).self) {
                try await UnionCtlTests.run(["insurance", "plan", "add", "dental2", "x", "--insurer", "x", "--premium", "1", "--cap-per-share", "1"]
                                            + ["--database-url", url, "--as", "reviewer"])
            }
            #expect(InsuranceCommand.Plan.Add.helpMessage().contains("--cap-per-share"))

            // A roster enrolment from the CLI: a period of the women's plan, one branch, members pay.
            let plan = try #require(try await owner.query("SELECT id FROM insurance_plans WHERE code = 'female-special'").scalar(UUID.self))
            let period = try #require(try await owner.query("""
                INSERT INTO insurance_periods (plan_id, office_id, starts_on, ends_on, enrol_opens_on, enrol_closes_on)
                SELECT \(plan), office_id, current_date + 1, current_date + 366, current_date - 1, current_date + 1
                FROM insurance_plans WHERE id = \(plan) RETURNING id
                """).scalar(UUID.self))
            try await UnionCtlTests.run(["insurance", "enrol-roster", period.uuidString.lowercased(), "--office", "guozhuangzi"] + admin)
            let enrolled = try await owner.query("SELECT count(*) FROM insurance_enrolments WHERE period_id = \(period)").scalar(Int.self) ?? 0
            let women = try await owner.query("""
                SELECT count(*) FROM workers w JOIN offices o ON o.id = w.office_id
                WHERE o.code = 'guozhuangzi' AND w.sex = 'female' AND w.membership_status = 'active'
                """).scalar(Int.self) ?? 0
            #expect(enrolled > 0)
            #expect(enrolled <= women)  // the plan's age limits may leave some out
            #expect(try await owner.query("""
                SELECT count(*) FROM insurance_enrolments e JOIN workers w ON w.id = e.worker_id
                WHERE e.period_id = \(period) AND (w.sex <> 'female' OR w.office_id <> (SELECT id FROM offices WHERE code = 'guozhuangzi'))
                """).scalar(Int.self) == 0)
            #expect(InsuranceCommand.EnrolRoster.helpMessage().contains("--fund"))
        }
    }
}
