import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import UnionAPI
import UnionDomain
import UnionTestSupport

@Suite("Principal cache")
struct PrincipalCacheTests {
    static let principal = Principal(userID: User.ID(), username: "u", role: .branchViewer, officeID: Office.ID(), scope: [])

    @Test func remembersForItsLifetimeAndForgetsOnEviction() async throws {
        let cache = PrincipalCache(ttl: .milliseconds(100))
        cache.store(Self.principal, for: "uh_a")
        #expect(cache.principal(for: "uh_a") == Self.principal)
        #expect(cache.principal(for: "uh_b") == nil)
        cache.evict("uh_a")
        #expect(cache.principal(for: "uh_a") == nil)
        cache.store(Self.principal, for: "uh_a")
        try await Task.sleep(for: .milliseconds(150))
        #expect(cache.principal(for: "uh_a") == nil)
    }

    @Test func zeroLifetimeCachesNothing() {
        let cache = PrincipalCache(ttl: .zero)
        cache.store(Self.principal, for: "uh_a")
        #expect(cache.principal(for: "uh_a") == nil)
    }

    @Test func logoutThroughTheServerEndsTheSessionAtOnceEvenWhenCached() async throws {
        try await TestDatabase.with { database in
            _ = try await Federation.make(database)
            let app = buildApplication(configuration: AppConfiguration(
                databaseURL: database.conninfo(user: "unionhall_app"), bcryptCost: 4, authCacheTTL: .seconds(60)))
            try await app.test(.router) { client in
                let login = try await client.call(.post, "/api/v1/auth/login", body: #"{"username": "officer_a", "password": "\#(Federation.password)"}"#)
                let token = try #require(login.object["token"] as? String)
                #expect(try await client.call(.get, "/api/v1/me", token: token).status == .ok)
                #expect(try await client.call(.get, "/api/v1/me", token: token).status == .ok)  // from the cache
                #expect(try await client.call(.post, "/api/v1/auth/logout", token: token).status == .noContent)
                #expect(try await client.call(.get, "/api/v1/me", token: token).status == .unauthorized)
            }
        }
    }
}
