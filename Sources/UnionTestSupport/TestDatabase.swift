import Foundation
import PQ
import UnionStore

/// A database of its own for one test suite, cloned from a migrated template.
///
/// The private cluster is found through the environment that `scripts/test.sh` exports
/// (`UNIONHALL_PGHOST`, `UNIONHALL_PG_PORT`); without it the tests fail, they never skip.
package final class TestDatabase: Sendable {
    package let name: String
    /// `unionhall_app`: the role the server uses, under row-level security.
    package let appPool: PQPool
    /// `unionhall_owner`: for fixtures the app role may not write.
    package let ownerPool: PQPool

    private init(name: String) {
        self.name = name
        appPool = PQPool(configuration: PQConfiguration(
            connectionString: TestCluster.conninfo(user: "unionhall_app", database: name), maximumConnections: 4))
        ownerPool = PQPool(configuration: PQConfiguration(
            connectionString: TestCluster.conninfo(user: "unionhall_owner", database: name), maximumConnections: 2))
    }

    /// Clones the template (migrated once per test process) into a fresh database.
    package static func create() async throws -> TestDatabase {
        try await TestCluster.template.value
        let name = "uh_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try await TestCluster.withAdmin { admin in
            try await admin.query(PQQuery(unsafeSQL: "CREATE DATABASE \(name) TEMPLATE \(TestCluster.templateName) OWNER unionhall_owner"))
        }
        return TestDatabase(name: String(name))
    }

    /// An empty database (no migrations), for testing the migrator itself.
    package static func createEmpty() async throws -> TestDatabase {
        let name = "uh_empty_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try await TestCluster.withAdmin { admin in
            try await admin.query(PQQuery(unsafeSQL: "CREATE DATABASE \(name) OWNER unionhall_owner"))
        }
        return TestDatabase(name: String(name))
    }

    package func drop() async {
        await appPool.close()
        await ownerPool.close()
        _ = try? await TestCluster.withAdmin { admin in
            try await admin.query(PQQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
        }
    }

    /// Runs `body` with a fresh database and drops it afterwards, whatever happens; waits for a
    /// slot first (`TestDatabaseGate`), so the suite never runs the cluster out of connections.
    package static func with<T: Sendable>(empty: Bool = false, _ body: (TestDatabase) async throws -> T) async throws -> T {
        let gate = TestDatabaseGate.shared
        await gate.acquire()
        let database: TestDatabase
        do {
            database = empty ? try await createEmpty() : try await create()
        } catch {
            await gate.release()
            throw error
        }
        do {
            let value = try await body(database)
            await database.drop()
            await gate.release()
            return value
        } catch {
            await database.drop()
            await gate.release()
            throw error
        }
    }

    package func conninfo(user: String) -> String { TestCluster.conninfo(user: user, database: name) }
}

/// The private cluster the test scripts start.
package enum TestCluster {
    static let templateName = "uh_template_\(ProcessInfo.processInfo.processIdentifier)"

    package static var host: String {
        ProcessInfo.processInfo.environment["UNIONHALL_PGHOST"] ?? "/tmp"
    }

    package static var port: Int {
        ProcessInfo.processInfo.environment["UNIONHALL_PG_PORT"].flatMap(Int.init) ?? 54329
    }

    package static func conninfo(user: String, database: String) -> String {
        "host='\(host)' port=\(port) user=\(user) dbname=\(database)"
    }

    /// A superuser connection to the maintenance database, for CREATE/DROP DATABASE.
    @discardableResult
    package static func withAdmin<T: Sendable>(_ body: (PQConnection) async throws -> T) async throws -> T {
        let pool = PQPool(configuration: PQConfiguration(connectionString: conninfo(user: "postgres", database: "postgres"), maximumConnections: 1))
        do {
            let value = try await pool.withConnection(body)
            await pool.close()
            return value
        } catch {
            await pool.close()
            throw error
        }
    }

    /// The migrated template, built once per test process (named by pid so parallel runs of
    /// the test binary don't trip over each other). A lazily started task, because Swift
    /// Testing has no process-wide set-up hook and every suite awaits this same value.
    static let template: Task<Void, any Error> = Task {
        try await withAdmin { admin in
            try await admin.query(PQQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(templateName) WITH (FORCE)"))
            try await admin.query(PQQuery(unsafeSQL: "CREATE DATABASE \(templateName) OWNER unionhall_owner"))
        }
        let owner = PQPool(configuration: PQConfiguration(connectionString: conninfo(user: "unionhall_owner", database: templateName), maximumConnections: 1))
        do {
            try await Migrator(pool: owner, migrations: Migration.load(from: migrationsDirectory)).migrate()
            await owner.close()
        } catch {
            await owner.close()
            throw error
        }
    }

    /// `sql/migrations` of this checkout, found from this source file's path.
    package static var migrationsDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("sql/migrations", isDirectory: true)
    }
}
