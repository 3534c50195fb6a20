import ArgumentParser
import Foundation
import UnionStore

/// `unionctl backup -o FILE`: the whole database as a pg_dump custom-format archive, taken as
/// the owner; `scripts/restore.sh FILE` restores it into a new database.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write the database to FILE as a pg_dump custom-format archive (restore it with scripts/restore.sh FILE).",
        discussion: """
            Connects as unionhall_owner (UNIONHALL_OWNER_URL, else DATABASE_URL, or --database-url) and \
            runs pg_dump of the server's major version (from UNIONHALL_PG_BINDIR, /usr/lib/postgresql/N/bin \
            or the PATH). The archive is one snapshot: what was committed when the dump began, \
            nothing committed after. It is written to a temporary file beside FILE and renamed \
            when complete, so FILE is never half written. Roles are not in it (they belong to \
            the cluster): scripts/restore.sh creates them from sql/bootstrap/roles.sql.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The file to write.", valueName: "file"))
    var output: String

    func run() async throws {
        let url = try connection.ownerURL()
        let major = try await reporting2 {
            try await connection.withPool(url: url) { pool in try await ServerVersion.major(pool) }
        }
        let pgDump = try await PostgresTools.locate("pg_dump", major: major, in: PostgresTools.searchFolders(major: major))
        let target = URL(fileURLWithPath: output)
        try await BackupWriter(pgDump: pgDump).write(connection: url, to: target)
        let size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? Int) ?? 0
        print("wrote \(target.path) (\(size) bytes, PostgreSQL \(major) custom format)")
    }
}
