import Foundation
import PQ
import UnionDomain

/// Sign-in, sign-out and turning a bearer token into a principal.
package struct AuthStore: Sendable {
    let database: Database
    /// Consecutive failures before a username is locked, and for how long.
    package var maximumFailures = 5
    package var lockDuration: Duration = .seconds(15 * 60)
    package var sessionLifetime: Duration = .seconds(12 * 3600)

    package init(database: Database) { self.database = database }

    package struct Session: Sendable {
        package let token: String
        package let expiresAt: Date
    }

    package enum LoginError: Error, Equatable {
        /// Unknown user or wrong password: deliberately one answer for both.
        case invalidCredentials
        /// Too many failures for this username; try again later.
        case locked
    }

    /// Checks the password (bcrypt, off the event loop) and issues a session token.
    package func login(username: String, password: String) async throws -> Session {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        struct Lookup: Decodable {
            let userId: UUID?
            let passwordHash: String?
            let locked: Bool
        }
        guard let lookup = try await database.unscoped("SELECT * FROM auth_login_lookup(\(name))").first(Lookup.self) else {
            throw LoginError.invalidCredentials
        }
        if lookup.locked { throw LoginError.locked }
        let matches = try await database.hasher.verify(password, hash: lookup.userId == nil ? nil : lookup.passwordHash)
        guard matches else {
            let lock = "\(lockDuration.components.seconds) seconds"
            try await database.unscoped("SELECT auth_login_failed(\(name), \(Int32(maximumFailures)), \(lock)::interval)")
            throw LoginError.invalidCredentials
        }
        let token = TokenGenerator.makeToken()
        let lifetime = "\(sessionLifetime.components.seconds) seconds"
        guard let expiry = try await database.unscoped(
            "SELECT auth_login_succeeded(\(name), \(token), \(lifetime)::interval)"
        ).scalar(Date.self) else {
            throw LoginError.invalidCredentials
        }
        return Session(token: token, expiresAt: expiry)
    }

    /// The principal a token stands for, or nil when it is unknown, expired, revoked, or its
    /// user or office is deactivated.
    package func authenticate(token: String) async throws -> Principal? {
        guard token.hasPrefix("uh_"), token.count < 200 else { return nil }
        return try await database.unscoped("""
            SELECT user_id, username, role, office_id, office_ids::text[] AS office_ids_text
            FROM auth_token_principal(\(token))
            """).first(PrincipalRow.self)?.principal()
    }

    /// The principal of an active user, for the CLI (which acts as a named user).
    package func principal(username: String) async throws -> Principal? {
        try await database.unscoped("""
            SELECT user_id, username, role, office_id, office_ids::text[] AS office_ids_text
            FROM auth_username_principal(\(username))
            """).first(PrincipalRow.self)?.principal()
    }

    /// Revokes the token the principal signed in with.
    package func logout(_ principal: Principal, token: String) async throws {
        try await database.withSession(principal) { session in
            try await session.query("""
                UPDATE api_tokens SET revoked_at = now()
                WHERE id = (SELECT token_id FROM auth_token_principal(\(token))) AND user_id = \(principal.userID) AND revoked_at IS NULL
                """)
        }
    }
}
