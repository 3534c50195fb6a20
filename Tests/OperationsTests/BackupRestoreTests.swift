import Foundation
import Logging
import PQ
import Testing
@testable import unionctl
import UnionDomain
import UnionStore
import UnionTestSupport

/// `unionctl backup` under write load, restored by `scripts/restore.sh` into a fresh cluster:
/// the archive is one snapshot taken when the dump began, so it holds at least what was
/// acknowledged before then, at most what was acknowledged by the end, and its books balance.
@Suite("Backup and restore")
struct BackupRestoreTests {
    static let logger = Logger(label: "unionhall.tests.backup")

    /// This checkout, found from this file's path (Tests/OperationsTests/…).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Writes acknowledged so far: each counted once its transaction has committed.
    actor Acknowledged {
        struct Counts: Sendable { var receipts = 0, disbursements = 0 }
        private(set) var counts = Counts()
        private(set) var running = true
        func receipt() { counts.receipts += 1 }
        func disbursement() { counts.disbursements += 1 }
        func stop() { running = false }
    }

    /// A folder of its own under the temporary directory, removed afterwards.
    static func withFolder<T: Sendable>(_ body: (URL) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unionhall-ops-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder)
    }

    /// Runs scripts/restore.sh against a scratch cluster.
    static func restore(_ file: URL, into database: String, on cluster: ScratchCluster, _ extra: [String] = []) async throws -> ExternalProgram.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["UNIONHALL_RESTORE_PGHOST"] = cluster.socket
        environment["UNIONHALL_RESTORE_PGPORT"] = String(cluster.port)
        return try await ExternalProgram.run(URL(fileURLWithPath: "/bin/bash"),
                                       [repository.appendingPathComponent("scripts/restore.sh").path, file.path, database] + extra,
                                       environment: environment)
    }

    @Test func aBackupTakenUnderWriteLoadRestoresIntoAFreshClusterWithBooksThatBalance() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let books = try await AidBooks.make(federation, cases: 12)
            try await Self.withFolder { folder throws in
                let file = folder.appendingPathComponent("unionhall.dump")
                let acknowledged = Acknowledged()
                let (before, after) = try await withThrowingTaskGroup(of: Void.self, returning: (Acknowledged.Counts, Acknowledged.Counts).self) { group in
                    group.addTask {
                        for _ in 0..<5_000 where await acknowledged.running && !Task.isCancelled {
                            try await books.receiveOneYuan()
                            await acknowledged.receipt()
                        }
                    }
                    group.addTask {
                        for id in books.approvedCases where await acknowledged.running && !Task.isCancelled {
                            try await books.disburse(id)
                            await acknowledged.disbursement()
                            try await Task.sleep(for: .milliseconds(25))
                        }
                    }
                    // Part of the load is acknowledged before the dump begins; the rest goes on during it.
                    let started = await eventually(within: .seconds(60)) {
                        let counts = await acknowledged.counts
                        return counts.receipts >= 10 && counts.disbursements >= 2
                    }
                    let before = await acknowledged.counts
                    do {
                        try #require(started, "the write load never got going")
                        try await CLI.run(["backup", "-o", file.path, "--database-url", database.conninfo(user: "unionhall_owner")])
                    } catch {
                        await acknowledged.stop()
                        throw error
                    }
                    let during = await acknowledged.counts
                    await acknowledged.stop()
                    try await group.waitForAll()
                    Self.logger.info("backup under load", metadata: [
                        "backup.receipts_before": "\(before.receipts)", "backup.receipts_during": "\(during.receipts - before.receipts)",
                        "backup.disbursements_before": "\(before.disbursements)",
                        "backup.disbursements_during": "\(during.disbursements - before.disbursements)",
                    ])
                    return (before, await acknowledged.counts)
                }
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                #expect(leftovers == ["unionhall.dump"], "only the finished backup, no temporary file: \(leftovers)")

                try await ScratchCluster.with(port: TestCluster.port + 20) { cluster throws in
                    let restored = try await Self.restore(file, into: "uh_restored", on: cluster)
                    #expect(restored.status == 0, "\(restored.errorOutput)")
                    #expect(restored.errorOutput.contains("balances equal their ledgers"), "\(restored.errorOutput)")
                    // A second restore under the same name is refused: it restores into NEW databases only.
                    let again = try await Self.restore(file, into: "uh_restored", on: cluster)
                    #expect(again.status != 0)
                    #expect(again.errorOutput.contains("exists"), "\(again.errorOutput)")

                    try await withPool(cluster.conninfo(user: "unionhall_owner", database: "uh_restored")) { owner in
                        let receipts = try #require(try await owner.query("""
                            SELECT count(*) FROM fund_ledger WHERE fund_id = \(books.fund.id) AND kind = 'receipt' AND payer = '会员捐款'
                            """).scalar(Int.self))
                        let disbursed = try #require(try await owner.query("""
                            SELECT count(*) FROM aid_cases WHERE program_id = \(books.program.id) AND status = 'disbursed'
                            """).scalar(Int.self))
                        #expect(receipts >= before.receipts && receipts <= after.receipts, "\(receipts) receipts: \(before) … \(after)")
                        #expect(disbursed >= before.disbursements && disbursed <= after.disbursements, "\(disbursed) paid: \(before) … \(after)")
                        // One snapshot: the fund, its ledger, the program's spending and the cases agree.
                        let balance = try await owner.query("SELECT balance FROM funds WHERE id = \(books.fund.id)").scalar(Money.self)
                        #expect(balance == Money(fen: Int64(1_000_000 + receipts * 100 - disbursed * 1_000)))
                        let spent = try await owner.query("SELECT spent FROM aid_programs WHERE id = \(books.program.id)").scalar(Money.self)
                        #expect(spent == Money(fen: Int64(disbursed * 1_000)))
                        let payments = try await owner.query("""
                            SELECT count(*) FROM fund_ledger WHERE fund_id = \(books.fund.id) AND kind = 'disbursement'
                            """).scalar(Int.self)
                        #expect(payments == disbursed)
                        // Tables the load didn't touch came across whole.
                        for table in ["offices", "users", "workers", "api_tokens", "unionhall_meta.schema_migrations"] {
                            let copied = try await owner.query(PQQuery(unsafeSQL: "SELECT count(*) FROM \(table)")).scalar(Int.self)
                            let source = try await database.ownerPool.query(PQQuery(unsafeSQL: "SELECT count(*) FROM \(table)")).scalar(Int.self)
                            #expect(copied == source, "\(table)")
                        }
                    }
                    // Ownership and grants came back with the objects: the app role works under
                    // row-level security, and the CLI's own check passes (it throws if a fund is off).
                    try await CLI.run(["fund", "check", "--as", "admin", "--database-url", cluster.conninfo(user: "unionhall_app", database: "uh_restored")])
                    try await withPool(cluster.conninfo(database: "uh_restored")) { admin in
                        let owners = try await admin.query("""
                            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                              AND pg_get_userbyid(c.relowner) <> 'unionhall_owner'
                            """).scalar(Int.self)
                        #expect(owners == 0)
                        #expect(try await admin.query("SELECT has_table_privilege('unionhall_app', 'public.workers', 'INSERT')").scalar(Bool.self) == true)
                        #expect(try await admin.query("SELECT has_schema_privilege('unionhall_reporting', 'reporting', 'USAGE')").scalar(Bool.self) == true)
                    }
                    // The reporting job reads the restored copy as it read the original.
                    let paid = try await withPool(cluster.conninfo(user: "unionhall_owner", database: "uh_restored")) { owner in
                        try await owner.query("SELECT count(*) FROM aid_cases WHERE status = 'disbursed'").scalar(Int.self) ?? -1
                    }
                    try await withPool(cluster.conninfo(user: "unionhall_reporting", database: "uh_restored")) { reporting in
                        let relief = try await reporting.query("""
                            SELECT relief_cash FROM reporting.annual_summary
                            WHERE year = \(CalendarDate.today().year) AND level = 'office' AND office_code = 'guozhuangzi'
                            """).scalar(Money.self)
                        #expect(relief == Money(fen: Int64(paid * 1_000)))
                    }
                }
            }
        }
    }

    /// The owner is subject to row-level security (FORCE), and pg_dump runs as the owner with
    /// row security on: a table the owner may not read every row of would be dumped short,
    /// silently. So every such table must give the owner a permissive policy reading all rows,
    /// and no restrictive one.
    @Test func theOwnerReadsEveryRowOfEveryTableItDumps() async throws {
        try await TestDatabase.with { database in
            let short = try await database.ownerPool.query("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p') AND c.relrowsecurity AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND (NOT EXISTS (SELECT FROM pg_policies p
                                   WHERE p.schemaname = n.nspname AND p.tablename = c.relname AND p.permissive = 'PERMISSIVE'
                                     AND p.cmd IN ('ALL', 'SELECT') AND p.qual = 'true'
                                     AND p.roles && ARRAY['unionhall_owner', 'public']::name[])
                       OR EXISTS (SELECT FROM pg_policies p
                                  WHERE p.schemaname = n.nspname AND p.tablename = c.relname AND p.permissive = 'RESTRICTIVE'
                                    AND p.cmd IN ('ALL', 'SELECT') AND p.roles && ARRAY['unionhall_owner', 'public']::name[]))
                ORDER BY 1
                """).rows.map { try $0.decode(String.self, at: 0) }
            #expect(short.isEmpty, "tables the owner can't read whole: \(short)")
        }
    }

    @Test func aBackupThatFailsLeavesNothingBehind() async throws {
        try await TestDatabase.with { database in
            try await Self.withFolder { folder throws in
                let file = folder.appendingPathComponent("unionhall.dump")
                // The app role may not read every table (password hashes, the audit log): pg_dump fails.
                let error = await #expect(throws: CLIError.self) {
                    try await CLI.run(["backup", "-o", file.path, "--database-url", database.conninfo(user: "unionhall_app")])
                }
                #expect(error?.description.hasPrefix("pg_dump failed") == true, "\(error?.description ?? "")")
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
                // A folder that isn't there is said plainly.
                let missing = await #expect(throws: CLIError.self) {
                    try await CLI.run(["backup", "-o", folder.appendingPathComponent("nowhere/x.dump").path,
                                       "--database-url", database.conninfo(user: "unionhall_owner")])
                }
                #expect(missing?.description.contains("no folder") == true)
            }
        }
    }

    @Test func pgDumpOfTheServersVersionIsRequired() async throws {
        let empty = FileManager.default.temporaryDirectory.path + "/unionhall-nothing-\(UUID().uuidString.prefix(8))"
        let error = await #expect(throws: CLIError.self) { try await PostgresTools.locate("pg_dump", major: 15, in: [empty]) }
        #expect(error?.description.contains("install postgresql-client-15") == true)
        #expect(PostgresTools.majorVersion(fromVersionLine: "pg_dump (PostgreSQL) 15.8 (Debian 15.8-0+deb12u1)") == 15)
        #expect(PostgresTools.majorVersion(fromVersionLine: "pg_dump (PostgreSQL) 17devel") == 17)
        #expect(PostgresTools.majorVersion(fromVersionLine: "something else") == nil)
        #expect(PostgresTools.searchFolders(major: 15, environment: ["UNIONHALL_PG_BINDIR": "/opt/pg/bin", "PATH": "/usr/bin"])
                == ["/opt/pg/bin", "/usr/lib/postgresql/15/bin", "/usr/bin"])
    }
}
