import Foundation

/// One file of `sql/migrations`, named `NNNN_name.sql`.
package struct Migration: Sendable, Hashable {
    package let version: Int
    package let name: String
    package let sql: String

    package init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Reads every `NNNN_name.sql` in `directory`, in version order. Two files with one version,
    /// or a `.sql` file not named that way, is an error rather than a silent skip.
    package static func load(from directory: URL) throws -> [Migration] {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw MigrationError.directoryUnreadable(directory.path)
        }
        var migrations: [Migration] = []
        for file in files where file.hasSuffix(".sql") {
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]), version > 0 else {
                throw MigrationError.badFileName(file)
            }
            let sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            migrations.append(Migration(version: version, name: String(stem), sql: sql))
        }
        migrations.sort { $0.version < $1.version }
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.version == next.version {
            throw MigrationError.duplicateVersion(previous.name, next.name)
        }
        return migrations
    }
}

/// Where one migration stands against a database.
package struct MigrationStatus: Sendable, Hashable {
    package enum State: Sendable, Hashable {
        case applied(at: Date)
        case pending
        /// Applied, but the file changed since.
        case modified
        /// Recorded in the database, but no file has it any more.
        case missing
    }

    package let version: Int
    package let name: String
    package let state: State
}

package enum MigrationError: Error, Equatable, CustomStringConvertible {
    case directoryUnreadable(String)
    case badFileName(String)
    case duplicateVersion(String, String)
    case modifiedAfterApply(String)

    package var description: String {
        switch self {
        case .directoryUnreadable(let path): "cannot read the migrations folder \(path)"
        case .badFileName(let file): "migration file \(file) is not named NNNN_name.sql"
        case .duplicateVersion(let a, let b): "migrations \(a) and \(b) share a version number"
        case .modifiedAfterApply(let name):
            "migration \(name) was edited after it was applied; add a new migration instead of changing it"
        }
    }
}
