import Foundation
import PQ
import Testing
import UnionTestSupport

/// Point-in-time recovery as the README describes it, tried once on a scratch cluster: WAL
/// archived with `archive_command`, a base backup, change A, the target time T, change B; the
/// base backup restored with `restore_command` and `recovery_target_time = T` has A and not B.
@Suite("Point-in-time recovery")
struct PointInTimeRecoveryTests {
    @Test func recoveryStopsAtTheTargetTime() async throws {
        let port = TestCluster.port + 30
        try await ScratchCluster.with(port: port, settings: { folder in [
            "wal_level = replica",
            "archive_mode = on",
            "archive_command = 'mkdir -p \(folder.path)/archive && test ! -f \(folder.path)/archive/%f && cp %p \(folder.path)/archive/%f'",
        ] }) { cluster throws in
            let archive = cluster.folder.appendingPathComponent("archive")
            try await withPool(cluster.conninfo()) { admin in _ = try await admin.query("CREATE DATABASE pitr") }
            try await withPool(cluster.conninfo(database: "pitr")) { pitr in _ = try await pitr.query("CREATE TABLE events (name text PRIMARY KEY)") }

            let base = cluster.folder.appendingPathComponent("base")
            try await ClusterUser.run(try await PostgresBin.program("pg_basebackup"), [
                "-h", cluster.socket, "-p", String(port), "-U", "postgres", "-D", base.path, "-X", "stream", "-c", "fast",
            ])
            let target = try await withPool(cluster.conninfo(database: "pitr")) { pitr in
                _ = try await pitr.query("INSERT INTO events VALUES ('A: before the target')")
                let target = try #require(try await pitr.query("SELECT clock_timestamp()::text").scalar(String.self))
                _ = try await pitr.query("INSERT INTO events VALUES ('B: after the target')")
                return target
            }
            // Close the WAL segment with B's commit so that it is archived: recovery must read
            // past T to know where to stop.
            let segment = try await withPool(cluster.conninfo()) { admin in
                try #require(try await admin.query("SELECT pg_walfile_name(pg_switch_wal())").scalar(String.self))
            }
            let archived = await eventually(within: .seconds(60)) {
                FileManager.default.fileExists(atPath: archive.appendingPathComponent(segment).path)
            }
            try #require(archived, "WAL segment \(segment) was not archived")

            try cluster.configure(base, port: port + 1, [
                "archive_mode = off",
                "restore_command = 'cp \(archive.path)/%f \"%p\"'",
                "recovery_target_time = '\(target)'",
                "recovery_target_action = 'promote'",
            ])
            #expect(FileManager.default.createFile(atPath: base.appendingPathComponent("recovery.signal").path, contents: nil))
            try await cluster.start(base)
            try await withPool(cluster.conninfo(database: "pitr", port: port + 1)) { recovered throws in
                let promoted = await eventually(within: .seconds(60)) {
                    (try? await recovered.query("SELECT NOT pg_is_in_recovery()").scalar(Bool.self)) == true
                }
                #expect(promoted, "the recovered cluster did not reach its target and promote")
                #expect(try await recovered.query("SELECT name FROM events ORDER BY name").rows.map { try $0.decode(String.self, at: 0) } == ["A: before the target"])
            }
        }
    }
}
