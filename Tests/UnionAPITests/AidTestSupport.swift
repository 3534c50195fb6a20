import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import UnionDomain
import UnionTestSupport

/// Builds aid fixtures through the API itself, as a branch and the area would.
enum AidFixture {
    static let year = CalendarDate.today().year

    /// A fund with `amount` received into it (none when nil).
    static func fund(_ client: some TestClientProtocol, _ federation: Federation, name: String = "区总工会拨款",
                     source: String = "district_allocation", amount: String? = "100000.00") async throws -> String {
        let created = try await client.call(.post, "/api/v1/funds", token: federation.tokens["admin"],
                                            body: #"{"name": "\#(name)", "source": "\#(source)"}"#)
        #expect(created.status == .created, "\(created.object)")
        let id = try #require(created.object["id"] as? String)
        if let amount {
            let receipt = try await client.call(.post, "/api/v1/funds/\(id)/receipts", token: federation.tokens["admin"],
                                                body: #"{"amount": "\#(amount)", "payer": "丰台区总工会", "date": "\#(year)-01-10"}"#)
            #expect(receipt.status == .created, "\(receipt.object)")
        }
        return id
    }

    static func standards(_ pairs: [(String, String)]) -> String {
        "[" + pairs.map { #"{"key": "\#($0.0)", "amount": "\#($0.1)"}"# }.joined(separator: ", ") + "]"
    }

    static func program(_ client: some TestClientProtocol, _ federation: Federation, kind: String, fund: String, budget: String = "50000.00",
                        standards: [(String, String)], extra: String = "") async throws -> String {
        let reply = try await client.call(.post, "/api/v1/aid-programs", token: federation.tokens["admin"], body: """
            {"kind": "\(kind)", "name": "\(kind) \(year)", "year": \(year), "fund_id": "\(fund)", "budget": "\(budget)",
             "standards": \(Self.standards(standards))\(extra)}
            """)
        #expect(reply.status == .created, "\(reply.object)")
        return try #require(reply.object["id"] as? String)
    }

    /// A worker of branch A with an active hardship file (deep tier: 666.66 a head a month).
    static func hardshipWorker(_ client: some TestClientProtocol, _ federation: Federation, serial: Int, token: String = "officer_a") async throws -> String {
        let worker = try await WorkerEndpointTests.register(client, federation.tokens[token], serial: serial)
        let file = try await client.call(.post, "/api/v1/hardship-files", token: federation.tokens[token],
                                         body: HardshipEndpointTests.fileBody(worker: worker))
        let fileID = try #require(file.object["id"] as? String)
        #expect(try await client.call(.post, "/api/v1/hardship-files/\(fileID)/submit", token: federation.tokens[token]).status == .ok)
        #expect(try await client.call(.post, "/api/v1/hardship-files/\(fileID)/confirm", token: federation.tokens["reviewer"]).status == .ok)
        return worker
    }

    static func caseBody(worker: String, program: String, extra: String = "") -> String {
        #"{"worker_id": "\#(worker)", "program_id": "\#(program)", "reason": "生活困难"\#(extra)}"#
    }

    /// Files, submits (officer) and approves (reviewer) a case; returns its id.
    static func approvedCase(_ client: some TestClientProtocol, _ federation: Federation, worker: String, program: String,
                             extra: String = "", filer: String = "officer_a") async throws -> String {
        let created = try await client.call(.post, "/api/v1/aid-cases", token: federation.tokens[filer],
                                            body: caseBody(worker: worker, program: program, extra: extra))
        #expect(created.status == .created, "\(created.object)")
        let id = try #require(created.object["id"] as? String)
        #expect(try await client.call(.post, "/api/v1/aid-cases/\(id)/submit", token: federation.tokens[filer]).status == .ok)
        let approved = try await client.call(.post, "/api/v1/aid-cases/\(id)/approve", token: federation.tokens["reviewer"])
        #expect(approved.object["status"] as? String == "approved", "\(approved.object)")
        return id
    }

    static func disburse(_ client: some TestClientProtocol, _ federation: Federation, _ id: String, body: String = #"{"method": "member_card"}"#,
                         key: String? = nil, token: String = "reviewer") async throws -> Reply {
        var headers: HTTPFields = [:]
        if let key, let name = HTTPField.Name("Idempotency-Key") { headers[name] = key }
        return try await client.call(.post, "/api/v1/aid-cases/\(id)/disburse", token: federation.tokens[token], body: body, headers: headers)
    }

    static func balance(_ client: some TestClientProtocol, _ federation: Federation, fund: String) async throws -> String? {
        try await client.call(.get, "/api/v1/funds/\(fund)", token: federation.tokens["reviewer"]).object["balance"] as? String
    }

    static func ledger(_ client: some TestClientProtocol, _ federation: Federation, fund: String) async throws -> [[String: Any]] {
        try await client.call(.get, "/api/v1/funds/\(fund)/ledger?limit=200", token: federation.tokens["admin"]).items
    }
}
