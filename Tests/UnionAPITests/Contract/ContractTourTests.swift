import Foundation
import HTTPTypes
import HummingbirdTesting
import Synchronization
import Testing
@testable import UnionAPI
import UnionDomain
import UnionTestSupport

/// One pass over every operation of the document with input it accepts, each reply checked
/// against the document by `call`; then the error shapes every route shares.
@Suite("Contract tour")
struct ContractTourTests {
    @Test func everyOperationAnswersASuccessTheDocumentDescribes() async throws {
        try await withAPI { federation, client in
            try await federation.setDibao()
            let served = Mutex<Set<String>>([])
            func visit(_ method: HTTPRequest.Method, _ uri: String, _ template: String, token: String?, body: String? = nil,
                       expect status: HTTPResponse.Status) async throws -> Reply {
                let reply = try await client.call(method, uri, token: token, body: body)
                #expect(reply.status == status, "\(method) \(uri): \(reply.object)")
                served.withLock { _ = $0.insert("\(method.rawValue) \(template)") }
                return reply
            }
            let admin = federation.tokens["admin"], officer = federation.tokens["officer_a"], reviewer = federation.tokens["reviewer"]
            let login = try await visit(.post, "/api/v1/auth/login", "/api/v1/auth/login", token: nil,
                                        body: #"{"username": "officer_a", "password": "\#(Federation.password)"}"#, expect: .ok)
            _ = try await visit(.get, "/api/v1/me", "/api/v1/me", token: officer, expect: .ok)
            _ = try await visit(.get, "/api/v1/offices", "/api/v1/offices", token: admin, expect: .ok)
            _ = try await visit(.get, "/api/v1/offices/\(federation.branchA.id)", "/api/v1/offices/{id}", token: officer, expect: .ok)
            _ = try await visit(.post, "/api/v1/offices", "/api/v1/offices", token: admin,
                                body: #"{"code": "xiaocun", "name": "小村工会", "parent_id": "\#(federation.area.id)"}"#, expect: .created)
            _ = try await visit(.get, "/api/v1/users", "/api/v1/users", token: admin, expect: .ok)
            _ = try await visit(.post, "/api/v1/users", "/api/v1/users", token: admin,
                                body: #"{"username": "zhaolei", "display_name": "赵磊", "office_id": "\#(federation.branchA.id)", "role": "branch_viewer", "password": "long enough password"}"#,
                                expect: .created)
            let worker = try await visit(.post, "/api/v1/workers", "/api/v1/workers", token: officer,
                                         body: WorkerEndpointTests.body(900), expect: .created)
            let id = try #require(worker.object["id"] as? String)
            _ = try await visit(.get, "/api/v1/workers?limit=5", "/api/v1/workers", token: officer, expect: .ok)
            _ = try await visit(.get, "/api/v1/workers/\(id)", "/api/v1/workers/{id}", token: federation.tokens["viewer_a"], expect: .ok)
            _ = try await visit(.patch, "/api/v1/workers/\(id)", "/api/v1/workers/{id}", token: officer,
                                body: #"{"occupation": "保洁员"}"#, expect: .ok)
            let member = try await visit(.post, "/api/v1/workers/\(id)/household", "/api/v1/workers/{id}/household", token: officer,
                                         body: #"{"relation": "child", "name": "李小明", "school": "北京工业大学", "level": "undergraduate", "admission_year": 2025}"#,
                                         expect: .created)
            let memberID = try #require(member.object["id"] as? String)
            _ = try await visit(.get, "/api/v1/workers/\(id)/household", "/api/v1/workers/{id}/household", token: officer, expect: .ok)
            _ = try await visit(.patch, "/api/v1/workers/\(id)/household/\(memberID)", "/api/v1/workers/{id}/household/{member_id}",
                                token: officer, body: #"{"admission_year": 2024}"#, expect: .ok)
            _ = try await visit(.delete, "/api/v1/workers/\(id)/household/\(memberID)", "/api/v1/workers/{id}/household/{member_id}",
                                token: officer, expect: .noContent)
            _ = try await visit(.put, "/api/v1/workers/\(id)/model-worker", "/api/v1/workers/{id}/model-worker", token: officer,
                                body: #"{"level": "municipal", "title": "北京市劳动模范", "year_awarded": 2015}"#, expect: .ok)
            _ = try await visit(.get, "/api/v1/workers/\(id)/model-worker", "/api/v1/workers/{id}/model-worker", token: officer, expect: .ok)
            _ = try await visit(.delete, "/api/v1/workers/\(id)/model-worker", "/api/v1/workers/{id}/model-worker", token: officer,
                                expect: .noContent)
            let file = try await visit(.post, "/api/v1/hardship-files", "/api/v1/hardship-files", token: officer,
                                       body: HardshipEndpointTests.fileBody(worker: id), expect: .created)
            let fileID = try #require(file.object["id"] as? String)
            _ = try await visit(.get, "/api/v1/hardship-files", "/api/v1/hardship-files", token: officer, expect: .ok)
            _ = try await visit(.get, "/api/v1/hardship-files/\(fileID)", "/api/v1/hardship-files/{id}", token: officer, expect: .ok)
            _ = try await visit(.patch, "/api/v1/hardship-files/\(fileID)", "/api/v1/hardship-files/{id}", token: officer,
                                body: #"{"household_size": 4}"#, expect: .ok)
            for (action, token, body) in [("submit", officer, nil), ("return", reviewer, #"{"reason": "缺少收入证明"}"#), ("submit", officer, nil),
                                          ("confirm", reviewer, nil), ("review", reviewer, HardshipReviewTests.newFigures)] {
                _ = try await visit(.post, "/api/v1/hardship-files/\(fileID)/\(action)", "/api/v1/hardship-files/{id}/\(action)",
                                    token: token, body: body, expect: .ok)
            }
            _ = try await visit(.post, "/api/v1/hardship-files/\(fileID)/close", "/api/v1/hardship-files/{id}/close", token: officer,
                                body: #"{"reason": "lifted"}"#, expect: .ok)
            try await Self.visitEnterprisesContractsAndActivities(federation, worker: id) {
                try await visit($0, $1, $2, token: $3, body: $4, expect: $5)
            }
            _ = try await visit(.post, "/api/v1/workers/import", "/api/v1/workers/import", token: officer,
                                body: ImportEndpointTests.csv(["刘洋,\(TestIDNumbers.make(serial: 901)),,"]), expect: .ok)
            _ = try await visit(.get, "/api/v1/workers.csv", "/api/v1/workers.csv", token: officer, expect: .ok)
            _ = try await visit(.get, "/api/v1/audit?limit=3", "/api/v1/audit", token: admin, expect: .ok)
            _ = try await visit(.post, "/api/v1/workers/\(id)/transfer", "/api/v1/workers/{id}/transfer", token: officer,
                                body: #"{"to_office": "\#(federation.branchB.id)", "date": "2026-01-05", "reason": "搬家"}"#, expect: .noContent)
            _ = try await visit(.get, "/api/v1/workers/\(id)/transfers", "/api/v1/workers/{id}/transfers", token: officer, expect: .ok)
            try await AidContractTour.visit(federation, client) { try await visit($0, $1, $2, token: $3, body: $4, expect: $5) }
            try await InsuranceContractTour.visit(federation, client) { try await visit($0, $1, $2, token: $3, body: $4, expect: $5) }
            _ = try await visit(.get, "/api/v1/reports/annual?from=2025&to=2026", "/api/v1/reports/annual", token: admin, expect: .ok)
            let token = try #require(login.object["token"] as? String)
            _ = try await visit(.post, "/api/v1/auth/logout", "/api/v1/auth/logout", token: token, expect: .noContent)
            for path in ["/healthz", "/readyz", "/openapi.yaml"] {
                _ = try await visit(.get, path, path, token: nil, expect: .ok)
            }
            let missing = Set(await apiEndpoints().map { "\($0.method) \($0.path)" }).subtracting(served.withLock { $0 })
            #expect(missing.isEmpty, "no success checked for: \(missing.sorted())")
        }
    }

    /// An unserved method on a served path is 405 with `Allow`, never a 404; an unknown path stays 404.
    @Test func unservedMethodsAre405WithAllow() async throws {
        try await withAPI { federation, client in
            let trace = try await client.call(.trace, "/api/v1/workers", token: federation.tokens["officer_a"])
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers[.allow] == "GET, POST")
            let delete = try await client.call(.delete, "/api/v1/workers/\(UUID().uuidString.lowercased())", token: nil)
            #expect(delete.status == .methodNotAllowed)
            #expect(delete.headers[.allow] == "GET, PATCH")
            #expect(try await client.call(.put, "/healthz").headers[.allow] == "GET")
            let unknown = try await client.call(.get, "/api/v1/nothing-here", token: federation.tokens["officer_a"])
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType] == "application/problem+json")
        }
    }

    /// A field the operation doesn't name is refused, not ignored, and nothing is written.
    @Test func unknownFieldsAre422NamingThem() async throws {
        try await withAPI { federation, client in
            let id = try await WorkerEndpointTests.register(client, federation.tokens["officer_a"], serial: 910)
            let typo = try await client.call(.patch, "/api/v1/workers/\(id)", token: federation.tokens["officer_a"],
                                             body: #"{"membership_staus": "retired", "occupation": "司机"}"#)
            #expect(typo.status == .unprocessableContent)
            #expect(typo.fieldErrors == ["membership_staus"])
            let after = try await client.call(.get, "/api/v1/workers/\(id)", token: federation.tokens["officer_a"])
            #expect(after.object["occupation"] == nil)
            let login = try await client.call(.post, "/api/v1/auth/login", body: #"{"username": "admin", "password": "x", "otp": 1}"#)
            #expect(login.fieldErrors == ["otp"])
        }
    }

    /// NUL can't be stored and libpq would cut text at it: `?name=%00` once matched everyone.
    @Test func nulCharactersAre422() async throws {
        try await withAPI { federation, client in
            _ = try await WorkerEndpointTests.register(client, federation.tokens["officer_a"], serial: 920)
            let query = try await client.call(.get, "/api/v1/workers?name=%00", token: federation.tokens["officer_a"])
            #expect(query.status == .unprocessableContent)
            #expect(query.fieldErrors == ["name"])
            let body = try await client.call(.post, "/api/v1/workers", token: federation.tokens["officer_a"],
                                             body: #"{"name": "王\u0000芳", "id_number": "\#(TestIDNumbers.make(serial: 921))"}"#)
            #expect(body.status == .unprocessableContent)
            #expect(body.fieldErrors == ["name"])
            let audit = try await client.call(.get, "/api/v1/audit?table=%00", token: federation.tokens["admin"])
            #expect(audit.status == .unprocessableContent)
        }
    }
}

extension ContractTourTests {
    /// Amounts travel as text; a JSON number gets a message saying so rather than "wrong type".
    @Test func anAmountSentAsANumberIsExplained() async throws {
        try await withAPI { federation, client in
            let worker = try await WorkerEndpointTests.register(client, federation.tokens["officer_a"], serial: 930)
            let reply = try await client.call(.post, "/api/v1/hardship-files", token: federation.tokens["officer_a"],
                                              body: #"{"worker_id": "\#(worker)", "household_size": 3, "annual_income": 28800, "main_cause": "illness"}"#)
            #expect(reply.status == .unprocessableContent)
            let errors = reply.object["errors"] as? [[String: Any]] ?? []
            #expect(errors.first?["field"] as? String == "annual_income")
            #expect((errors.first?["message"] as? String)?.contains(#""28800.00""#) == true)
        }
    }
}
