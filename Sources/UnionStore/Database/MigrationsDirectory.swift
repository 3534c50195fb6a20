import Foundation

/// Finds `sql/migrations`: `UNIONHALL_MIGRATIONS` if set, else `sql/migrations` under the
/// working directory or any parent of it (so the CLI works from a subfolder of the checkout),
/// else next to the executable's installation (`/app/sql/migrations` in the container).
package enum MigrationsDirectory {
    package static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let path = environment["UNIONHALL_MIGRATIONS"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent("sql/migrations", isDirectory: true)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        return executable.deletingLastPathComponent().appendingPathComponent("../sql/migrations").standardizedFileURL
    }
}
