import Foundation
import PQ
import Testing
import UnionStore
import UnionTestSupport

@Suite("Migrations")
struct MigratorTests {
    let files: [Migration]

    init() throws {
        files = try Migration.load(from: TestCluster.migrationsDirectory)
    }

    @Test func applyingTwiceIsANoOp() async throws {
        try await TestDatabase.with(empty: true) { database in
            let migrator = Migrator(pool: database.ownerPool, migrations: files)
            let first = try await migrator.migrate()
            #expect(first.map(\.version) == files.map(\.version))
            let second = try await migrator.migrate()
            #expect(second.isEmpty)
            let statuses = try await migrator.status()
            #expect(statuses.allSatisfy { if case .applied = $0.state { true } else { false } })
        }
    }

    @Test func statusListsPendingBeforeApplying() async throws {
        try await TestDatabase.with(empty: true) { database in
            let statuses = try await Migrator(pool: database.ownerPool, migrations: files).status()
            #expect(statuses.count == files.count)
            #expect(statuses.allSatisfy { $0.state == .pending })
        }
    }

    @Test func editedAppliedMigrationIsRefusedByName() async throws {
        try await TestDatabase.with(empty: true) { database in
            try await Migrator(pool: database.ownerPool, migrations: files).migrate()
            var edited = files
            let original = edited[0]
            edited[0] = Migration(version: original.version, name: original.name, sql: original.sql + "\n-- edited\n")
            let migrator = Migrator(pool: database.ownerPool, migrations: edited)
            await #expect(throws: MigrationError.modifiedAfterApply(original.name)) {
                try await migrator.migrate()
            }
            #expect(try await migrator.status().first?.state == .modified)
        }
    }

    @Test func concurrentRunsApplyEachFileOnce() async throws {
        try await TestDatabase.with(empty: true) { database in
            let extra = Migration(version: 9999, name: "9999_counter", sql: """
                CREATE TABLE IF NOT EXISTS applied_counter (n int);
                INSERT INTO applied_counter VALUES (1);
                """)
            let migrations = files + [extra]
            let applied = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let pool = PQPool(configuration: PQConfiguration(connectionString: database.conninfo(user: "unionhall_owner"), maximumConnections: 1))
                        do {
                            let count = try await Migrator(pool: pool, migrations: migrations).migrate().count
                            await pool.close()
                            return count
                        } catch {
                            await pool.close()
                            throw error
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(applied == migrations.count)
            #expect(try await database.ownerPool.query("SELECT count(*) FROM applied_counter").scalar(Int.self) == 1)
        }
    }

    @Test func failingMigrationLeavesNoTrace() async throws {
        try await TestDatabase.with(empty: true) { database in
            let broken = Migration(version: 9998, name: "9998_broken", sql: "CREATE TABLE half_done (n int); SELECT 1/0;")
            await #expect(throws: PQError.self) {
                try await Migrator(pool: database.ownerPool, migrations: files + [broken]).migrate()
            }
            #expect(try await database.ownerPool.query("SELECT to_regclass('half_done') IS NULL").scalar(Bool.self) == true)
            let statuses = try await Migrator(pool: database.ownerPool, migrations: files + [broken]).status()
            #expect(statuses.last?.state == .pending)
        }
    }

    @Test func rolesExistAndTheAppRoleOwnsNothing() async throws {
        try await TestDatabase.with { database in
            let pool = database.ownerPool
            let roles = try await pool.query("""
                SELECT rolname FROM pg_roles WHERE rolname IN ('unionhall_owner', 'unionhall_app', 'unionhall_reporting') ORDER BY 1
                """).rows.map { try $0.decode(String.self, at: 0) }
            #expect(roles == ["unionhall_app", "unionhall_owner", "unionhall_reporting"])
            let owned = try await pool.query("""
                SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = 'unionhall_app'
                """).scalar(Int.self)
            #expect(owned == 0)
            let app = try #require(try await pool.query("""
                SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = 'unionhall_app'
                """).rows.first)
            for column in 0..<4 { #expect(try app.decode(Bool.self, at: column) == false) }
        }
    }

    @Test func badFileNamesAreRejected() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "SELECT 1;".write(to: directory.appendingPathComponent("first.sql"), atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.badFileName("first.sql")) { try Migration.load(from: directory) }
    }
}
