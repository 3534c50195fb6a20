import Foundation
import Logging
import PQ

/// Applies `sql/migrations` in order, each file in its own transaction, recording its SHA-256.
///
/// Runs as `unionhall_owner`. A session-level advisory lock serialises concurrent runs, so two
/// deploys starting at once apply each file exactly once. A file edited after it was applied is
/// refused by name before anything is applied.
package struct Migrator: Sendable {
    /// Arbitrary but fixed: the advisory lock key every migrator takes.
    static let lockKey: Int64 = 0x756e_696f_6e68_616c  // "unionhal"

    let pool: PQPool
    let migrations: [Migration]
    let logger: Logger

    package init(pool: PQPool, migrations: [Migration], logger: Logger = Logger(label: "unionhall.migrate")) {
        self.pool = pool
        self.migrations = migrations
        self.logger = logger
    }

    /// Applies what is pending; returns the migrations it applied (none when up to date).
    @discardableResult
    package func migrate() async throws -> [Migration] {
        try await withLock { connection in
            let applied = try await appliedMigrations(connection)
            var pending: [Migration] = []
            for migration in migrations {
                let checksum = try await Self.checksum(of: migration, on: connection)
                if let record = applied[migration.version] {
                    guard record.checksum == checksum else { throw MigrationError.modifiedAfterApply(record.name) }
                } else {
                    pending.append(migration)
                }
            }
            for migration in pending {
                let checksum = try await Self.checksum(of: migration, on: connection)
                try await connection.withTransaction { connection in
                    try await connection.executeScript(migration.sql)
                    try await connection.query("""
                        INSERT INTO unionhall_meta.schema_migrations (version, name, checksum)
                        VALUES (\(migration.version), \(migration.name), \(checksum))
                        """)
                }
                logger.info("applied migration", metadata: ["migration": "\(migration.name)"])
            }
            return pending
        }
    }

    /// Applied, pending, edited and missing migrations, in version order.
    package func status() async throws -> [MigrationStatus] {
        try await withLock { connection in
            let applied = try await appliedMigrations(connection)
            var statuses: [MigrationStatus] = []
            for migration in migrations {
                let state: MigrationStatus.State
                if let record = applied[migration.version] {
                    let checksum = try await Self.checksum(of: migration, on: connection)
                    state = record.checksum == checksum ? .applied(at: record.appliedAt) : .modified
                } else {
                    state = .pending
                }
                statuses.append(MigrationStatus(version: migration.version, name: migration.name, state: state))
            }
            let known = Set(migrations.map(\.version))
            for record in applied.values where !known.contains(record.version) {
                statuses.append(MigrationStatus(version: record.version, name: record.name, state: .missing))
            }
            return statuses.sorted { $0.version < $1.version }
        }
    }

    private struct AppliedMigration: Decodable {
        let version: Int
        let name: String
        let checksum: String
        let appliedAt: Date
    }

    private func appliedMigrations(_ connection: PQConnection) async throws -> [Int: AppliedMigration] {
        let rows = try await connection.query(
            "SELECT version, name, checksum, applied_at FROM unionhall_meta.schema_migrations"
        ).decode(AppliedMigration.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.version, $0) })
    }

    /// SHA-256 of the file's text, computed by the server so no crypto library is needed.
    private static func checksum(of migration: Migration, on connection: PQConnection) async throws -> String {
        try await connection.query("SELECT encode(sha256(convert_to(\(migration.sql), 'UTF8')), 'hex')").scalar(String.self) ?? ""
    }

    /// Holds the advisory lock on one connection for the whole run, creating the bookkeeping
    /// table first (under the lock, so concurrent first runs don't race on it).
    private func withLock<T: Sendable>(_ body: (PQConnection) async throws -> T) async throws -> T {
        try await pool.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))")
            do {
                try await connection.executeScript("""
                    CREATE SCHEMA IF NOT EXISTS unionhall_meta;
                    CREATE TABLE IF NOT EXISTS unionhall_meta.schema_migrations (
                        version    integer PRIMARY KEY,
                        name       text NOT NULL,
                        checksum   text NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now()
                    );
                    """)
                let value = try await body(connection)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))")
                return value
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))")
                throw error
            }
        }
    }
}
