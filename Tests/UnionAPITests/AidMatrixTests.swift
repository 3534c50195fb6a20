import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import UnionDomain
import UnionTestSupport

/// Every aid route's 403, 404 and 422 (the 401s and the branch viewer's 403s on writes are
/// `EndpointMatrixTests`', which runs over every route).
@Suite("Aid route matrix")
struct AidMatrixTests {
    @Test func everyAidRouteAnswers403404And422() async throws {
        try await withAPI { federation, client in
            let fund = try await AidFixture.fund(client, federation)
            let program = try await AidFixture.program(client, federation, kind: "emergency_relief", fund: fund, standards: [("flat", "100.00")])
            let worker = try await WorkerEndpointTests.register(client, federation.tokens["officer_a"], serial: 150)
            let filed = try await client.call(.post, "/api/v1/aid-cases", token: federation.tokens["officer_a"],
                                              body: AidFixture.caseBody(worker: worker, program: program))
            let aid = try #require(filed.object["id"] as? String)
            let nobody = UUID().uuidString.lowercased()
            let admin = federation.tokens["admin"], reviewer = federation.tokens["reviewer"], officerB = federation.tokens["officer_b"]

            // 403: a role that may not.
            let forbidden: [(HTTPRequest.Method, String, String?, String?)] = [
                (.post, "/api/v1/funds", federation.tokens["officer_a"], #"{"name": "x", "source": "other"}"#),
                (.get, "/api/v1/funds", federation.tokens["viewer_a"], nil),
                (.get, "/api/v1/funds/\(fund)", federation.tokens["officer_a"], nil),
                (.post, "/api/v1/funds/\(fund)/receipts", reviewer, #"{"amount": "1.00", "payer": "x"}"#),
                (.get, "/api/v1/funds/\(fund)/ledger", federation.tokens["officer_a"], nil),
                (.post, "/api/v1/aid-programs", reviewer, "{}"),
                (.patch, "/api/v1/aid-programs/\(program)", federation.tokens["officer_a"], "{}"),
                (.post, "/api/v1/aid-programs/\(program)/visit-list", reviewer, nil),
                (.post, "/api/v1/aid-cases", reviewer, AidFixture.caseBody(worker: worker, program: program)),
                (.patch, "/api/v1/aid-cases/\(aid)", federation.tokens["auditor"], "{}"),
                (.post, "/api/v1/aid-cases/\(aid)/submit", reviewer, nil),
                (.post, "/api/v1/aid-cases/\(aid)/approve", federation.tokens["officer_a"], nil),
                (.post, "/api/v1/aid-cases/\(aid)/reject", federation.tokens["officer_a"], #"{"reason": "x"}"#),
                (.post, "/api/v1/aid-cases/\(aid)/return", federation.tokens["auditor"], #"{"reason": "x"}"#),
                (.post, "/api/v1/aid-cases/\(aid)/disburse", federation.tokens["officer_a"], #"{"method": "cash"}"#),
                (.post, "/api/v1/aid-cases/\(aid)/reverse", reviewer, #"{"reason": "x"}"#),
            ]
            for (method, path, token, body) in forbidden {
                #expect(try await client.call(method, path, token: token, body: body).status == .forbidden, "\(method) \(path)")
            }

            // 404: no such row, or another branch's.
            let missing: [(HTTPRequest.Method, String, String?, String?)] = [
                (.get, "/api/v1/funds/\(nobody)", admin, nil),
                (.post, "/api/v1/funds/\(nobody)/receipts", admin, #"{"amount": "1.00", "payer": "x"}"#),
                (.get, "/api/v1/funds/\(nobody)/ledger", admin, nil),
                (.get, "/api/v1/aid-programs/\(nobody)", admin, nil),
                (.patch, "/api/v1/aid-programs/\(nobody)", admin, "{}"),
                (.post, "/api/v1/aid-programs/\(nobody)/visit-list", admin, nil),
                (.post, "/api/v1/aid-cases", officerB, AidFixture.caseBody(worker: worker, program: program)),
                (.get, "/api/v1/aid-cases?office_id=\(federation.branchA.id)", officerB, nil),
                (.get, "/api/v1/aid-cases/\(aid)", officerB, nil),
                (.patch, "/api/v1/aid-cases/\(aid)", officerB, "{}"),
                (.post, "/api/v1/aid-cases/\(aid)/submit", officerB, nil),
                (.post, "/api/v1/aid-cases/\(nobody)/approve", reviewer, nil),
                (.post, "/api/v1/aid-cases/\(nobody)/reject", reviewer, #"{"reason": "x"}"#),
                (.post, "/api/v1/aid-cases/\(nobody)/return", reviewer, #"{"reason": "x"}"#),
                (.post, "/api/v1/aid-cases/\(nobody)/disburse", reviewer, #"{"method": "cash"}"#),
                (.post, "/api/v1/aid-cases/\(nobody)/reverse", admin, #"{"reason": "x"}"#),
                (.get, "/api/v1/workers/\(worker)/aid", officerB, nil),
            ]
            for (method, path, token, body) in missing {
                #expect(try await client.call(method, path, token: token, body: body).status == .notFound, "\(method) \(path)")
            }

            // 422: input that can't be right, named field by field; nothing written.
            let invalid: [(HTTPRequest.Method, String, String?, String, [String])] = [
                (.post, "/api/v1/funds", admin, #"{"name": "x", "source": "x", "balance": "5.00"}"#, ["balance"]),
                (.post, "/api/v1/funds/\(fund)/receipts", admin, #"{"amount": "1.001", "payer": ""}"#, ["amount", "payer"]),
                (.get, "/api/v1/funds/\(fund)/ledger?limit=0", admin, "", ["limit"]),
                (.post, "/api/v1/aid-programs", admin, #"{"kind": "holiday_warmth", "name": "x", "year": 2026, "fund_id": "\#(fund)", "budget": "1.00", "standards": [{"key": "flat", "amount": "1.00"}], "festival": "halloween"}"#, ["festival"]),
                (.patch, "/api/v1/aid-programs/\(program)", admin, #"{"budget": 5}"#, ["budget"]),
                (.get, "/api/v1/aid-programs?kind=lottery", admin, "", ["kind"]),
                (.post, "/api/v1/aid-cases", federation.tokens["officer_a"], #"{"worker_id": "\#(worker)", "program_id": "\#(nobody)", "reason": "x"}"#, ["program_id"]),
                (.get, "/api/v1/aid-cases?status=paid", admin, "", ["status"]),
                (.patch, "/api/v1/aid-cases/\(aid)", federation.tokens["officer_a"], #"{"cash_requested": "500.00"}"#, ["justification"]),
                (.post, "/api/v1/aid-cases/\(aid)/reject", reviewer, #"{"reason": ""}"#, ["reason"]),
                (.post, "/api/v1/aid-cases/\(aid)/return", reviewer, #"{"why": "x"}"#, ["why"]),
                (.post, "/api/v1/aid-cases/\(aid)/disburse", reviewer, #"{"method": "cash", "date": "yesterday"}"#, ["date"]),
                (.post, "/api/v1/aid-cases/\(aid)/reverse", admin, "{}", ["reason"]),
            ]
            for (method, path, token, body, fields) in invalid {
                let reply = try await client.call(method, path, token: token, body: body.isEmpty ? nil : body)
                #expect(reply.status == .unprocessableContent, "\(method) \(path)")
                #expect(reply.fieldErrors == fields, "\(method) \(path)")
            }
            #expect(try await client.call(.get, "/api/v1/aid-cases/\(aid)", token: admin).object["cash_requested"] as? String == "100.00")
            #expect(try await AidFixture.ledger(client, federation, fund: fund).count == 1)
        }
    }
}
