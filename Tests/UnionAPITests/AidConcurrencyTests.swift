import Foundation
import HTTPTypes
import HummingbirdTesting
import Synchronization
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// Money under concurrency: the database, not the order of requests, decides who is paid.
@Suite("Aid under concurrency")
struct AidConcurrencyTests {
    /// `count` approved emergency-relief cases of 100.00 each, one worker apiece.
    static func approvedCases(_ client: some TestClientProtocol, _ federation: Federation, program: String, count: Int, serial: Int) async throws -> [String] {
        var ids: [String] = []
        for index in 0..<count {
            let worker = try await WorkerEndpointTests.register(client, federation.tokens["officer_a"], serial: serial + index)
            ids.append(try await AidFixture.approvedCase(client, federation, worker: worker, program: program))
        }
        return ids
    }

    /// What a concurrent caller keeps of a reply (`Reply` holds JSON as `Any`, not Sendable).
    struct Outcome: Sendable, Equatable {
        let status: HTTPResponse.Status
        let problemCode: String?
        /// The body re-serialised with sorted keys, for comparing answers.
        let body: String

        init(_ reply: Reply) {
            status = reply.status
            problemCode = reply.problemCode
            let data = (try? JSONSerialization.data(withJSONObject: reply.object, options: [.sortedKeys])) ?? Data()
            body = String(decoding: data, as: UTF8.self)
        }
    }

