import ArgumentParser
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import UnionAPI

/// The UnionHall server. Configuration comes from the environment (see README).
struct UnionHall: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unionhall",
        abstract: "The UnionHall back-office server.",
        subcommands: [Serve.self],
        defaultSubcommand: Serve.self
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the HTTP API until SIGTERM or SIGINT, then drain and stop.",
            discussion: """
                Environment: DATABASE_URL (libpq URI for the unionhall_app role), UNIONHALL_HOST \
                (127.0.0.1), UNIONHALL_PORT (8080), UNIONHALL_DB_POOL_SIZE (8), UNIONHALL_DB_READ_CONNECTIONS (1), \
                UNIONHALL_LOG_LEVEL (info); see the README for the rest.
                """
        )

        func run() async throws {
            let configuration = try AppConfiguration.fromEnvironment()
            try await buildApplication(configuration: configuration).runService()
        }
    }
}

@main
enum Entry {
    static func main() async {
        // First, on the main thread: Swift concurrency's jobs then run on the event loops that
        // read and write the sockets, instead of hopping to a second thread pool and back for
        // every request.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        LoggingSystem.bootstrap { label in LineLogHandler(label: label) }
        await UnionHall.main(nil)
    }
}
