import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
@testable import UnionAPI
import UnionDomain
import UnionTestSupport

@Suite("Principal cache")
struct PrincipalCacheTests {
    static let principal = Principal(userID: User.ID(), username: "u", role: .branchViewer, officeID: Office.ID(), scope: [])

    @Test func remembersForItsLifetime() async throws {
        let cache = PrincipalCache(ttl: .milliseconds(100))
        cache.store(Self.principal, for: "uh_a")
        #expect(cache.principal(for: "uh_a") == Self.principal)
        #expect(cache.principal(for: "uh_b") == nil)
        try await Task.sleep(for: .milliseconds(150))
        #expect(cache.principal(for: "uh_a") == nil)
    }

    /// A request that read the token as valid just before the revocation committed must not
    /// put it back: a revoked token is refused for as long as an entry could live.
    @Test func aRevokedTokenIsNotCachedAgainWithinTheLifetime() async throws {
        let cache = PrincipalCache(ttl: .milliseconds(200))
        cache.store(Self.principal, for: "uh_a")
        cache.revoke("uh_a")
        #expect(cache.principal(for: "uh_a") == nil)
        cache.store(Self.principal, for: "uh_a")  // the late writer
        #expect(cache.principal(for: "uh_a") == nil)
        try await Task.sleep(for: .milliseconds(250))
        cache.store(Self.principal, for: "uh_a")
        #expect(cache.principal(for: "uh_a") == Self.principal)
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

    /// Eight clients share one token while it is logged out: from the 204 on, nothing any of
    /// them sends succeeds (the cache is on, as in production).
    @Test func logoutHoldsAtOnceUnderConcurrentUse() async throws {
        try await withAPI(authCacheTTL: .seconds(1)) { federation, client in
            for _ in 0..<3 {
                let login = try await client.call(.post, "/api/v1/auth/login",
                                                  body: #"{"username": "officer_a", "password": "\#(Federation.password)"}"#)
                let token = try #require(login.object["token"] as? String)
                let watch = LogoutWatch()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<8 {
                        group.addTask {
                            for _ in 0..<40 {
                                let sentAfterLogout = watch.loggedOut.withLock { $0 }
                                let status = try await client.call(.get, "/api/v1/me", token: token).status
                                if sentAfterLogout, status == .ok { watch.lateSuccesses.withLock { $0 += 1 } }
                                if sentAfterLogout { #expect(status == .unauthorized) }
                            }
                        }
                    }
                    group.addTask {
                        try await Task.sleep(for: .milliseconds(20))
                        #expect(try await client.call(.post, "/api/v1/auth/logout", token: token).status == .noContent)
                        watch.loggedOut.withLock { $0 = true }
                    }
                    try await group.waitForAll()
                }
                #expect(watch.loggedOut.withLock { $0 })
                #expect(watch.lateSuccesses.withLock { $0 } == 0)
            }
        }
    }
}

/// What the clients of the logout test share: whether the 204 has arrived, and how many
/// requests sent after it still succeeded.
private final class LogoutWatch: Sendable {
    let loggedOut = Mutex(false)
    let lateSuccesses = Mutex(0)
}
