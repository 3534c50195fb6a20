import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `unionhall` binary, built beside the test bundle, serving a test database on a
/// free port. Only the task that started it uses it; other tasks get its `port` and `pid`.
final class ServerProcess {
    let process: Process
    let logFile: URL
    let port: Int
    var pid: Int32 { process.processIdentifier }

    private init(process: Process, logFile: URL, port: Int) {
        self.process = process
        self.logFile = logFile
        self.port = port
    }

    /// `UNIONHALL_SERVER_BINARY`, or `unionhall` in the folder of the running test bundle
    /// (`swift build` puts every product of the package there).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["UNIONHALL_SERVER_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("unionhall")
    }

    /// Starts a server, runs `body`, and kills the server if it is still running afterwards.
    static func with<T>(databaseURL: String, environment: [String: String] = [:],
                        _ body: (ServerProcess) async throws -> T) async throws -> T {
        let server = try await start(databaseURL: databaseURL, environment: environment)
        do {
            let value = try await body(server)
            await server.kill()
            return value
        } catch {
            await server.kill()
            throw error
        }
    }

    static func start(databaseURL: String, environment: [String: String]) async throws -> ServerProcess {
        let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("unionhall-test-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let output = try FileHandle(forWritingTo: logFile)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve"]
        var variables = [
            "DATABASE_URL": databaseURL, "UNIONHALL_HOST": "127.0.0.1", "UNIONHALL_PORT": "0",
            // Two servers per test and ten tests' databases at once: keep within the cluster's connections.
            "UNIONHALL_DB_POOL_SIZE": "3", "UNIONHALL_BCRYPT_COST": "4", "UNIONHALL_LOG_LEVEL": "info",
            // Several servers at once: they would all want the default metrics port.
            "UNIONHALL_METRICS_PORT": "off",
        ]
        for name in ["PATH", "HOME", "LANG", "LD_LIBRARY_PATH"] {
            if let value = ProcessInfo.processInfo.environment[name] { variables[name] = value }
        }
        variables.merge(environment) { $1 }
        process.environment = variables
        process.standardOutput = output
        process.standardError = output
        try process.run()
        try? output.close()
        // The port the kernel chose, from Hummingbird's start-up line; then wait until ready.
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            if let match = log.firstMatch(of: /listening on [^\s]*:(\d+)/), let port = Int(match.1) {
                let server = ServerProcess(process: process, logFile: logFile, port: port)
                while ContinuousClock.now < deadline {
                    if await RawHTTP.send(port: port, "GET", "/readyz").status == 200 { return server }
                    try await Task.sleep(for: .milliseconds(50))
                }
                await server.kill()
                throw ServerProcessError.notReady(log: server.log)
            }
            if !process.isRunning { throw ServerProcessError.exited(status: process.terminationStatus, log: log) }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.interrupt()
        throw ServerProcessError.notReady(log: (try? String(contentsOf: logFile, encoding: .utf8)) ?? "")
    }

    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    func signal(_ signal: Int32) { Glibc.kill(pid, signal) }

    /// The exit status once the process ended, or nil if it still runs after `bound`.
    func exitStatus(within bound: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + bound
        while process.isRunning {
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
        guard process.terminationReason == .exit else { return -process.terminationStatus }
        return process.terminationStatus
    }

    /// SIGKILL if still running; removes the log.
    func kill() async {
        if process.isRunning {
            Glibc.kill(pid, SIGKILL)
            _ = await exitStatus(within: .seconds(10))
        }
        try? FileManager.default.removeItem(at: logFile)
    }
}

enum ServerProcessError: Error, CustomStringConvertible {
    case exited(status: Int32, log: String)
    case notReady(log: String)

    var description: String {
        switch self {
        case .exited(let status, let log): "unionhall exited with \(status) before serving:\n\(log)"
        case .notReady(let log): "unionhall did not become ready:\n\(log)"
        }
    }
}
