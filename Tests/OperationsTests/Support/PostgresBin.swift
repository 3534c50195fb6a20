import Foundation
import PQ
@testable import unionctl
import UnionStore
import UnionTestSupport

/// The server programs (initdb, pg_ctl, pg_basebackup) of the test cluster's major version, so
/// that scratch clusters can read what it writes and the other way round.
enum PostgresBin {
    static func program(_ name: String) async throws -> URL {
        let major = try await serverMajor.value
        return try await PostgresTools.locate(name, major: major, in: ["\(PostgresTools.installRoot)/\(major)/bin"])
    }

    private static let serverMajor: Task<Int, any Error> = Task {
        let pool = PQPool(configuration: PQConfiguration(connectionString: TestCluster.conninfo(user: "postgres", database: "postgres"),
                                                         maximumConnections: 1))
        do {
            let major = try await ServerVersion.major(pool)
            await pool.close()
            return major
        } catch {
            await pool.close()
            throw error
        }
    }
}

/// Runs `body` with a small pool on `conninfo`, closing it whatever happens.
func withPool<T: Sendable>(_ conninfo: String, _ body: (PQPool) async throws -> T) async throws -> T {
    let pool = PQPool(configuration: PQConfiguration(connectionString: conninfo, maximumConnections: 2))
    do {
        let value = try await body(pool)
        await pool.close()
        return value
    } catch {
        await pool.close()
        throw error
    }
}

/// Asks `condition` again every 20 ms until it holds or `limit` has passed; says whether it held.
/// The limit is a generous bound for a loaded machine, not a measure of speed.
func eventually(within limit: Duration, _ condition: () async -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + limit
    while clock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}
