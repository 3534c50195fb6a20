import Foundation
import HTTPTypes
import Testing
import PQ
import UnionDomain
import UnionStore
import UnionTestSupport

@Suite("User endpoints")
struct UserEndpointTests {
    @Test func listIsForAreaAdminsAndAuditors() async throws {
        try await withAPI { federation, client in
            try await expectUnauthenticated(client, federation, .get, "/api/v1/users")
            for role in ["officer_a", "viewer_a", "reviewer", "officer_b"] {
                #expect(try await client.call(.get, "/api/v1/users", token: federation.tokens[role]).status == .forbidden, "\(role)")
            }
            let admin = try await client.call(.get, "/api/v1/users", token: federation.tokens["admin"])
            #expect(admin.status == .ok)
            #expect(admin.items.count == 6)
            #expect(admin.items.allSatisfy { $0["password_hash"] == nil })
            let auditor = try await client.call(.get, "/api/v1/users?office_id=\(federation.branchA.id)", token: federation.tokens["auditor"])
            #expect(Set(auditor.items.compactMap { $0["username"] as? String }) == ["officer_a", "viewer_a"])
            let bad = try await client.call(.get, "/api/v1/users?office_id=nope", token: federation.tokens["admin"])
            #expect(bad.status == .unprocessableContent)
        }
    }

    @Test func createValidatesChecksScopeAndRefusesDuplicates() async throws {
        try await withAPI { federation, client in
            let body = #"{"username": "new_officer", "display_name": "赵六", "office_id": "\#(federation.branchB.id)", "role": "branch_officer", "password": "long enough password"}"#
            try await expectUnauthenticated(client, federation, .post, "/api/v1/users", body: body)
            for role in ["officer_a", "officer_b", "reviewer", "auditor"] {
                #expect(try await client.call(.post, "/api/v1/users", token: federation.tokens[role], body: body).status == .forbidden, "\(role)")
            }
            let before = try await userCount(federation)
            let invalid = try await client.call(.post, "/api/v1/users", token: federation.tokens["admin"],
                                                body: #"{"username": "X", "display_name": "", "role": "king", "password": "short"}"#)
            #expect(invalid.status == .unprocessableContent)
            #expect(Set(invalid.fieldErrors) == ["username", "display_name", "office_id", "role", "password"])
            let mismatch = try await client.call(.post, "/api/v1/users", token: federation.tokens["admin"],
                                                 body: #"{"username": "misfit", "display_name": "某人", "office_id": "\#(federation.branchA.id)", "role": "area_admin", "password": "long enough password"}"#)
            #expect(mismatch.status == .unprocessableContent)
            #expect(mismatch.fieldErrors == ["role"])
            let elsewhere = try await client.call(.post, "/api/v1/users", token: federation.tokens["admin"],
                                                  body: #"{"username": "ghost", "display_name": "某人", "office_id": "\#(UUID())", "role": "branch_officer", "password": "long enough password"}"#)
            #expect(elsewhere.status == .notFound)
            #expect(try await userCount(federation) == before)

            let created = try await client.call(.post, "/api/v1/users", token: federation.tokens["admin"], body: body)
            #expect(created.status == .created)
            #expect(created.object["username"] as? String == "new_officer")
            #expect(created.object["password"] == nil)
            let duplicate = try await client.call(.post, "/api/v1/users", token: federation.tokens["admin"], body: body)
            #expect(duplicate.status == .conflict)
            #expect(duplicate.problemCode == "duplicate_username")
            let login = try await client.call(.post, "/api/v1/auth/login", body: #"{"username": "new_officer", "password": "long enough password"}"#)
            #expect(login.status == .ok)
        }
    }

    func userCount(_ federation: Federation) async throws -> Int {
        try await federation.testDatabase.ownerPool.query("SELECT count(*) FROM users").scalar(Int.self) ?? -1
    }
}
