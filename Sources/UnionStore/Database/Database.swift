import Logging
import PQ
import UnionDomain

/// The store's entry point: the application role's pool and the services every store needs.
package struct Database: Sendable {
    package let pool: PQPool
    package let hasher: PasswordHasher

    package init(pool: PQPool, hasher: PasswordHasher = PasswordHasher()) {
        self.pool = pool
        self.hasher = hasher
    }

    /// True when a query reaches the server now. Never throws: readiness is a yes or no.
    package func isReachable() async -> Bool {
        do {
            return try await unscoped("SELECT 1").scalar(Int.self) == 1
        } catch {
            return false
        }
    }

    /// Runs `body` in one transaction scoped to `principal`: the row-level security settings go
    /// out with BEGIN in one round trip, COMMIT follows a normal return, ROLLBACK a throw.
    /// Database errors leave as `StoreError`.
    @discardableResult
    package func withSession<T: Sendable>(
        _ principal: Principal,
        readOnly: Bool = false,
        _ body: (Session) async throws -> T
    ) async throws -> T {
        do {
            return try await pool.withConnection { connection in
                try await connection.withTransaction(
                    PQTransactionOptions(readOnly: readOnly),
                    prelude: [ScopeSettings.local(for: principal)]
                ) { connection in
                    try await body(Session(connection: connection, principal: principal))
                }
            }
        } catch {
            throw StoreError.map(error)
        }
    }

    /// One read statement (a SELECT: it may share a transaction with other reads, see
    /// `PQPool.run`) scoped to `principal`, batched with other callers' statements: no
    /// connection held, and the scope settings sent only to a connection not already set for
    /// this principal.
    package func read(_ principal: Principal, _ query: PQQuery) async throws -> PQResult {
        try await batched(query, session: ScopeSettings.session(for: principal), readOnly: true)
    }

    /// A statement outside any scope (the SECURITY DEFINER doors: login, token lookup), on a
    /// clean session: every office-scoped table reads as empty.
    @discardableResult
    func unscoped(_ query: PQQuery) async throws -> PQResult {
        try await batched(query, session: nil, readOnly: false)
    }

    private func batched(_ query: PQQuery, session: PQSessionState?, readOnly: Bool) async throws -> PQResult {
        do {
            guard let result = try await pool.run(unit: [query], session: session, readOnly: readOnly).first else {
                throw StoreError.unavailable
            }
            return result
        } catch {
            throw StoreError.map(error)
        }
    }
}