    static func disburseAll(_ client: some TestClientProtocol, _ federation: Federation, _ ids: [String], key: String? = nil) async throws -> [Outcome] {
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            for id in ids { group.addTask { Outcome(try await AidFixture.disburse(client, federation, id, key: key)) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// 50 disbursements of 100.00 at once against a fund holding 1,000.00: ten are paid, forty
    /// are 409, the balance is 0.00 and the ledger adds up.
    @Test func fiftyAtOnceAgainstAFundThatCanPayTen() async throws {
        try await withAPI { federation, client in
            let fund = try await AidFixture.fund(client, federation, amount: "1000.00")
            let program = try await AidFixture.program(client, federation, kind: "emergency_relief", fund: fund, budget: "100000.00",
                                                       standards: [("flat", "100.00")])
            let ids = try await Self.approvedCases(client, federation, program: program, count: 50, serial: 200)
            let replies = try await Self.disburseAll(client, federation, ids)
            #expect(replies.filter { $0.status == .ok }.count == 10)
            #expect(replies.filter { $0.status == .conflict && $0.problemCode == "insufficient_funds" }.count == 40)
            #expect(try await AidFixture.balance(client, federation, fund: fund) == "0.00")
            let ledger = try await AidFixture.ledger(client, federation, fund: fund)
            #expect(ledger.count == 11)
            #expect(ledger.map { $0["seq"] as? Int } == Array(1...11).map { Optional($0) })
            #expect(ledger.last?["balance_after"] as? String == "0.00")
            let audits = try await FundStore(database: federation.database).check(federation.admin)
            #expect(audits.count == 1 && audits.allSatisfy { $0.holds })
            let paid = try await client.call(.get, "/api/v1/aid-cases?status=disbursed&limit=200", token: federation.tokens["reviewer"])
            #expect(paid.items.count == 10)
        }
    }

    /// The same with the program's budget as the limit: the fund could pay all fifty.
    @Test func fiftyAtOnceAgainstABudgetForTen() async throws {
        try await withAPI { federation, client in
            let fund = try await AidFixture.fund(client, federation, amount: "100000.00")
            let program = try await AidFixture.program(client, federation, kind: "emergency_relief", fund: fund, budget: "1000.00",
                                                       standards: [("flat", "100.00")])
            let ids = try await Self.approvedCases(client, federation, program: program, count: 50, serial: 300)
            let replies = try await Self.disburseAll(client, federation, ids)
            #expect(replies.filter { $0.status == .ok }.count == 10)
            #expect(replies.filter { $0.problemCode == "budget_exhausted" }.count == 40)
            let after = try await client.call(.get, "/api/v1/aid-programs/\(program)", token: federation.tokens["admin"])
            #expect(after.object["spent"] as? String == "1000.00")
            #expect(after.object["remaining"] as? String == "0.00")
            #expect(try await AidFixture.balance(client, federation, fund: fund) == "99000.00")
            let audits = try await FundStore(database: federation.database).check(federation.admin)
            #expect(audits.allSatisfy { $0.holds })
        }
    }

    /// A retried disbursement with the same Idempotency-Key pays once and answers the same,
    /// also when both arrive at once; the key with another body is 422.
    @Test func aRetryWithTheSameKeyPaysOnce() async throws {
        try await withAPI { federation, client in
            let fund = try await AidFixture.fund(client, federation, amount: "1000.00")
            let program = try await AidFixture.program(client, federation, kind: "emergency_relief", fund: fund, standards: [("flat", "100.00")])
            let ids = try await Self.approvedCases(client, federation, program: program, count: 2, serial: 400)
            let first = try await AidFixture.disburse(client, federation, ids[0], key: "pay-1")
            let retry = try await AidFixture.disburse(client, federation, ids[0], key: "pay-1")
            #expect(first.status == .ok)
            #expect(retry.status == .ok)
            #expect(Outcome(first) == Outcome(retry))
            let other = try await AidFixture.disburse(client, federation, ids[0], body: #"{"method": "bank"}"#, key: "pay-1")
            #expect(other.status == .unprocessableContent)
            #expect(other.fieldErrors == ["Idempotency-Key"])
            #expect(try await AidFixture.balance(client, federation, fund: fund) == "900.00")
            // Two at once with one key: one payment, two equal answers.
            let both = try await Self.disburseAll(client, federation, [ids[1], ids[1]], key: "pay-2")
            #expect(both.map(\.status) == [.ok, .ok])
            #expect(both[0].body == both[1].body)
            #expect(try await AidFixture.balance(client, federation, fund: fund) == "800.00")
            #expect(try await AidFixture.ledger(client, federation, fund: fund).count == 3)
            // Receipts too.
            var headers: HTTPFields = [:]
            if let name = HTTPField.Name("Idempotency-Key") { headers[name] = "receipt-1" }
            for _ in 0..<2 {
                let receipt = try await client.call(.post, "/api/v1/funds/\(fund)/receipts", token: federation.tokens["admin"],
                                                    body: #"{"amount": "50.00", "payer": "捐赠"}"#, headers: headers)
                #expect(receipt.status == .created)
                #expect(receipt.object["seq"] as? Int == 4)
            }
            #expect(try await AidFixture.balance(client, federation, fund: fund) == "850.00")
        }
    }

    /// A refusal is the first answer too: retried with the same key after the fund was topped
    /// up, the disbursement is refused again and moves nothing; a new key pays.
    @Test func aRefusalIsRememberedUnderItsKey() async throws {
        try await withAPI { federation, client in
            let fund = try await AidFixture.fund(client, federation, amount: "50.00")
            let program = try await AidFixture.program(client, federation, kind: "emergency_relief", fund: fund, standards: [("flat", "100.00")])
            let ids = try await Self.approvedCases(client, federation, program: program, count: 1, serial: 450)
            let refused = try await AidFixture.disburse(client, federation, ids[0], key: "pay-refused")
            #expect(refused.status == .conflict)
            #expect(refused.problemCode == "insufficient_funds")
            let topUp = try await client.call(.post, "/api/v1/funds/\(fund)/receipts", token: federation.tokens["admin"],
                                              body: #"{"amount": "500.00", "payer": "捐赠"}"#)
            #expect(topUp.status == .created)
            let retried = try await AidFixture.disburse(client, federation, ids[0], key: "pay-refused")
            #expect(retried.status == .conflict)
            #expect(retried.problemCode == "insufficient_funds")
            #expect(try await AidFixture.balance(client, federation, fund: fund) == "550.00")
            let fresh = try await AidFixture.disburse(client, federation, ids[0], key: "pay-again")
            #expect(fresh.status == .ok)
            #expect(try await AidFixture.balance(client, federation, fund: fund) == "450.00")
        }
    }
}
