import PQ
import Synchronization
import Testing
import UnionTestSupport

/// What the pool tells a metrics scrape: its occupancy, and each flight it sends.
@Suite("PQ pool statistics and events")
struct PoolStatisticsTests {
    /// Flights as the pool reported them: (units, statements).
    final class Flights: Sendable {
        let seen = Mutex<[(units: Int, statements: Int)]>([])
    }

    /// SQLSTATE classes as the pool reported them.
    final class ErrorClasses: Sendable {
        let seen = Mutex<[String]>([])
    }

    @Test func occupancyFollowsLeasesWaitersAndQueuedUnits() async throws {
        try await TestDatabase.with { database in
            let flights = Flights()
            let pool = PQPool(
                configuration: PQConfiguration(connectionString: database.conninfo(user: "unionhall_owner"), maximumConnections: 1),
                events: PQPoolEvents { units, statements in flights.seen.withLock { $0.append((units, statements)) } }
            )
            let fresh = pool.statistics
            #expect(fresh.maximumConnections == 1)
            #expect(fresh.openConnections == 0)
            #expect(fresh.connectionsInUse + fresh.waiting + fresh.queuedUnits == 0)
            let tasks = try await pool.withConnection { _ in
                #expect(pool.statistics.connectionsInUse == 1)
                // Queued behind the lease: the drainer waits for the pool's only connection.
                let tasks = [
                    Task { try await pool.run(unit: ["SELECT 1", "SELECT 2"]) },
                    Task { try await pool.run(unit: ["SELECT 3"]) },
                ]
                while pool.queuedUnitCount < 2 { try await Task.sleep(for: .milliseconds(5)) }
                let busy = pool.statistics
                #expect(busy.openConnections == 1)
                #expect(busy.waiting == 1)
                #expect(busy.queuedUnits == 2)
                return tasks
            }
            for task in tasks { _ = try await task.value }
            // The drainer answers its callers before it hands the connection back.
            for _ in 0..<2_000 where pool.statistics.connectionsInUse > 0 { try await Task.sleep(for: .milliseconds(5)) }
            // One flight carried both units: their three statements and whatever setup led them.
            let seen = flights.seen.withLock { $0 }
            #expect(seen.count == 1)
            #expect(seen.first?.units == 2)
            #expect((seen.first?.statements ?? 0) >= 3)
            let idle = pool.statistics
            #expect(idle.openConnections == 1)
            #expect(idle.connectionsInUse == 0)
            #expect(idle.waiting == 0)
            #expect(idle.queuedUnits == 0)
            await pool.close()
        }
    }

    @Test func everyServerErrorIsReportedOnceByItsClass() async throws {
        try await TestDatabase.with { database in
            let classes = ErrorClasses()
            let pool = PQPool(
                configuration: PQConfiguration(connectionString: database.conninfo(user: "unionhall_owner"), maximumConnections: 2),
                events: PQPoolEvents(serverError: { sqlStateClass in classes.seen.withLock { $0.append(sqlStateClass) } })
            )
            // A batched read that fails (22012 division by zero) …
            await #expect(throws: PQError.self) { try await pool.query("SELECT 1 / 0") }
            // … and a statement on a leased connection (42P01 undefined table), caught by its caller.
            try await pool.withConnection { connection in
                do {
                    try await connection.query("SELECT * FROM pqtest_no_such_table")
                } catch let error as PQError where error.sqlState?.sqlClass == "42" {
                    // handled here, and still reported
                }
            }
            #expect(classes.seen.withLock { $0 } == ["22", "42"])
            await pool.close()
        }
    }
}
