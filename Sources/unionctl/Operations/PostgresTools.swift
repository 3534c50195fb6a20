import Foundation

/// Finds PostgreSQL's client programs (pg_dump, …) of one major version. Debian installs each
/// version side by side in /usr/lib/postgresql/N/bin and puts only a wrapper on the PATH, so the
/// version-specific folder is looked at first.
enum PostgresTools {
    static let installRoot = "/usr/lib/postgresql"

    /// The folders looked in, in order: `UNIONHALL_PG_BINDIR` when set, Debian's folder for
    /// `major`, then the PATH.
    static func searchFolders(major: Int, environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var folders: [String] = []
        if let chosen = environment["UNIONHALL_PG_BINDIR"], !chosen.isEmpty { folders.append(chosen) }
        folders.append("\(installRoot)/\(major)/bin")
        folders += (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        return folders
    }

    /// The first `program` in `folders` whose `--version` says major version `major`.
    static func locate(_ program: String, major: Int, in folders: [String]) async throws -> URL {
        for folder in folders where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent(program)
            guard FileManager.default.isExecutableFile(atPath: candidate.path) else { continue }
            if (try? await majorVersion(of: candidate)) == major { return candidate }
        }
        throw CLIError("""
            no \(program) of PostgreSQL \(major) (the server's version) in \(folders.joined(separator: ", ")): \
            install postgresql-client-\(major), or set UNIONHALL_PG_BINDIR to the folder that has it
            """)
    }

    /// 15 for "pg_dump (PostgreSQL) 15.8 (Debian 15.8-0+deb12u1)".
    static func majorVersion(of program: URL) async throws -> Int? {
        let result = try await ExternalProgram.run(program, ["--version"])
        guard result.status == 0 else { return nil }
        return majorVersion(fromVersionLine: result.output)
    }

    static func majorVersion(fromVersionLine line: String) -> Int? {
        guard let range = line.range(of: "(PostgreSQL) ") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }
}
