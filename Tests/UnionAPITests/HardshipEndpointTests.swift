import Foundation
import HTTPTypes
import HummingbirdTesting
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

@Suite("Hardship file endpoints")
struct HardshipEndpointTests {
    /// Income 30,000, spending 6,000, household of 3: 666.67 a head a month (half-up), below 1,395: deep.
    static func fileBody(worker: String, income: String = "30000.00") -> String {
        #"{"worker_id": "\#(worker)", "household_size": 3, "annual_income": "\#(income)", "essential_spending": "6000.00", "main_cause": "illness", "secondary_causes": ["low_wage"], "evidence": ["application_letter", "income_proof"]}"#
    }

    @Test func workflowAndRoles() async throws {
        try await withAPI { federation, client in
            try await federation.setDibao()
            let worker = try await WorkerEndpointTests.register(client, federation.tokens["officer_a"], serial: 70)
            let body = Self.fileBody(worker: worker)
            try await expectUnauthenticated(client, federation, .post, "/api/v1/hardship-files", body: body)
            #expect(try await client.call(.post, "/api/v1/hardship-files", token: federation.tokens["viewer_a"], body: body).status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/hardship-files", token: federation.tokens["officer_b"], body: body).status == .notFound)
            let invalid = try await client.call(.post, "/api/v1/hardship-files", token: federation.tokens["officer_a"],
                                                body: #"{"household_size": 0, "annual_income": "lots", "main_cause": "bad luck", "secondary_causes": ["illness", "x"]}"#)
            #expect(Set(invalid.fieldErrors) == ["worker_id", "household_size", "annual_income", "essential_spending", "main_cause", "secondary_causes[1]"])
            let rich = try await client.call(.post, "/api/v1/hardship-files", token: federation.tokens["officer_a"],
                                             body: Self.fileBody(worker: worker, income: "500000.00"))
            #expect(rich.status == .unprocessableContent)
            #expect(rich.object["errors"].map { "\($0)" }?.contains("not_qualifying") == true)

            let created = try await client.call(.post, "/api/v1/hardship-files", token: federation.tokens["officer_a"], body: body)
            #expect(created.status == .created)
            #expect(created.object["tier"] as? String == "deep")
            #expect(created.object["per_capita_monthly"] as? String == "666.67")
            #expect(created.object["status"] as? String == "draft")
            let id = try #require(created.object["id"] as? String)
            let duplicate = try await client.call(.post, "/api/v1/hardship-files", token: federation.tokens["officer_a"], body: body)
            #expect(duplicate.status == .conflict)
            #expect(duplicate.problemCode == "open_hardship_file_exists")

            let patched = try await client.call(.patch, "/api/v1/hardship-files/\(id)", token: federation.tokens["officer_a"], body: #"{"annual_income": "60000.00"}"#)
            #expect(patched.object["tier"] as? String == "relative")  // 1,500 a head: under twice 1,395

            let base = "/api/v1/hardship-files/\(id)"
            #expect(try await client.call(.post, base + "/confirm", token: federation.tokens["reviewer"]).status == .conflict)  // still a draft
            #expect(try await client.call(.post, base + "/submit", token: federation.tokens["viewer_a"]).status == .forbidden)
            #expect(try await client.call(.post, base + "/submit", token: federation.tokens["officer_b"]).status == .notFound)
            #expect(try await client.call(.post, base + "/submit", token: federation.tokens["officer_a"]).object["status"] as? String == "submitted")
            #expect(try await client.call(.post, base + "/confirm", token: federation.tokens["officer_a"]).status == .forbidden)
            let workerPath = "/api/v1/workers/\(worker)"
            #expect(try await client.call(.get, workerPath, token: federation.tokens["officer_a"]).object["hardship_tier"] == nil)
            let confirmed = try await client.call(.post, base + "/confirm", token: federation.tokens["reviewer"])
            #expect(confirmed.object["status"] as? String == "active")
            #expect(confirmed.object["overdue"] as? Bool == false)
            // The worker shows the active file's tier, and the list filters by it.
            #expect(try await client.call(.get, workerPath, token: federation.tokens["viewer_a"]).object["hardship_tier"] as? String == "relative")
            let relative = try await client.call(.get, "/api/v1/workers?hardship_tier=relative", token: federation.tokens["officer_a"])
            #expect(relative.items.map { $0["id"] as? String } == [worker])
            #expect(try await client.call(.get, "/api/v1/workers?hardship_tier=deep", token: federation.tokens["officer_a"]).items.isEmpty)
            #expect(try await client.call(.patch, base, token: federation.tokens["officer_a"], body: "{}").status == .conflict)
            let reviewed = try await client.call(.post, base + "/review", token: federation.tokens["officer_a"], body: HardshipReviewTests.newFigures)
            #expect(reviewed.status == .ok)
            #expect(reviewed.object["reviewed_on"] is String)
            #expect(try await client.call(.post, base + "/review", token: federation.tokens["auditor"], body: HardshipReviewTests.newFigures).status == .forbidden)
            let noReason = try await client.call(.post, base + "/close", token: federation.tokens["officer_a"], body: "{}")
            #expect(noReason.fieldErrors == ["reason"])
            let closed = try await client.call(.post, base + "/close", token: federation.tokens["officer_a"], body: #"{"reason": "lifted"}"#)
            #expect(closed.object["status"] as? String == "closed")
            #expect(try await client.call(.get, workerPath, token: federation.tokens["officer_a"]).object["hardship_tier"] == nil)
            #expect(try await client.call(.get, "/api/v1/workers?hardship_tier=relative", token: federation.tokens["officer_a"]).items.isEmpty)
            // The tier's copy on the worker is no edit of the person: the audit log has the
            // file's entries and only the registration for the worker.
            let workerAudit = try await federation.testDatabase.ownerPool.query(
                "SELECT count(*) FROM audit_log WHERE table_name = 'workers' AND row_id = \(worker)").scalar(Int.self)
            #expect(workerAudit == 1)
            #expect(try await client.call(.post, base + "/close", token: federation.tokens["officer_a"], body: #"{"reason": "lifted"}"#).status == .conflict)
            // A closed file makes room for a new one.
            #expect(try await client.call(.post, "/api/v1/hardship-files", token: federation.tokens["officer_a"], body: body).status == .created)

            try await expectUnauthenticated(client, federation, .get, base)
            #expect(try await client.call(.get, base, token: federation.tokens["officer_b"]).status == .notFound)
            let listB = try await client.call(.get, "/api/v1/hardship-files", token: federation.tokens["officer_b"])
            #expect(listB.items.isEmpty)
            let listA = try await client.call(.get, "/api/v1/hardship-files?status=closed", token: federation.tokens["officer_a"])
            #expect(listA.items.count == 1)
            #expect(try await client.call(.get, "/api/v1/hardship-files?overdue=perhaps", token: federation.tokens["officer_a"]).status == .unprocessableContent)
        }
    }

    @Test func overdueAfterTwelveMonthsWithoutReview() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            try await federation.setDibao()
            let officer = try await federation.principal("officer_a")
            let reviewer = try await federation.principal("reviewer")
            let worker = try await WorkerStore(database: federation.database).create(
                officer, office: federation.branchA.id, try WorkerFields(WorkerInput(name: "赵敏", idNumber: TestIDNumbers.make(serial: 80))))
            let fields = try HardshipFields(HardshipInput(householdSize: 2, annualIncome: "12000", essentialSpending: "0", mainCause: "illness"))
            let now = HardshipStore(database: federation.database, today: { CalendarDate(year: 2026, month: 3, day: 1)! })
            let file = try await now.create(officer, worker: worker.id, fields)
            _ = try await now.transition(officer, id: file.id, .submit)
            _ = try await now.transition(reviewer, id: file.id, .confirm)
            #expect(try await now.list(officer, overdue: true, status: nil, limit: 10, after: nil).items.isEmpty)
            let later = HardshipStore(database: federation.database, today: { CalendarDate(year: 2027, month: 3, day: 1)! })
            let overdue = try await later.list(officer, overdue: true, status: nil, limit: 10, after: nil)
            #expect(overdue.items.map(\.id) == [file.id])
            _ = try await later.review(officer, id: file.id, HardshipReviewInput(householdSize: 2, annualIncome: "12000", essentialSpending: "0"))
            #expect(try await later.list(officer, overdue: true, status: nil, limit: 10, after: nil).items.isEmpty)
            #expect(try await later.list(try await federation.principal("officer_b"), overdue: false, status: nil, limit: 10, after: nil).items.isEmpty)
        }
    }
}
