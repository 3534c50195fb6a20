import Foundation
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

@Suite("Sign-in, tokens and bootstrap")
struct AuthStoreTests {
    @Test func loginIssuesATokenThatAuthenticates() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let auth = AuthStore(database: federation.database)
            let session = try await auth.login(username: "officer_a", password: Federation.password)
            #expect(session.expiresAt > Date())
            let principal = try #require(try await auth.authenticate(token: session.token))
            #expect(principal.username == "officer_a")
            #expect(principal.scope == [federation.branchA.id])
            try await auth.logout(principal, token: session.token)
            #expect(try await auth.authenticate(token: session.token) == nil)
        }
    }

    @Test func unknownUserAndWrongPasswordGetTheSameAnswer() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let auth = AuthStore(database: federation.database)
            await #expect(throws: AuthStore.LoginError.invalidCredentials) { try await auth.login(username: "nobody", password: "whatever it is") }
            await #expect(throws: AuthStore.LoginError.invalidCredentials) { try await auth.login(username: "officer_a", password: "wrong password") }
        }
    }

    @Test func repeatedFailuresLockTheName() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            var auth = AuthStore(database: federation.database)
            auth.maximumFailures = 3
            for _ in 0..<3 {
                await #expect(throws: AuthStore.LoginError.invalidCredentials) { try await auth.login(username: "officer_a", password: "wrong password") }
            }
            // Locked: even the right password is refused until the lock passes.
            await #expect(throws: AuthStore.LoginError.locked) { try await auth.login(username: "officer_a", password: Federation.password) }
            // Unknown names lock the same way, so a lock reveals nothing.
            for _ in 0..<3 { _ = try? await auth.login(username: "ghost", password: "x") }
            await #expect(throws: AuthStore.LoginError.locked) { try await auth.login(username: "ghost", password: "x") }
        }
    }

    @Test func expiredRevokedAndDeactivatedTokensDoNotAuthenticate() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let auth = AuthStore(database: federation.database)
            let tokens = TokenStore(database: federation.database)
            let officer = try #require(federation.users["officer_a"])
            let expiring = try await tokens.issue(federation.admin, user: officer.id, lifetime: .seconds(120), label: nil)
            try await database.ownerPool.query("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = \(expiring.token.id)")
            #expect(try await auth.authenticate(token: expiring.secret) == nil)
            let revoked = try await tokens.issue(federation.admin, user: officer.id, lifetime: .seconds(120), label: nil)
            _ = try await tokens.revoke(federation.admin, id: revoked.token.id)
            #expect(try await auth.authenticate(token: revoked.secret) == nil)
            let live = try #require(federation.tokens["officer_a"])
            #expect(try await auth.authenticate(token: live) != nil)
            _ = try await UserStore(database: federation.database).deactivate(federation.admin, id: officer.id)
            #expect(try await auth.authenticate(token: live) == nil)
            let stored = try await database.ownerPool.query("SELECT count(*) FROM api_tokens WHERE token_hash = convert_to(\(live), 'UTF8')").scalar(Int.self)
            #expect(stored == 0)  // only hashes are kept
        }
    }

    @Test func initRefusesASecondTime() async throws {
        try await TestDatabase.with { database in
            _ = try await Federation.make(database)
            await #expect(throws: BootstrapStore.BootstrapError.alreadyInitialised) {
                try await BootstrapStore(database: Database(pool: database.appPool, hasher: PasswordHasher(cost: 4)))
                    .initialise(areaCode: "area2", areaName: "另一个", username: "admin2", displayName: "x")
            }
        }
    }

    @Test func branchRolesCannotManageAndOtherBranchesAreNotFound() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let officer = try await federation.principal("officer_a")
            let offices = OfficeStore(database: federation.database)
            await #expect(throws: StoreError.notFound) { try await offices.get(officer, id: federation.branchB.id) }
            await #expect(throws: StoreError.forbidden) {
                try await offices.create(officer, try NewOffice(code: "newbranch", name: "新", kind: "branch", parentID: federation.branchA.id))
            }
            let reviewer = try await federation.principal("reviewer")
            await #expect(throws: StoreError.forbidden) {
                try await UserStore(database: federation.database).list(reviewer)
            }
            #expect(try await offices.list(reviewer).count == 3)
        }
    }
}
