import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import UnionDomain
import UnionTestSupport

@Suite("Insurance under concurrency, and its route matrix")
struct InsuranceConcurrencyAndMatrixTests {
    /// 20 approvals of 1,000.00 claims at once against a 15,000.00 cap: fifteen are paid in
    /// full, five are 409, and the payouts add up to the cap exactly.
    @Test func twentyApprovalsAtOnceAgainstOneCap() async throws {
        try await withAPI { federation, client in
            let plan = try await InsuranceFixture.plan(client, federation)
            let period = try await InsuranceFixture.period(client, federation, plan: plan)
            let worker = try await InsuranceFixture.worker(client, federation, serial: 100)
            let enrolled = try await InsuranceFixture.enrol(client, federation, period: period, worker: worker)
            let enrolment = try #require(enrolled.object["id"] as? String)
            var claims: [String] = []
            for _ in 0..<20 { claims.append(try await InsuranceFixture.claim(client, federation, enrolment: enrolment, amount: "1000.00")) }
            let outcomes = try await withThrowingTaskGroup(of: AidConcurrencyTests.Outcome.self) { group in
                for claim in claims {
                    group.addTask {
                        AidConcurrencyTests.Outcome(try await client.call(.post, "/api/v1/insurance-claims/\(claim)/approve",
                                                                          token: federation.tokens["reviewer"]))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0.status == .ok }.count == 15)
            #expect(outcomes.filter { $0.status == .conflict && $0.problemCode == "cap_exhausted" }.count == 5)
            let listed = try await client.call(.get, "/api/v1/insurance-claims?enrolment_id=\(enrolment)", token: federation.tokens["reviewer"]).items
            let total = listed.compactMap { ($0["payout"] as? String).flatMap(Money.init) }.reduce(Money.zero, +)
            #expect(total == Money(fen: 1_500_000))
        }
    }

    /// Ten retries of one roster enrolment at once under one Idempotency-Key: the roster is
    /// enrolled and its premiums drawn once, and every retry gets the first answer.
    @Test func concurrentRetriesOfARosterDrawThePremiumsOnce() async throws {
        try await withAPI { federation, client in
            let fund = try await AidFixture.fund(client, federation, amount: "1000.00")
            let plan = try await InsuranceFixture.plan(client, federation)
            let period = try await InsuranceFixture.period(client, federation, plan: plan)
            for serial in 120..<124 { _ = try await InsuranceFixture.worker(client, federation, serial: serial) }
            let body = #"{"fund_id": "\#(fund)", "office_ids": ["\#(federation.branchA.id)"]}"#
            let outcomes = try await withThrowingTaskGroup(of: AidConcurrencyTests.Outcome.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        AidConcurrencyTests.Outcome(try await InsuranceFixture.roster(client, federation, period: period, body: body, key: "roster-once",
                                                                                      token: "admin"))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.allSatisfy { $0.status == .ok })
            #expect(Set(outcomes.map(\.body)).count == 1)
            #expect(outcomes.first?.body.contains(#""enrolled":4"#) == true)
            #expect(try await AidFixture.balance(client, federation, fund: fund) == "900.00")
            #expect(try await AidFixture.ledger(client, federation, fund: fund).filter { $0["kind"] as? String == "premium" }.count == 1)
        }
    }

    /// Outside the enrolment window nobody is enrolled (409), one at a time or by roster.
    @Test func enrolmentOutsideTheWindowIsRefused() async throws {
        try await withAPI { federation, client in
            let plan = try await InsuranceFixture.plan(client, federation)
            let reply = try await client.call(.post, "/api/v1/insurance-periods", token: federation.tokens["admin"], body: """
                {"plan_id": "\(plan)", "starts_on": "2020-01-01", "ends_on": "2020-12-31"}
                """)
            let period = try #require(reply.object["id"] as? String)
            #expect(reply.object["enrol_opens_on"] as? String == "2019-12-01")
            let worker = try await InsuranceFixture.worker(client, federation, serial: 130)
            let single = try await InsuranceFixture.enrol(client, federation, period: period, worker: worker)
            #expect(single.status == .conflict)
            #expect(single.problemCode == "enrolment_closed")
            #expect(try await InsuranceFixture.roster(client, federation, period: period).problemCode == "enrolment_closed")
        }
    }

    /// Every insurance route's 403, 404 and 422 (401s and the viewer's 403s are `EndpointMatrixTests`').
    @Test func everyInsuranceRouteAnswers403404And422() async throws {
        try await withAPI { federation, client in
            let plan = try await InsuranceFixture.plan(client, federation)
            let period = try await InsuranceFixture.period(client, federation, plan: plan)
            let worker = try await InsuranceFixture.worker(client, federation, serial: 110)
            let enrolment = try #require(try await InsuranceFixture.enrol(client, federation, period: period, worker: worker).object["id"] as? String)
            let claim = try await InsuranceFixture.claim(client, federation, enrolment: enrolment, amount: "100.00")
            let nobody = UUID().uuidString.lowercased()
            let admin = federation.tokens["admin"], reviewer = federation.tokens["reviewer"], officerA = federation.tokens["officer_a"]
            let officerB = federation.tokens["officer_b"]

            let forbidden: [(HTTPRequest.Method, String, String?, String?)] = [
                (.post, "/api/v1/insurance-plans", reviewer, "{}"),
                (.patch, "/api/v1/insurance-plans/\(plan)", officerA, "{}"),
                (.post, "/api/v1/insurance-periods", officerA, "{}"),
                (.post, "/api/v1/insurance-enrolments", reviewer, "{}"),
                (.post, "/api/v1/insurance-periods/\(period)/enrol-roster", federation.tokens["auditor"], "{}"),
                (.post, "/api/v1/insurance-claims", reviewer, "{}"),
                (.post, "/api/v1/insurance-claims/\(claim)/approve", officerA, nil),
                (.post, "/api/v1/insurance-claims/\(claim)/reject", officerA, #"{"reason": "x"}"#),
                (.post, "/api/v1/insurance-claims/\(claim)/pay", officerA, #"{"method": "bank"}"#),
            ]
            for (method, path, token, body) in forbidden {
                #expect(try await client.call(method, path, token: token, body: body).status == .forbidden, "\(method) \(path)")
            }

            let missing: [(HTTPRequest.Method, String, String?, String?)] = [
                (.get, "/api/v1/insurance-plans/\(nobody)", admin, nil),
                (.patch, "/api/v1/insurance-plans/\(nobody)", admin, "{}"),
                (.get, "/api/v1/insurance-periods/\(nobody)", admin, nil),
                (.post, "/api/v1/insurance-periods/\(nobody)/enrol-roster", officerA, "{}"),
                (.post, "/api/v1/insurance-enrolments", officerB, #"{"period_id": "\#(period)", "worker_id": "\#(worker)"}"#),
                (.post, "/api/v1/insurance-periods/\(period)/enrol-roster", officerB, #"{"office_ids": ["\#(federation.branchA.id)"]}"#),
                (.post, "/api/v1/insurance-claims", officerB, #"{"enrolment_id": "\#(enrolment)", "incident_on": "\#(InsuranceFixture.year)-02-01", "kind": "other", "amount_claimed": "1.00"}"#),
                (.get, "/api/v1/insurance-claims/\(claim)", officerB, nil),
                (.post, "/api/v1/insurance-claims/\(nobody)/approve", reviewer, nil),
                (.post, "/api/v1/insurance-claims/\(nobody)/reject", reviewer, #"{"reason": "x"}"#),
                (.post, "/api/v1/insurance-claims/\(nobody)/pay", reviewer, #"{"method": "bank"}"#),
            ]
            for (method, path, token, body) in missing {
                #expect(try await client.call(method, path, token: token, body: body).status == .notFound, "\(method) \(path)")
            }

            let invalid: [(HTTPRequest.Method, String, String?, String, [String])] = [
                (.post, "/api/v1/insurance-plans", admin, #"{"code": "x", "name": "x", "insurer": "x", "premium_per_share": "0.00", "cap_per_share": "1.00", "payout_percent": 120}"#,
                 ["code", "premium_per_share", "payout_percent"]),
                (.patch, "/api/v1/insurance-plans/\(plan)", admin, #"{"sex": "other"}"#, ["sex"]),
                (.post, "/api/v1/insurance-periods", admin, #"{"plan_id": "\#(plan)", "starts_on": "2027-01-01", "ends_on": "2026-01-01"}"#, ["ends_on"]),
                (.get, "/api/v1/insurance-periods?plan_id=x", admin, "", ["plan_id"]),
                (.post, "/api/v1/insurance-enrolments", officerA, #"{"period_id": "\#(period)", "worker_id": "x", "shares": 0}"#, ["worker_id", "shares"]),
                (.post, "/api/v1/insurance-periods/\(period)/enrol-roster", officerA, #"{"shares": 101, "premium": "1.00"}"#, ["premium"]),
                (.post, "/api/v1/insurance-claims", officerA, #"{"enrolment_id": "\#(enrolment)", "incident_on": "\#(InsuranceFixture.year)-02-01", "kind": "flood", "amount_claimed": "1.001"}"#,
                 ["kind", "amount_claimed"]),
                (.get, "/api/v1/insurance-claims?enrolment_id=x", admin, "", ["enrolment_id"]),
                (.post, "/api/v1/insurance-claims/\(claim)/reject", reviewer, #"{"reason": ""}"#, ["reason"]),
                (.post, "/api/v1/insurance-claims/\(claim)/pay", reviewer, #"{"method": "cheque"}"#, ["method"]),
            ]
            for (method, path, token, body, fields) in invalid {
                let reply = try await client.call(method, path, token: token, body: body.isEmpty ? nil : body)
                #expect(reply.status == .unprocessableContent, "\(method) \(path)")
                #expect(reply.fieldErrors == fields, "\(method) \(path): \(reply.object)")
            }
            #expect(try await client.call(.get, "/api/v1/insurance-claims/\(claim)", token: admin).object["status"] as? String == "submitted")
        }
    }
}
