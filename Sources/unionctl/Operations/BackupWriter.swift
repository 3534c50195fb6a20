import Foundation

/// Writes a pg_dump custom-format archive of one database to a file, atomically: pg_dump writes
/// a hidden temporary file beside the target (same folder, so same file system), which is
/// renamed over the target only when pg_dump succeeded. A failed or interrupted backup never
/// leaves a half file under the target's name, and an older backup there stays intact until
/// the new one is complete.
struct BackupWriter {
    let pgDump: URL

    /// Dumps the database `connection` names (libpq URI or conninfo) into `target`.
    func write(connection: String, to target: URL) async throws {
        let folder = target.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CLIError("no folder \(folder.path) to write the backup in")
        }
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let result = try await ExternalProgram.run(pgDump, [
            "--format=custom",
            // The owner is under row-level security too (FORCE ROW LEVEL SECURITY), through
            // policies that let it read every row; pg_dump's default (row_security off) would
            // refuse such tables rather than dump them.
            "--enable-row-security",
            "--no-password",
            "--file=\(temporary.path)",
            "--dbname=\(connection)",
        ])
        guard result.status == 0 else {
            let reason = result.errorOutput.split(separator: "\n").suffix(3).joined(separator: "; ")
            throw CLIError("pg_dump failed (exit \(result.status)): \(reason.isEmpty ? "no message" : reason); nothing was written to \(target.path)")
        }
        // pg_dump has flushed the file to disk (it syncs unless told --no-sync); the rename
        // then makes it appear whole.
        guard rename(temporary.path, target.path) == 0 else {
            throw CLIError("could not move the backup to \(target.path): \(String(cString: strerror(errno)))")
        }
    }
}
