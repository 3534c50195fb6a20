import Foundation
import PQ
import Testing
import UnionTestSupport

@Suite("PQ pool")
struct PoolTests {
    static func makePool(size: Int, timeout: Duration = .seconds(5), name: String = "pool-test") -> PQPool {
        PQPool(configuration: PQConfiguration(
            connectionString: TestCluster.conninfo(user: "postgres", database: "postgres"),
            applicationName: name, maximumConnections: size, acquireTimeout: timeout))
    }

    @Test func twoHundredConcurrentQueriesThroughEightConnections() async throws {
        let pool = Self.makePool(size: 8, name: "pool-of-eight")
        let sum = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<200 {
                group.addTask { try await pool.query("SELECT \(index) + 0 * pg_backend_pid()").scalar(Int.self) ?? -1 }
            }
            return try await group.reduce(0, +)
        }
        #expect(sum == (0..<200).reduce(0, +))
        let backends = try await pool.query("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pool-of-eight'").scalar(Int.self)
        #expect((backends ?? 0) <= 8)
        await pool.close()
    }

    @Test func exhaustedPoolTimesOutWithAClearError() async throws {
        let pool = Self.makePool(size: 1, timeout: .milliseconds(200))
        let started = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await pool.withConnection { connection in
                started.continuation.yield()
                try await connection.query("SELECT pg_sleep(1.5)")
            }
        }
        for await _ in started.stream { break }
        await #expect {
            try await pool.query("SELECT 1")
        } throws: { error in
            guard let error = error as? PQError else { return false }
            return error.code == .poolTimeout && error.message.contains("no database connection became free")
        }
        try await holder.value
        #expect(try await pool.query("SELECT 1").scalar(Int.self) == 1)
        await pool.close()
    }

    /// A forced stop's first step: the statement a lease runs is cancelled on the server, its
    /// caller gets 57014, its transaction rolls back, and the connection serves on.
    @Test func cancellingRunningStatementsEndsAStuckOne() async throws {
        let pool = Self.makePool(size: 2, name: "pool-cancel")
        let holder = Task {
            try await pool.withTransaction { connection in
                try await connection.query("SELECT pg_sleep(60)")
            }
        }
        for _ in 0..<600 {
            let running = try await pool.query("""
                SELECT count(*) FROM pg_stat_activity
                WHERE application_name = 'pool-cancel' AND state = 'active' AND pid <> pg_backend_pid()
                """).scalar(Int.self)
            if running == 1 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        await pool.cancelRunningStatements()
        await #expect {
            try await holder.value
        } throws: { error in
            (error as? PQError)?.sqlState == .queryCanceled
        }
        #expect(try await pool.withTransaction { try await $0.query("SELECT 1").scalar(Int.self) } == 1)
        await pool.close()
    }

    @Test func terminatedBackendIsReplaced() async throws {
        let pool = Self.makePool(size: 1)
        let firstPID = try await pool.withConnection { $0.backendPID }
        try await TestCluster.withAdmin { admin in
            try await admin.query("SELECT pg_terminate_backend(\(firstPID), 5000)")
        }
        do {
            #expect(try await pool.query("SELECT 1").scalar(Int.self) == 1)
        } catch let error as PQError {
            Issue.record("\(error.debugDescription)")
        }
        let secondPID = try await pool.withConnection { $0.backendPID }
        #expect(secondPID != firstPID)
        await pool.close()
    }

    @Test func connectionKilledMidUseIsDroppedAndTheNextQueryWorks() async throws {
        let pool = Self.makePool(size: 1)
        await #expect(throws: PQError.self) {
            try await pool.withConnection { connection in
                try await connection.query("SELECT 1")
                try await connection.query("SELECT pg_terminate_backend(pg_backend_pid())")
            }
        }
        #expect(try await pool.query("SELECT 2").scalar(Int.self) == 2)
        await pool.close()
    }

    @Test func closedPoolRefusesWork() async throws {
        let pool = Self.makePool(size: 1)
        await pool.close()
        await #expect {
            try await pool.query("SELECT 1")
        } throws: { error in
            (error as? PQError)?.code == .poolClosed
        }
    }
}
