import Foundation
@testable import unionctl

/// PostgreSQL refuses to run as root: as root (CI) the clusters these tests make belong to the
/// `postgres` user, as they do in scripts/lib.sh; as anyone else, to that user.
enum ClusterUser {
    static var isRoot: Bool { getuid() == 0 }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs a PostgreSQL program as the clusters' user, from / (a folder that user can always
    /// enter), and returns its standard output; throws with its error output if it fails.
    @discardableResult
    static func run(_ program: URL, _ arguments: [String]) async throws -> String {
        let result: ExternalProgram.Result
        if isRoot {
            let runuser = ["/usr/sbin/runuser", "/sbin/runuser"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/sbin/runuser"
            result = try await ExternalProgram.run(URL(fileURLWithPath: runuser), ["-u", "postgres", "--", program.path] + arguments,
                                             currentDirectory: URL(fileURLWithPath: "/"))
        } else {
            result = try await ExternalProgram.run(program, arguments, currentDirectory: URL(fileURLWithPath: "/"))
        }
        guard result.status == 0 else {
            throw Failure(description: "\(program.lastPathComponent) \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.errorOutput)")
        }
        return result.output
    }

    /// Creates `folder` (and its parents) for the clusters' user.
    static func makeFolder(_ folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if isRoot { try FileManager.default.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: folder.path) }
    }
}
