import ArgumentParser
import CoreMetrics
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import Prometheus
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
                UNIONHALL_LOG_LEVEL (info), UNIONHALL_SHUTDOWN_GRACE_SECONDS (5), UNIONHALL_SHUTDOWN_SECONDS (25); \
                see the README for the rest.

                Stopping: on SIGTERM /readyz answers 503 at once while requests are still served for \
                UNIONHALL_SHUTDOWN_GRACE_SECONDS (so a proxy stops sending any); then the server stops \
                accepting, lets requests in flight finish for up to UNIONHALL_SHUTDOWN_SECONDS, closes its \
                database connections and exits 0. SIGINT (Ctrl-C) skips the grace period. A second signal, \
                or the end of UNIONHALL_SHUTDOWN_SECONDS, cancels the database statements still running (their \
                transactions roll back, their clients get 503), then whatever else still runs, and exits 1.

                Prometheus metrics: GET /metrics on a second port, UNIONHALL_METRICS_PORT (9464; `off` turns \
                metrics off), bound to UNIONHALL_METRICS_HOST (127.0.0.1). It asks for no token, so never \
                expose it where the API is exposed; the API port answers 404 for /metrics.
                """
        )

        func run() async throws {
            let configuration = try AppConfiguration.fromEnvironment()
            var logger = Logger(label: "unionhall")
            logger.logLevel = configuration.logLevel
            let registry = PrometheusCollectorRegistry()
            if configuration.metricsPort != nil {
                // Once per process, here and not in UnionAPI: tests build many applications,
                // each with its own registry. Libraries that record through the global
                // system then land on the same page as our own metrics.
                MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            }
            let readiness = Readiness()
            let (app, cancelStatements) = buildServer(configuration: configuration, readiness: readiness, metricsRegistry: registry)
            let server = GracefulServer(
                app: app, readiness: readiness, cancelStatements: cancelStatements,
                grace: configuration.shutdownGrace, timeout: configuration.shutdownTimeout, logger: logger)
            switch try await server.run() {
            case .drained, .stoppedUnasked: return
            case .forced, .abandoned: throw ExitCode(1)
            }
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
