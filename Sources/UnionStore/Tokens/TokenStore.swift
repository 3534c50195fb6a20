import Foundation
import PQ
import UnionDomain

/// API tokens for scripts and integrations (area_admin). The token is returned once; only its
/// SHA-256 is stored.
package struct TokenStore: Sendable {
    let database: Database
    package init(database: Database) { self.database = database }

    package struct Token: Sendable, Hashable, Decodable {
        package let id: UUID
        package let userId: UUID
        package let username: String
        package let kind: String
        package let label: String?
        package let createdAt: Date
        package let expiresAt: Date
        package let revokedAt: Date?
        package let lastUsedAt: Date?
    }

    package struct Issued: Sendable {
        /// Shown once; never stored.
        package let secret: String
        package let token: Token
    }

    /// Lifetimes from one minute to two years.
    package static let lifetimes: ClosedRange<Duration> = .seconds(60) ... .seconds(2 * 366 * 86_400)

    package func issue(_ principal: Principal, user id: User.ID, lifetime: Duration, label: String?) async throws -> Issued {
        guard Self.lifetimes.contains(lifetime) else {
            throw ValidationFailure([FieldError(field: "expires_in", code: "out_of_range",
                                                message: "must be between one minute and two years", messageZH: "有效期须在1分钟到2年之间")])
        }
        if let label, label.count > 100 { throw ValidationFailure([.tooLong("label", max: 100)]) }
        let secret = TokenGenerator.makeToken()
        let seconds = "\(lifetime.components.seconds) seconds"
        return try await database.withSession(principal) { session in
            try session.require(.manageTokens)
            guard let office = try await session.query(
                "SELECT office_id FROM users WHERE id = \(id) AND active"
            ).scalar(Office.ID.self) else { throw StoreError.notFound }
            guard let tokenID = try await session.query("""
                INSERT INTO api_tokens (user_id, office_id, token_hash, kind, label, expires_at)
                VALUES (\(id), \(office), sha256(convert_to(\(secret), 'UTF8')), 'api', \(label), now() + \(seconds)::interval)
                RETURNING id
                """).scalar(UUID.self) else { throw StoreError.notFound }
            guard let token = try await fetch(session, "WHERE t.id = \(tokenID)").first else { throw StoreError.notFound }
            return Issued(secret: secret, token: token)
        }
    }

    package func list(_ principal: Principal, user: User.ID? = nil) async throws -> [Token] {
        try await database.withSession(principal, readOnly: true) { session in
            try session.require(.manageTokens)
            return try await fetch(session, user.map { "WHERE t.user_id = \($0)" } ?? "")
        }
    }

    package func revoke(_ principal: Principal, id: UUID) async throws -> Token {
        try await database.withSession(principal) { session in
            try session.require(.manageTokens)
            guard try await session.query(
                "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = \(id) RETURNING id"
            ).rowCount == 1 else { throw StoreError.notFound }
            guard let token = try await fetch(session, "WHERE t.id = \(id)").first else { throw StoreError.notFound }
            return token
        }
    }

    private func fetch(_ session: Session, _ filter: PQQuery) async throws -> [Token] {
        try await session.query("""
            SELECT t.id, t.user_id, u.username, t.kind, t.label, t.created_at, t.expires_at, t.revoked_at, t.last_used_at
            FROM api_tokens t JOIN users u ON u.id = t.user_id \(filter)
            ORDER BY t.created_at DESC
            """).decode(Token.self)
    }
}
