import ArgumentParser
import Foundation
import PQ

/// Single-row selects by primary key through the PQ pool, as many as `--tasks` concurrent
/// tasks can do in `--seconds`; prints queries per second. `bench/run-pq.sh` runs it next to
/// `pgbench -S -M prepared` against the same table in the same run.
@main
struct PQBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pqbench",
        abstract: "Measure the PQ client: primary-key selects on pgbench_accounts."
    )

    @Option(help: "libpq URI or conninfo of a database initialised by pgbench -i.")
    var databaseURL: String

    @Option(help: "Concurrent tasks issuing queries.")
    var tasks = 32

    @Option(help: "Connections in the pool.")
    var poolSize = 8

    @Option(help: "Seconds to measure (after a one-second warm-up).")
    var seconds = 10.0

    @Option(help: "Rows in pgbench_accounts (100000 × scale).")
    var rows = 1_000_000

    @Flag(help: "Send each select as BEGIN + set_config + SELECT + COMMIT in one pipelined flight (a request's transaction).")
    var pipelinedTransaction = false

    func run() async throws {
        let pool = PQPool(configuration: PQConfiguration(connectionString: databaseURL, applicationName: "pqbench", maximumConnections: poolSize))
        let rows = self.rows
        let pipelined = pipelinedTransaction
        @Sendable func one() async throws {
            let id = Int32.random(in: 1...Int32(rows))
            if pipelined {
                _ = try await pool.withConnection { connection in
                    try await connection.pipeline([
                        "BEGIN",
                        "SELECT set_config('unionhall.scope', \("bench"), true)",
                        "SELECT abalance FROM pgbench_accounts WHERE aid = \(id)",
                        "COMMIT",
                    ])
                }
            } else {
                _ = try await pool.query("SELECT abalance FROM pgbench_accounts WHERE aid = \(id)").scalar(Int32.self)
            }
        }
        func measure(for duration: Double) async throws -> Int {
            let deadline = ContinuousClock.now + .milliseconds(Int(duration * 1000))
            return try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<tasks {
                    group.addTask {
                        var count = 0
                        while ContinuousClock.now < deadline {
                            try await one()
                            count += 1
                        }
                        return count
                    }
                }
                return try await group.reduce(0, +)
            }
        }
        _ = try await measure(for: 1)
        let start = ContinuousClock.now
        let count = try await measure(for: seconds)
        let elapsed = ContinuousClock.now - start
        let perSecond = Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        print(String(format: "pqbench tasks=%d pool=%d queries=%d qps=%.0f", tasks, poolSize, count, perSecond))
        await pool.close()
    }
}
