import Foundation

/// Runs another program to its end: what the operations commands use for PostgreSQL's tools.
///
/// Spawned with posix_spawn and waited for with waitpid on a thread of its own rather than
/// through Foundation's `Process`, whose `waitUntilExit` was seen to hang from a task (the child
/// left a zombie nobody reaped). The outputs go to files, so neither can fill a pipe and stall
/// the program, and no task's thread blocks while it runs.
enum ExternalProgram {
    struct Result: Sendable {
        /// The exit status, or 128 + the signal that ended the program.
        let status: Int32
        let output: String
        let errorOutput: String
    }

    /// Runs `program` with `arguments`, no standard input, and collects both outputs. Throws
    /// only when the program can't be started; a failing program is a `status` other than 0.
    static func run(_ program: URL, _ arguments: [String], environment: [String: String]? = nil,
                    currentDirectory: URL? = nil) async throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("unionctl-run-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = scratch.appendingPathComponent("out")
        let errors = scratch.appendingPathComponent("err")

        var path = program.path
        var argv = [program.path] + arguments
        if let currentDirectory {
            // posix_spawn can't change folder (the _np call isn't in Swift's Glibc): sh does, then execs.
            argv = ["/bin/sh", "-c", #"cd "$0" && exec "$@""#, currentDirectory.path] + argv
            path = "/bin/sh"
        }
        let pid = try spawn(path, argv, environment: environment ?? ProcessInfo.processInfo.environment, output: output.path, errors: errors.path)
        let status = await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: waitForExit(pid)) }
        }
        return Result(status: status,
                      output: (try? String(contentsOf: output, encoding: .utf8)) ?? "",
                      errorOutput: (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }

    private static func spawn(_ path: String, _ argv: [String], environment: [String: String], output: String, errors: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let arguments = argv.map { strdup($0) } + [nil]
        let variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            arguments.forEach { free($0) }
            variables.forEach { free($0) }
        }
        var pid = pid_t()
        let result = posix_spawn(&pid, path, &actions, nil, arguments, variables)
        guard result == 0 else { throw CLIError("could not start \(path): \(String(cString: strerror(result)))") }
        return pid
    }

    private static func waitForExit(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            if errno != EINTR { return -1 }
        }
        // WIFEXITED / WEXITSTATUS, WTERMSIG spelled out: the C macros don't reach Swift.
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
