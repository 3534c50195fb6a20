import Foundation
import PQ
import Testing
import UnionTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A request that can't finish (its INSERT waits for a row lock this test holds) and a stop
/// that must not wait for it forever: the deadline, or a second signal, forces the stop. The
/// statement is cancelled on the server, its transaction rolls back, the client gets a 503,
/// and the process exits 1 without giving up on anything.
@Suite("Forced stop of the real server")
struct ForcedStopTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let environment: [String: String]
        let signals: Int
        /// What the stop may take at most: the configured waits plus the forced stop's two 3 s steps.
        let seconds: Int
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "deadline", environment: ["UNIONHALL_SHUTDOWN_GRACE_SECONDS": "0", "UNIONHALL_SHUTDOWN_SECONDS": "1"],
             signals: 1, seconds: 1 + 6),
        // A grace period far longer than the bound: the second signal must cut it short.
        Case(name: "second signal", environment: ["UNIONHALL_SHUTDOWN_GRACE_SECONDS": "120", "UNIONHALL_SHUTDOWN_SECONDS": "120"],
             signals: 2, seconds: 6),
    ]

    @Test(arguments: cases)
    func aStuckRequestDoesNotHoldTheStopForever(_ stop: Case) async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let token = try #require(federation.tokens["admin"])
            let url = database.conninfo(user: "unionhall_app")
            let key = UUID().uuidString.lowercased()
            let (fund, outcome) = try await ServerProcess.with(databaseURL: url, environment: stop.environment) { server in
                let fund = try await GracefulRestartTests.createFund(port: server.port, token: token)
                let port = server.port
                let outcome = try await database.ownerPool.withTransaction { lock in
                    try await lock.query("SELECT id FROM funds WHERE id::text = \(fund) FOR UPDATE")
                    async let stuck = Receipt.post(port: port, fund: fund, token: token, key: key)
                    try await Self.waitUntilWaitingForALock(database)
                    for _ in 0..<stop.signals {
                        server.signal(SIGTERM)
                        try await Task.sleep(for: .milliseconds(200))
                    }
                    let status = await server.exitStatus(within: .seconds(stop.seconds + 10))
                    let log = server.log
                    #expect(status == 1, "exit status; log:\n\(log)")
                    #expect(log.contains("cancelling the statements still running"), "\(log)")
                    #expect(!log.contains("exiting without waiting"), "\(log)")
                    return await stuck
                }
                return (fund, outcome)
            }
            // The statement was cancelled before the lock went: nothing of it may remain.
            try await Self.waitUntilTheServersBackendsEnded(database)
            #expect(outcome.status == 503, "\(outcome)")
            if case .response(_, let headers, _) = outcome {
                #expect(headers["content-type"]?.hasPrefix("application/problem+json") == true)
            }
            #expect(try await GracefulRestartTests.ledger(database, fund: fund)[key] == nil)
        }
    }

    /// Until the server's INSERT waits for the fund's row lock (the superuser sees every backend's wait).
    static func waitUntilWaitingForALock(_ database: TestDatabase) async throws {
        try await TestCluster.withAdmin { admin in
            for _ in 0..<600 {
                let waiting = try await admin.query("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = \(database.name) AND usename = 'unionhall_app' AND wait_event_type = 'Lock'
                    """).scalar(Int.self)
                if waiting == 1 { return }
                try await Task.sleep(for: .milliseconds(50))
            }
            Issue.record("the server's INSERT never waited for the lock")
        }
    }

    /// Until no backend of the app role is inside a statement or a transaction any more.
    static func waitUntilTheServersBackendsEnded(_ database: TestDatabase) async throws {
        try await TestCluster.withAdmin { admin in
            for _ in 0..<600 {
                let busy = try await admin.query("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = \(database.name) AND usename = 'unionhall_app' AND state <> 'idle'
                    """).scalar(Int.self)
                if busy == 0 { return }
                try await Task.sleep(for: .milliseconds(50))
            }
            Issue.record("the server's backend is still busy")
        }
    }
}
