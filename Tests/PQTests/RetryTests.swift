import Foundation
import PQ
import Synchronization
import Testing
import UnionTestSupport

/// A write is never sent twice: only reads (or what provably never left) go again after a
/// connection breaks, and a stale cached plan is prepared afresh.
@Suite("PQ retries")
struct RetryTests {
    static func ownerPool(_ database: TestDatabase, size: Int = 1) -> PQPool {
        PQPool(configuration: PQConfiguration(connectionString: database.conninfo(user: "unionhall_owner"), maximumConnections: size))
    }

    /// Holds the pool's only connection while `enqueue` queues units one by one (each waits
    /// until the one before is queued), so that they all go in one flight in that order.
    static func inOneFlight(_ pool: PQPool, _ units: [@Sendable () async throws -> Int?]) async throws -> [Result<Int?, any Error>] {
        let tasks = try await pool.withConnection { _ in
            var tasks: [Task<Int?, any Error>] = []
            for (index, unit) in units.enumerated() {
                tasks.append(Task { try await unit() })
                while pool.queuedUnitCount <= index { try await Task.sleep(for: .milliseconds(5)) }
            }
            return tasks
        }
        var results: [Result<Int?, any Error>] = []
        for task in tasks { results.append(await task.result) }
        return results
    }

    @Test func aReadIsSentAgainAfterItsBackendDiesButAWriteIsNot() async throws {
        try await TestDatabase.with { database in
            let pool = Self.ownerPool(database)
            try await pool.query("CREATE SEQUENCE pqtest_attempts")
            try await pool.query("CREATE TABLE pqtest_written (n int)")
            let outcomes = try await Self.inOneFlight(pool, [
                // Counts its runs (a sequence ignores rollback), then its backend dies.
                { try await pool.run(unit: ["SELECT nextval('pqtest_attempts')", "SELECT pg_terminate_backend(pg_backend_pid())"]).first?.scalar(Int.self) },
                // Queued behind it: never ran on the dead connection.
                { try await pool.run(unit: ["INSERT INTO pqtest_written VALUES (1)"]).first?.affectedRows },
                { try await pool.run(unit: ["SELECT 42"], readOnly: true).first?.scalar(Int.self) },
            ])
            #expect(throws: PQError.self) { try outcomes[0].get() }
            #expect {
                try outcomes[1].get()
            } throws: { error in
                (error as? PQError)?.code == .connectionLost
            }
            #expect(try outcomes[2].get() == 42)
            // The killer ran once, the write never: neither was sent again.
            #expect(try await pool.query("SELECT last_value FROM pqtest_attempts").scalar(Int.self) == 1)
            #expect(try await pool.query("SELECT count(*) FROM pqtest_written").scalar(Int.self) == 0)
            await pool.close()
        }
    }

    @Test func aLeaseIsNotRunAgainOnceItSentAStatement() async throws {
        let pool = PoolTests.makePool(size: 1, name: "lease-retry-test")
        let runs = Atomic<Int>(0)
        await #expect(throws: PQError.self) {
            try await pool.withConnection { connection in
                runs.add(1, ordering: .relaxed)
                try await connection.query("SELECT pg_terminate_backend(pg_backend_pid())")
            }
        }
        #expect(runs.load(ordering: .relaxed) == 1)
        #expect(try await pool.query("SELECT 1").scalar(Int.self) == 1)
        await pool.close()
    }

    @Test func aStalePlanIsPreparedAfreshInAPipeline() async throws {
        try await TestDatabase.with { database in
            let pool = Self.ownerPool(database)
            try await pool.query("CREATE TABLE pqtest_shape (a int)")
            try await pool.query("INSERT INTO pqtest_shape VALUES (1)")
            let read: PQQuery = "SELECT * FROM pqtest_shape"
            #expect(try await pool.run(unit: [read], readOnly: true)[0].columns == ["a"])
            try await pool.query("ALTER TABLE pqtest_shape ADD COLUMN b int DEFAULT 7")
            // A read is sent again, prepared afresh: the caller sees only the new shape.
            let widened = try await pool.run(unit: [read], readOnly: true)[0]
            #expect(widened.columns == ["a", "b"])
            #expect(try widened.rows[0].decode(Int.self, at: 1) == 7)
            try await pool.query("ALTER TABLE pqtest_shape ADD COLUMN c int DEFAULT 8")
            // Any other unit gets the error once; its next use is prepared afresh.
            await #expect {
                try await pool.run(unit: [read])
            } throws: { error in
                (error as? PQError)?.isStalePlan == true
            }
            #expect(try await pool.run(unit: [read])[0].columns == ["a", "b", "c"])
            // A whole lease's statement still re-prepares by itself.
            try await pool.query("ALTER TABLE pqtest_shape ADD COLUMN d int DEFAULT 9")
            #expect(try await pool.withConnection { try await $0.query(read).columns } == ["a", "b", "c", "d"])
            await pool.close()
        }
    }

    /// Holds what a second thread saw, for the thread that waits for it.
    final class Seen: Sendable {
        let error = Mutex<PQError?>(nil)
    }

    @Test func aSecondThreadOnOneConnectionIsRefused() async throws {
        let connection = try LibPQConnection(configuration: PQConfiguration(
            connectionString: TestCluster.conninfo(user: "postgres", database: "postgres")))
        let refused: PQError? = try await withCheckedThrowingContinuation { continuation in
            // Blocking libpq calls stay off the cooperative pool: this test drives its own threads.
            Thread {
                do {
                    _ = try connection.execute("CREATE TEMP TABLE pqtest_copy (n int)")
                    let seen = Seen()
                    // While the COPY holds the connection, another thread tries a statement.
                    _ = try connection.copyIn("COPY pqtest_copy FROM STDIN") { writer in
                        try writer.write("1\n")
                        let done = DispatchSemaphore(value: 0)
                        Thread {
                            do throws(PQError) {
                                _ = try connection.execute("SELECT 1")
                            } catch {
                                seen.error.withLock { $0 = error }
                            }
                            done.signal()
                        }.start()
                        done.wait()
                        try writer.write("2\n")
                    }
                    continuation.resume(returning: seen.error.withLock { $0 })
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
        #expect(refused?.code == .concurrentUse)
        // The COPY that held the connection was unharmed.
        #expect(try connection.execute("SELECT count(*) FROM pqtest_copy").scalar(Int.self) == 2)
    }
}
