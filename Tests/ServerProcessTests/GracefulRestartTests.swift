import Foundation
import PQ
import Testing
import UnionTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM to the real `unionhall` process while clients stream writes at it (issue 15, part 4).
///
/// The contract under test: every write either got its 2xx and is in the database once, or
/// got a clear HTTP error, or was refused before it was sent, and none of those left a row; a
/// write whose reply was lost is retried with its `Idempotency-Key` against the restarted
/// server, and then exists exactly once (the retry returns the first answer if it had landed).
@Suite("Graceful restart of the real server")
struct GracefulRestartTests {
    static let graceSeconds = 3
    static let timeoutSeconds = 20
    static let clients = 6

    @Test func aStreamOfWritesLosesNothingAcrossSIGTERM() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let token = try #require(federation.tokens["admin"])
            let url = database.conninfo(user: "unionhall_app")
            let journal = WriteJournal()
            let environment = ["UNIONHALL_SHUTDOWN_GRACE_SECONDS": "\(Self.graceSeconds)",
                               "UNIONHALL_SHUTDOWN_SECONDS": "\(Self.timeoutSeconds)"]
            let fund = try await ServerProcess.with(databaseURL: url, environment: environment) { server in
                let fund = try await Self.createFund(port: server.port, token: token)
                let port = server.port, pid = server.pid
                async let readiness = Self.pollReadiness(port: port)
                await withTaskGroup(of: Void.self) { group in
                    for _ in 0..<Self.clients {
                        group.addTask { await Self.write(port: port, fund: fund, token: token, journal: journal) }
                    }
                    group.addTask {
                        // Once the stream flows (bounded, so a broken server can't hang the run).
                        let start = ContinuousClock.now
                        while journal.successes < 20, ContinuousClock.now - start < .seconds(60) {
                            try? await Task.sleep(for: .milliseconds(20))
                        }
                        journal.markSignalled()
                        _ = kill(pid, SIGTERM)
                    }
                }
                let status = await server.exitStatus(within: .seconds(Self.graceSeconds + Self.timeoutSeconds + 15))
                let log = server.log
                #expect(status == 0, "exit status; log:\n\(log)")
                Self.expectReadinessWentFirst(await readiness)
                for step in ["shutdown: /readyz answers 503", "shutdown: no longer accepting connections",
                             "closing the connection pool", "connection pool closed",
                             "shutdown: stopped, every request in flight finished"] {
                    #expect(log.contains(step), "log has no \"\(step)\":\n\(log)")
                }
                return fund
            }

            let attempts = journal.all
            #expect(attempts.contains { $0.sentAfterSignal && $0.outcome.status == 201 }, "nothing served during the grace period")
            #expect(attempts.contains { if case .refused = $0.outcome { true } else { false } }, "the listener never closed")
            var rows = try await Self.ledger(database, fund: fund)
            var lost: [WriteJournal.Attempt] = []
            for attempt in attempts {
                switch attempt.outcome {
                case .response(let status, _, _) where status / 100 == 2:
                    #expect(rows[attempt.key]?.count == 1, "a 2xx write is not in the ledger once: \(attempt.key)")
                    #expect(rows[attempt.key]?.first == Receipt.id(of: attempt.outcome))
                case .response(let status, let headers, _):
                    // Clear: an HTTP error with a problem body; and nothing written.
                    #expect(status >= 400 && headers["content-type"]?.hasPrefix("application/problem+json") == true, "\(attempt.outcome)")
                    #expect(rows[attempt.key] == nil)
                case .refused:
                    #expect(rows[attempt.key] == nil)
                case .replyLost:
                    lost.append(attempt)
                }
            }

            // The restart: lost replies are retried with their key, and a few answered ones too.
            let answered = attempts.filter { $0.outcome.status == 201 }.prefix(3)
            try await ServerProcess.with(databaseURL: url) { server in
                for attempt in lost + answered {
                    let retry = await Receipt.post(port: server.port, fund: fund, token: token, key: attempt.key)
                    #expect(retry.status == 201, "\(retry)")
                    if let landed = rows[attempt.key]?.first {
                        #expect(Receipt.id(of: retry) == landed, "a retry must return the first answer")
                    }
                }
            }
            rows = try await Self.ledger(database, fund: fund)
            for attempt in lost + answered {
                #expect(rows[attempt.key]?.count == 1, "\(attempt.key) is not in the ledger exactly once after the retry")
            }
            // Nothing half-way: the fund's balance is exactly its receipts.
            let balance = try await federation.testDatabase.ownerPool.query("SELECT balance::text FROM funds WHERE id::text = \(fund)")
                .scalar(String.self)
            #expect(balance == "\(rows.values.reduce(0) { $0 + $1.count }).00")
        }
    }

    // MARK: Helpers

    static func createFund(port: Int, token: String) async throws -> String {
        let created = await RawHTTP.send(port: port, "POST", "/api/v1/funds", token: token,
                                         body: #"{"name": "重启测试基金", "source": "district_allocation"}"#)
        #expect(created.status == 201, "\(created)")
        return try #require(Receipt.id(of: created))
    }

    /// One client: a new key per write, until the server refuses the connection.
    static func write(port: Int, fund: String, token: String, journal: WriteJournal) async {
        for _ in 0..<5000 {
            let key = UUID().uuidString.lowercased()
            let signalled = journal.hasSignalled
            let outcome = await Receipt.post(port: port, fund: fund, token: token, key: key)
            journal.record(.init(key: key, body: Receipt.body(key: key), sentAfterSignal: signalled, outcome: outcome))
            if case .refused = outcome { return }
        }
    }

    /// What `/readyz` answered, every 50 ms, until the connection is refused.
    static func pollReadiness(port: Int) async -> [RawHTTP.Outcome] {
        var seen: [RawHTTP.Outcome] = []
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .seconds(120) {
            let outcome = await RawHTTP.send(port: port, "GET", "/readyz")
            seen.append(outcome)
            if case .refused = outcome { break }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return seen
    }

    /// Ready, then 503 "shutting down" while the listener still answered, then refused; never
    /// ready again once withdrawn.
    static func expectReadinessWentFirst(_ seen: [RawHTTP.Outcome]) {
        let summary = seen.map(\.description).joined(separator: " | ")
        let withdrawn = seen.firstIndex { $0.status == 503 && $0.body?.contains("shutting down") == true }
        let gone = seen.firstIndex { $0.status == nil }
        #expect(seen.first?.status == 200, "\(summary)")
        guard let withdrawn, let gone else {
            Issue.record("readiness never went 503 before the listener closed: \(summary)")
            return
        }
        #expect(withdrawn < gone, "\(summary)")
        #expect(!seen[withdrawn...].contains { $0.status == 200 }, "\(summary)")
    }

    /// Ledger row ids by memo (each write's key) for the fund.
    static func ledger(_ database: TestDatabase, fund: String) async throws -> [String: [String]] {
        struct Row: Decodable {
            let memo: String
            let id: String
        }
        let rows = try await database.ownerPool.query("SELECT memo, id::text AS id FROM fund_ledger WHERE fund_id::text = \(fund)")
            .decode(Row.self)
        return Dictionary(grouping: rows, by: \.memo).mapValues { $0.map(\.id) }
    }
}
