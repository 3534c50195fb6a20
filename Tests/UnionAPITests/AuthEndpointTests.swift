import Foundation
import HTTPTypes
import Testing
import PQ
import UnionDomain
import UnionStore
import UnionTestSupport

@Suite("Auth endpoints")
struct AuthEndpointTests {
    @Test func loginMeLogout() async throws {
        try await withAPI { federation, client in
            let login = try await client.call(.post, "/api/v1/auth/login",
                                              body: #"{"username": "officer_a", "password": "\#(Federation.password)"}"#)
            #expect(login.status == .ok)
            let token = try #require(login.object["token"] as? String)
            #expect(login.object["expires_at"] is String)
            let me = try await client.call(.get, "/api/v1/me", token: token)
            #expect(me.status == .ok)
            #expect(me.object["username"] as? String == "officer_a")
            #expect(me.object["office_id"] as? String == federation.branchA.id.description)
            #expect(try await client.call(.post, "/api/v1/auth/logout", token: token).status == .noContent)
            #expect(try await client.call(.get, "/api/v1/me", token: token).status == .unauthorized)
        }
    }

    @Test func badLoginsAreOneAnswerAndInvalidInputIs422() async throws {
        try await withAPI { _, client in
            let wrong = try await client.call(.post, "/api/v1/auth/login", body: #"{"username": "officer_a", "password": "nope-nope-nope"}"#)
            let unknown = try await client.call(.post, "/api/v1/auth/login", body: #"{"username": "nobody", "password": "nope-nope-nope"}"#)
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.object["detail"] as? String == unknown.object["detail"] as? String)
            let malformed = try await client.call(.post, "/api/v1/auth/login", body: #"{"username": "#)
            #expect(malformed.status == .unprocessableContent)
            #expect(malformed.fieldErrors == ["body"])
            let missing = try await client.call(.post, "/api/v1/auth/login", body: #"{"username": "officer_a"}"#)
            #expect(missing.status == .unprocessableContent)
            #expect(missing.fieldErrors == ["password"])
            let chinese = try await client.call(.post, "/api/v1/auth/login", body: "{}", headers: [.acceptLanguage: "zh-CN"])
            #expect(chinese.object["detail"] as? String == "部分字段无效。")
        }
    }

    @Test func meNeedsAValidToken() async throws {
        try await withAPI { federation, client in
            try await expectUnauthenticated(client, federation, .get, "/api/v1/me")
            try await expectUnauthenticated(client, federation, .post, "/api/v1/auth/logout")
        }
    }

    @Test func expiredAndRevokedTokensAre401() async throws {
        try await withAPI { federation, client in
            let tokens = TokenStore(database: federation.database)
            let officer = try #require(federation.users["officer_a"])
            let expired = try await tokens.issue(federation.admin, user: officer.id, lifetime: .seconds(60), label: nil)
            let revoked = try await tokens.issue(federation.admin, user: officer.id, lifetime: .seconds(60), label: nil)
            _ = try await tokens.revoke(federation.admin, id: revoked.token.id)
            #expect(try await client.call(.get, "/api/v1/me", token: expired.secret).status == .ok)
            try await federation.testDatabase.ownerPool.query(
                "UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = \(expired.token.id)")
            for secret in [revoked.secret, expired.secret] {
                let reply = try await client.call(.get, "/api/v1/me", token: secret)
                #expect(reply.status == .unauthorized)
                #expect(reply.problemCode == "unauthorized")
            }
        }
    }

    @Test func responsesCarryARequestID() async throws {
        try await withAPI { _, client in
            let reply = try await client.call(.get, "/healthz", headers: [HTTPField.Name("X-Request-Id")!: "trace-123"])
            #expect(reply.headers[HTTPField.Name("X-Request-Id")!] == "trace-123")
            let fresh = try await client.call(.get, "/healthz", headers: [HTTPField.Name("X-Request-Id")!: "bad id with spaces"])
            #expect(fresh.headers[HTTPField.Name("X-Request-Id")!] != "bad id with spaces")
        }
    }
}
