import PQ
import Testing
import UnionTestSupport

/// `withTransaction` keeps a failed ROLLBACK's error beside the body's instead of dropping it.
@Suite("PQ transaction errors")
struct TransactionErrorTests {
    @Test func aFailedRollbackIsKeptBesideTheBodysError() async throws {
        let pool = PoolTests.makePool(size: 1, name: "rollback-error-test")
        await #expect {
            try await pool.withTransaction { connection in
                let pid = connection.backendPID
                do {
                    try await connection.query("SELECT 1 / 0")
                } catch {
                    // The backend dies after the body's failure, so ROLLBACK fails too.
                    try await TestCluster.withAdmin { admin in
                        try await admin.query("SELECT pg_terminate_backend(\(pid), 5000)")
                    }
                    throw error
                }
            }
        } throws: { error in
            guard let error = error as? PQTransactionError else { return false }
            return (error.bodyError as? PQError)?.sqlState == SQLState("22012")
                && (error.rollbackError as? PQError)?.code == .connectionLost
                && !error.description.contains("division")  // the short form leaks no server text
        }
        #expect(try await pool.query("SELECT 1").scalar(Int.self) == 1)
        await pool.close()
    }

    @Test func aSuccessfulRollbackRethrowsTheBodysErrorUnchanged() async throws {
        let pool = PoolTests.makePool(size: 1, name: "rollback-ok-test")
        await #expect {
            try await pool.withTransaction { connection in
                try await connection.query("SELECT 1 / 0")
            }
        } throws: { error in
            (error as? PQError)?.sqlState == SQLState("22012")
        }
        await pool.close()
    }
}
