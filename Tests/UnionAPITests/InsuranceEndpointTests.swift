import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import UnionDomain
import UnionTestSupport

@Suite("Insurance endpoints")
struct InsuranceEndpointTests {
    /// The women's plan: 25.00 a share, up to 15,000.00 a share, women only. A fund pays the
    /// premium in the same transaction; twice in a period is 409; a man is 422 saying why.
    @Test func enrolmentDrawsThePremiumAndRefusesTheIneligible() async throws {
        try await withAPI { federation, client in
            let fund = try await AidFixture.fund(client, federation, name: "工会会费", source: "union_dues", amount: "1000.00")
            let plan = try await InsuranceFixture.plan(client, federation)
            let period = try await InsuranceFixture.period(client, federation, plan: plan)
            let woman = try await InsuranceFixture.worker(client, federation, serial: 1)
            let man = try await InsuranceFixture.worker(client, federation, serial: 2, sex: .male)

            let enrolled = try await InsuranceFixture.enrol(client, federation, period: period, worker: woman, shares: 2, fund: fund, token: "admin")
            #expect(enrolled.status == .created, "\(enrolled.object)")
            #expect(enrolled.object["premium"] as? String == "50.00")
            #expect(enrolled.object["cap_total"] as? String == "30000.00")
            #expect(enrolled.object["payer"] as? String == "fund")
            #expect(try await AidFixture.balance(client, federation, fund: fund) == "950.00")
            let premium = try await AidFixture.ledger(client, federation, fund: fund).last
            #expect(premium?["kind"] as? String == "premium")
            #expect(premium?["amount"] as? String == "-50.00")

            let twice = try await InsuranceFixture.enrol(client, federation, period: period, worker: woman)
            #expect(twice.status == .conflict)
            #expect(twice.problemCode == "already_enrolled")

            let refused = try await InsuranceFixture.enrol(client, federation, period: period, worker: man)
            #expect(refused.status == .unprocessableContent)
            let error = (refused.object["errors"] as? [[String: Any]])?.first
            #expect(error?["field"] as? String == "worker_id")
            #expect(error?["code"] as? String == "wrong_sex")

            let tooMany = try await InsuranceFixture.enrol(client, federation, period: period, worker: woman, shares: 3)
            #expect(tooMany.fieldErrors == ["shares"])
        }
    }

    @Test func ageLimitsAreAtThePeriodsStart() async throws {
        try await withAPI { federation, client in
            let plan = try await InsuranceFixture.plan(client, federation, stem: "accident", terms: """
                "premium_per_share": "10.00", "cap_per_share": "50000.00", "min_age": 18, "max_age": 45
                """)
            let period = try await InsuranceFixture.period(client, federation, plan: plan)
            // Born 1980-01-01: 46 on 1 January this year (2026 and later).
            let older = try await InsuranceFixture.worker(client, federation, serial: 10, sex: .male)
            let younger = try await InsuranceFixture.worker(client, federation, serial: 11, sex: .male, born: "19950601")
            let refused = try await InsuranceFixture.enrol(client, federation, period: period, worker: older)
            #expect((refused.object["errors"] as? [[String: Any]])?.first?["code"] as? String == "too_old")
            #expect(try await InsuranceFixture.enrol(client, federation, period: period, worker: younger).status == .created)
        }
    }

    /// The same Idempotency-Key three times: one enrolment, one premium, the same answer; a
    /// fund that can't pay enrols nobody.
    @Test func thePremiumIsDrawnOnceUnderRetriesAndNotAtAllFromAnEmptyFund() async throws {
        try await withAPI { federation, client in
            let fund = try await AidFixture.fund(client, federation, amount: "100.00")
            let empty = try await AidFixture.fund(client, federation, name: "空资金", amount: "10.00")
            let plan = try await InsuranceFixture.plan(client, federation)
            let period = try await InsuranceFixture.period(client, federation, plan: plan)
            let worker = try await InsuranceFixture.worker(client, federation, serial: 20)
            var bodies: Set<String> = []
            for _ in 0..<3 {
                let reply = try await InsuranceFixture.enrol(client, federation, period: period, worker: worker, fund: fund, key: "enrol-20",
                                                             token: "admin")
                #expect(reply.status == .created)
                bodies.insert(reply.object["id"] as? String ?? "")
            }
            #expect(bodies.count == 1)
            #expect(try await AidFixture.balance(client, federation, fund: fund) == "75.00")
            #expect(try await AidFixture.ledger(client, federation, fund: fund).filter { $0["kind"] as? String == "premium" }.count == 1)

            let other = try await InsuranceFixture.worker(client, federation, serial: 21)
            let broke = try await InsuranceFixture.enrol(client, federation, period: period, worker: other, fund: empty, token: "admin")
            #expect(broke.status == .conflict)
            #expect(broke.problemCode == "insufficient_funds")
            #expect(try await AidFixture.balance(client, federation, fund: empty) == "10.00")
            // Nothing was enrolled: the member can still enrol, paying herself.
            let paysHerself = try await InsuranceFixture.enrol(client, federation, period: period, worker: other)
            #expect(paysHerself.status == .created)
            #expect(paysHerself.object["payer"] as? String == "member")
        }
    }

