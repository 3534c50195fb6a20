import Foundation
import Logging
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// The reporting job's streaming replica (scripts/replica-up.sh, started by scripts/test.sh):
/// what is committed on the primary is in the reporting views on the standby moments later,
/// and the reporting role writes on neither. Each test's database is created on the primary (`TestDatabase`);
/// its CREATE DATABASE replays on the standby, where the test finds it under the same name.
@Suite("Streaming replica")
struct ReplicaTests {
    static let logger = Logger(label: "unionhall.tests.replica")

    /// Waits for the test's database to exist on the standby (its creation replays like any
    /// other change), generously: a loaded machine may take a while.
    static func arrived(_ standby: PQPool) async -> Bool {
        await eventually(within: .seconds(300)) { (try? await standby.query("SELECT 1").scalar(Int.self)) == 1 }
    }

    /// Waits until the standby has replayed everything the primary had written when called
    /// (a generous bound: while other suites create databases it can be a minute behind);
    /// returns how long that took.
    static func catchUp(_ database: TestDatabase) async throws -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        let target = try #require(try await database.ownerPool.query("SELECT pg_current_wal_lsn()::text").scalar(String.self))
        try await withPool(try Standby.conninfo(user: "postgres", database: "postgres")) { standby throws in
            let replayed = await eventually(within: .seconds(300)) {
                (try? await standby.query("SELECT pg_last_wal_replay_lsn() >= \(target)::pg_lsn").scalar(Bool.self)) == true
            }
            try #require(replayed, "the standby did not replay up to \(target) within 5 minutes")
        }
        return clock.now - start
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }

    /// What the reporting job reads: branch A's emergency-relief cash this year, on the standby.
    static func reliefCash(_ standby: PQPool) async throws -> Money? {
        try await standby.query("""
            SELECT relief_cash FROM reporting.annual_summary
            WHERE year = \(CalendarDate.today().year) AND level = 'office' AND office_code = 'guozhuangzi'
            """).scalar(Money.self)
    }

    @Test func aDisbursementOnThePrimaryIsInTheAnnualSummaryOnTheStandby() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let books = try await AidBooks.make(federation, cases: 1)
            let paid = try #require(books.approvedCases.first)
            try await withPool(try Standby.conninfo(user: "unionhall_reporting", database: database.name)) { standby throws in
                #expect(await Self.arrived(standby), "the test's database never appeared on the standby")
                #expect(try await standby.query("SELECT pg_is_in_recovery()").scalar(Bool.self) == true)
                // The standby first replays whatever the primary wrote before now (other tests'
                // databases too: one WAL stream), so that the payment's lag is its own.
                let backlog = try await Self.catchUp(database)
                #expect(try await Self.reliefCash(standby) == Money.zero, "nothing paid yet")

                try await books.disburse(paid)
                let clock = ContinuousClock()
                let committed = clock.now
                let primaryLSN = try #require(try await database.ownerPool.query("SELECT pg_current_wal_lsn()::text").scalar(String.self))
                let visible = await eventually(within: .seconds(30)) { (try? await Self.reliefCash(standby)) == Money(fen: 1_000) }
                let lag = clock.now - committed
                // Replication is asynchronous: expect milliseconds on a quiet primary; 30 s is the
                // bound past which something is broken, not a speed target.
                #expect(visible, "the disbursement committed on the primary was not in reporting.annual_summary on the standby within 30 s")
                let replayed = try await standby.query("SELECT pg_last_wal_replay_lsn() >= \(primaryLSN)::pg_lsn").scalar(Bool.self)
                #expect(replayed == true)
                Self.logger.info("standby saw the disbursement", metadata: [
                    "replica.lag_ms": "\(Self.milliseconds(lag))",
                    "replica.primary_lsn": "\(primaryLSN)", "replica.catch_up_ms": "\(Self.milliseconds(backlog))",
                ])
            }
            // The reporting job itself, pointed at the standby: `unionctl report` as unionhall_reporting.
            try await BackupRestoreTests.withFolder { folder throws in
                let file = folder.appendingPathComponent("annual.csv")
                let year = String(CalendarDate.today().year)
                try await CLI.run(["report", "annual", "--from", year, "--to", year, "--office", "guozhuangzi",
                                   "--database-url", try Standby.conninfo(user: "unionhall_reporting", database: database.name), "-o", file.path])
                let rows = try String(contentsOf: file, encoding: .utf8).split(separator: "\r\n")
                let branch = try #require(rows.first { $0.hasPrefix("\(year),office,guozhuangzi,") }, "\(rows)")
                #expect(branch.split(separator: ",").contains("10.00"), "\(branch)")
            }
            // The standby's copy of the books balances like the primary's.
            try await withPool(try Standby.conninfo(user: "unionhall_owner", database: database.name)) { standby throws in
                let balanced = try await standby.query("""
                    SELECT f.balance = (SELECT sum(amount) FROM fund_ledger l WHERE l.fund_id = f.id) FROM funds f WHERE f.id = \(books.fund.id)
                    """).scalar(Bool.self)
                #expect(balanced == true)
            }
        }
    }

    @Test func theReportingRoleWritesOnNeitherThePrimaryNorTheStandby() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let area = federation.area.id
            let writes: [PQQuery] = [
                "INSERT INTO public.funds (office_id, name, source) VALUES (\(area), 'x', 'other')",
                "UPDATE public.funds SET name = 'x'",
                "DELETE FROM public.offices",
                "CREATE TABLE reporting.scratch (x int)",
            ]
            // The primary: no privilege on the tables, no CREATE in schema reporting.
            try await withPool(database.conninfo(user: "unionhall_reporting")) { primary throws in
                for write in writes {
                    let error = await #expect(throws: PQError.self, "\(write.sql)") { try await primary.query(write) }
                    #expect(error?.sqlState == .insufficientPrivilege, "\(write.sql): \(error.map(String.init(reflecting:)) ?? "")")
                }
                // The reporting views are views of what the tables hold: nothing to write into.
                await #expect(throws: PQError.self) { try await primary.query("INSERT INTO reporting.annual_summary (year) VALUES (2000)") }
            }
            try await withPool(try Standby.conninfo(user: "unionhall_reporting", database: database.name)) { standby throws in
                #expect(await Self.arrived(standby), "the test's database never appeared on the standby")
                for write in writes {
                    await #expect(throws: PQError.self, "\(write.sql)") { try await standby.query(write) }
                }
                // What the reporting role may name, the standby itself refuses to change.
                await #expect(throws: PQError.self) { try await standby.query("INSERT INTO reporting.annual_summary (year) VALUES (2000)") }
                let create = await #expect(throws: PQError.self) { try await standby.query("CREATE TABLE reporting.scratch (x int)") }
                #expect(create?.sqlState == SQLState("25006"))
                #expect(create?.message.contains("cannot execute CREATE TABLE in a read-only transaction") == true, "\(create?.message ?? "")")
            }
            // Not even the owner writes on the standby.
            try await withPool(try Standby.conninfo(user: "unionhall_owner", database: database.name)) { standby throws in
                let update = await #expect(throws: PQError.self) { try await standby.query("UPDATE offices SET name = name") }
                #expect(update?.sqlState == SQLState("25006"))
                #expect(update?.message.contains("cannot execute UPDATE in a read-only transaction") == true, "\(update?.message ?? "")")
            }
        }
    }
}
