import Foundation
import PQ
import UnionDomain
import UnionStore

/// A small federation for tests: the area, two branches (A and B), one user per role, and a
/// bearer token for each. Built through the same stores the API and the CLI use.
package struct Federation: Sendable {
    package let database: Database
    /// For fixtures only the owner may write (an expired token, say).
    package let testDatabase: TestDatabase
    package let area: Office
    package let branchA: Office
    package let branchB: Office
    package let admin: Principal
    package let users: [String: User]
    package let tokens: [String: String]
    package let passwords: [String: String]
    /// The admin's tokens that must no longer work: one past its expiry, one revoked.
    package let expiredToken: String
    package let revokedToken: String

    /// Usernames of the fixture's users: `admin`, `reviewer`, `auditor`, `officer_a`,
    /// `viewer_a`, `officer_b`.
    package static let password = "correct horse battery"

    package static func make(_ testDatabase: TestDatabase) async throws -> Federation {
        let database = Database(pool: testDatabase.appPool, hasher: PasswordHasher(cost: 4))
        let bootstrap = try await BootstrapStore(database: database)
            .initialise(areaCode: "area", areaName: "地区总工会", username: "admin", displayName: "管理员")
        guard let admin = try await AuthStore(database: database).principal(username: bootstrap.username) else {
            throw StoreError.notFound
        }
        let offices = OfficeStore(database: database)
        let area = try await offices.get(admin, id: admin.officeID)
        let branchA = try await offices.create(admin, try NewOffice(code: "guozhuangzi", name: "郭庄子村工会", kind: "branch", parentID: area.id))
        let branchB = try await offices.create(admin, try NewOffice(code: "lijiacun", name: "李家村工会", kind: "branch", parentID: area.id))
        // The admin's scope was computed before the branches existed: read it again.
        guard let refreshedAdmin = try await AuthStore(database: database).principal(username: "admin") else { throw StoreError.notFound }
        let userStore = UserStore(database: database)
        let specs: [(String, String, Office, Role)] = [
            ("reviewer", "审核员", area, .areaReviewer),
            ("auditor", "审计员", area, .auditor),
            ("officer_a", "王芳", branchA, .branchOfficer),
            ("viewer_a", "李明", branchA, .branchViewer),
            ("officer_b", "张强", branchB, .branchOfficer),
        ]
        var users: [String: User] = [:]
        users["admin"] = try await userStore.get(refreshedAdmin, id: refreshedAdmin.userID)
        for (username, name, office, role) in specs {
            users[username] = try await userStore.create(refreshedAdmin, try NewUser(
                username: username, displayName: name, officeID: office.id, role: role.rawValue, password: password))
        }
        var tokens: [String: String] = [:]
        let tokenStore = TokenStore(database: database)
        for (username, user) in users {
            tokens[username] = try await tokenStore.issue(refreshedAdmin, user: user.id, lifetime: .seconds(3600), label: "test").secret
        }
        let expired = try await tokenStore.issue(refreshedAdmin, user: refreshedAdmin.userID, lifetime: .seconds(60), label: "expired")
        try await testDatabase.ownerPool.query("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = \(expired.token.id)")
        let revoked = try await tokenStore.issue(refreshedAdmin, user: refreshedAdmin.userID, lifetime: .seconds(60), label: "revoked")
        _ = try await tokenStore.revoke(refreshedAdmin, id: revoked.token.id)
        return Federation(database: database, testDatabase: testDatabase, area: area, branchA: branchA, branchB: branchB, admin: refreshedAdmin,
                          users: users, tokens: tokens, passwords: ["admin": bootstrap.password],
                          expiredToken: expired.secret, revokedToken: revoked.secret)
    }

    /// The principal of one of the fixture's users.
    package func principal(_ username: String) async throws -> Principal {
        guard let principal = try await AuthStore(database: database).principal(username: username) else { throw StoreError.notFound }
        return principal
    }
}