    /// A branch's whole roster at once: the eligible are enrolled, the rest are named with why.
    @Test func rosterEnrolmentCountsAndReasons() async throws {
        try await withAPI { federation, client in
            let plan = try await InsuranceFixture.plan(client, federation)
            let period = try await InsuranceFixture.period(client, federation, plan: plan)
            var women: [String] = []
            for serial in 30..<34 { women.append(try await InsuranceFixture.worker(client, federation, serial: serial)) }
            let man = try await InsuranceFixture.worker(client, federation, serial: 35, sex: .male)
            let retired = try await InsuranceFixture.worker(client, federation, serial: 36)
            #expect(try await client.call(.patch, "/api/v1/workers/\(retired)", token: federation.tokens["officer_a"],
                                          body: #"{"membership_status": "retired"}"#).status == .ok)
            _ = try await InsuranceFixture.worker(client, federation, serial: 37, token: "officer_b")
            #expect(try await InsuranceFixture.enrol(client, federation, period: period, worker: women[0]).status == .created)

            let first = try await InsuranceFixture.roster(client, federation, period: period, body: #"{"shares": 1}"#)
            #expect(first.status == .ok, "\(first.object)")
            #expect(first.object["enrolled"] as? Int == 3)
            #expect(first.object["premium_total"] as? String == "75.00")
            let skipped = (first.object["skipped"] as? [[String: Any]] ?? []).map { ($0["worker_id"] as? String ?? "", $0["reason"] as? String ?? "") }
            #expect(Dictionary(uniqueKeysWithValues: skipped) == [women[0]: "already_enrolled", man: "wrong_sex"])

            let again = try await InsuranceFixture.roster(client, federation, period: period)
            #expect(again.object["enrolled"] as? Int == 0)
            #expect(again.object["skipped_count"] as? Int == 5)

            // The area names a branch; a fund that can't pay them all enrols none of them.
            let fund = try await AidFixture.fund(client, federation, amount: "10.00")
            let broke = try await InsuranceFixture.roster(client, federation, period: period,
                                                          body: #"{"fund_id": "\#(fund)", "office_ids": ["\#(federation.branchB.id)"]}"#, token: "admin")
            #expect(broke.status == .conflict)
            #expect(broke.problemCode == "insufficient_funds")
            let paid = try await InsuranceFixture.roster(client, federation, period: period,
                                                         body: #"{"office_ids": ["\#(federation.branchB.id)"]}"#, token: "admin")
            #expect(paid.object["enrolled"] as? Int == 1)

            // Coverage = enrolled active members / active members, per branch and for the area.
            let coverage = try await client.call(.get, "/api/v1/insurance-periods/\(period)/coverage", token: federation.tokens["reviewer"]).object
            let lines = (coverage["branches"] as? [[String: Any]] ?? []).map {
                ($0["office_id"] as? String ?? "", "\($0["active_members"] as? Int ?? -1)/\($0["enrolled"] as? Int ?? -1) \($0["rate_percent"] as? String ?? "")")
            }
            let byBranch = Dictionary(lines) { first, _ in first }
            #expect(byBranch[federation.branchA.id.description] == "5/4 80.00")
            #expect(byBranch[federation.branchB.id.description] == "1/1 100.00")
            let total = coverage["total"] as? [String: Any]
            #expect(total?["rate_percent"] as? String == "83.33")
            let own = try await client.call(.get, "/api/v1/insurance-periods/\(period)/coverage", token: federation.tokens["viewer_a"]).object
            #expect((own["branches"] as? [[String: Any]])?.compactMap { $0["office_id"] as? String } == [federation.branchA.id.description])
        }
    }

    /// Approve computes the payout with its working; never the submitter; the caps hold across
    /// claims; reject and pay move the status.
    @Test func claimsArePaidUnderTheCaps() async throws {
        try await withAPI { federation, client in
            let plan = try await InsuranceFixture.plan(client, federation, stem: "hospital", terms: """
                "premium_per_share": "60.00", "cap_per_share": "10000.00", "deductible": "500.00", "payout_percent": 80, "cap_per_period": "12000.00", "max_shares": 3
                """)
            let period = try await InsuranceFixture.period(client, federation, plan: plan)
            let worker = try await InsuranceFixture.worker(client, federation, serial: 40)
            let enrolled = try await InsuranceFixture.enrol(client, federation, period: period, worker: worker, shares: 2)
            let enrolment = try #require(enrolled.object["id"] as? String)
            #expect(enrolled.object["cap_total"] as? String == "12000.00")

            let first = try await InsuranceFixture.claim(client, federation, enrolment: enrolment, amount: "10500.00")
            #expect(try await client.call(.post, "/api/v1/insurance-claims/\(first)/approve", token: federation.tokens["officer_a"]).status == .forbidden)
            let approved = try await client.call(.post, "/api/v1/insurance-claims/\(first)/approve", token: federation.tokens["reviewer"])
            #expect(approved.object["status"] as? String == "approved")
            #expect(approved.object["payout"] as? String == "8000.00")
            let working = approved.object["working"] as? [String: Any]
            #expect(working?["after_ratio"] as? String == "8000.00")
            #expect(working?["cap_remaining"] as? String == "12000.00")

            let second = try await InsuranceFixture.claim(client, federation, enrolment: enrolment, amount: "10500.00")
            let capped = try await client.call(.post, "/api/v1/insurance-claims/\(second)/approve", token: federation.tokens["admin"])
            #expect(capped.object["payout"] as? String == "4000.00")
            let third = try await InsuranceFixture.claim(client, federation, enrolment: enrolment, amount: "900.00")
            let exhausted = try await client.call(.post, "/api/v1/insurance-claims/\(third)/approve", token: federation.tokens["reviewer"])
            #expect(exhausted.status == .conflict)
            #expect(exhausted.problemCode == "cap_exhausted")
            let rejected = try await client.call(.post, "/api/v1/insurance-claims/\(third)/reject", token: federation.tokens["reviewer"],
                                                 body: #"{"reason": "已达保障上限"}"#)
            #expect(rejected.object["status"] as? String == "rejected")

            let paid = try await client.call(.post, "/api/v1/insurance-claims/\(first)/pay", token: federation.tokens["reviewer"],
                                             body: #"{"method": "bank", "date": "\#(InsuranceFixture.year)-04-01"}"#)
            #expect(paid.object["status"] as? String == "paid")
            #expect(try await client.call(.post, "/api/v1/insurance-claims/\(first)/pay", token: federation.tokens["reviewer"],
                                          body: #"{"method": "bank"}"#).status == .conflict)

            // The submitter never approves, whatever the role: the admin files, the admin can't decide.
            let own = try await InsuranceFixture.claim(client, federation, enrolment: enrolment, amount: "600.00", token: "admin")
            #expect(try await client.call(.post, "/api/v1/insurance-claims/\(own)/approve", token: federation.tokens["admin"]).status == .forbidden)

            let outside = try await client.call(.post, "/api/v1/insurance-claims", token: federation.tokens["officer_a"], body: """
                {"enrolment_id": "\(enrolment)", "incident_on": "\(InsuranceFixture.year + 1)-01-05", "kind": "hospitalisation", "amount_claimed": "100.00"}
                """)
            #expect(outside.fieldErrors == ["incident_on"])
        }
    }

    /// Workers who retire or leave during the period are flagged on their enrolments, whoever
    /// changes the status, and listed for the insurer as JSON or CSV.
    @Test func rosterChangesAreFlaggedAndReported() async throws {
        try await withAPI { federation, client in
            let plan = try await InsuranceFixture.plan(client, federation)
            let period = try await InsuranceFixture.period(client, federation, plan: plan)
            let stays = try await InsuranceFixture.worker(client, federation, serial: 50)
            let retires = try await InsuranceFixture.worker(client, federation, serial: 51)
            let leaves = try await InsuranceFixture.worker(client, federation, serial: 52)
            #expect(try await InsuranceFixture.roster(client, federation, period: period).object["enrolled"] as? Int == 3)
            for (worker, status) in [(retires, "retired"), (leaves, "left")] {
                #expect(try await client.call(.patch, "/api/v1/workers/\(worker)", token: federation.tokens["officer_a"],
                                              body: #"{"membership_status": "\#(status)"}"#).status == .ok)
            }
            let listed = try await client.call(.get, "/api/v1/insurance-periods/\(period)/roster-changes", token: federation.tokens["viewer_a"]).items
            let changes = Dictionary(uniqueKeysWithValues: listed.map { ($0["worker_id"] as? String ?? "", $0["change"] as? String ?? "") })
            #expect(changes == [retires: "retired", leaves: "left"])
            #expect(changes[stays] == nil)
            #expect(listed.allSatisfy { $0["changed_on"] as? String == CalendarDate.today().description })
            #expect(try await client.call(.get, "/api/v1/insurance-periods/\(period)/roster-changes", token: federation.tokens["officer_b"]).items.isEmpty)

            let csv = try await client.execute(uri: "/api/v1/insurance-periods/\(period)/roster-changes", method: .get,
                                               headers: [.authorization: "Bearer \(federation.tokens["officer_a"] ?? "")", .accept: "text/csv"]) { response in
                (response.status, String(buffer: response.body), response.headers[.contentType])
            }
            #expect(csv.0 == .ok)
            #expect(csv.2 == "text/csv; charset=utf-8")
            let lines = csv.1.split(separator: "\r\n").map(String.init)
            #expect(lines.first == "enrolment_id,worker_id,name,office_id,change,changed_on")
            #expect(lines.count == 3)
            #expect(lines.contains { $0.contains(retires) && $0.hasSuffix(",retired,\(CalendarDate.today())") })
        }
    }
}
