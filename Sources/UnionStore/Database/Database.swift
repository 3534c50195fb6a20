import Logging
import PQ

/// The store's entry point: the application role's connection pool and what runs on it.
package struct Database: Sendable {
    package let pool: PQPool

    package init(pool: PQPool) {
        self.pool = pool
    }

    /// True when a query reaches the server now. Never throws: readiness is a yes or no.
    package func isReachable() async -> Bool {
        do {
            return try await pool.query("SELECT 1").scalar(Int.self) == 1
        } catch {
            return false
        }
    }
}
