import ArgumentParser
import Foundation
import PQ
import UnionStore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending migrations from sql/migrations, or list them with --status.",
        discussion: """
            Each file runs in its own transaction and is recorded with its SHA-256. Running again \
            applies nothing new; concurrent runs wait on an advisory lock; a file edited after it \
            was applied is refused by name. Connects as unionhall_owner (UNIONHALL_OWNER_URL).
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "List applied and pending migrations without applying anything.")
    var status = false

    @Option(help: ArgumentHelp("Folder of NNNN_name.sql files (default: sql/migrations, or UNIONHALL_MIGRATIONS).", valueName: "dir"))
    var migrations: String?

    func run() async throws {
        let directory = migrations.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? MigrationsDirectory.locate()
        let files = try Migration.load(from: directory)
        try await connection.withPool(url: try connection.ownerURL()) { pool in
            let migrator = Migrator(pool: pool, migrations: files)
            if status {
                for entry in try await migrator.status() {
                    print(Self.describe(entry))
                }
            } else {
                let applied = try await migrator.migrate()
                if applied.isEmpty {
                    print("Database is up to date (\(files.count) migrations).")
                } else {
                    for migration in applied { print("applied  \(migration.name)") }
                }
            }
        }
    }

    static func describe(_ entry: MigrationStatus) -> String {
        switch entry.state {
        case .applied(let date): "applied  \(entry.name)  \(date.formatted(.iso8601))"
        case .pending: "pending  \(entry.name)"
        case .modified: "EDITED   \(entry.name)  (changed after it was applied)"
        case .missing: "missing  \(entry.name)  (applied, but the file is gone)"
        }
    }
}
