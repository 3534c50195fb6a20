import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PQ
import Prometheus
import UnionDomain
import UnionStore

/// Builds the whole HTTP application from configuration, so tests run exactly what `serve` runs.
/// `readiness` is what a graceful stop withdraws (`GracefulServer`) to turn `/readyz` to 503.
///
/// With `configuration.metricsPort` set, requests, the pool, database errors and logins are
/// recorded into `metricsRegistry`, and a second server on that port answers `GET /metrics`
/// (`MetricsServer`); `onMetricsServerRunning` hears the port it bound (a test asks for port 0).
/// Without it nothing is recorded and no second port opens.
package func buildApplication(
    configuration: AppConfiguration,
    readiness: Readiness = Readiness(),
    metricsRegistry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    onMetricsServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    buildServer(configuration: configuration, readiness: readiness, metricsRegistry: metricsRegistry,
                onMetricsServerRunning: onMetricsServerRunning).app
}

/// The application, and a door to its connection pool for `serve`: a forced stop cancels the
/// statements still running while the application runs (`GracefulServer`).
package func buildServer(
    configuration: AppConfiguration,
    readiness: Readiness,
    metricsRegistry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    onMetricsServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) -> (app: some ApplicationProtocol, cancelStatements: @Sendable () async -> Void) {
    var logger = Logger(label: "unionhall")
    logger.logLevel = configuration.logLevel
    let metrics = configuration.metricsPort.map { _ in ServerMetrics(registry: metricsRegistry) }
    let pool = PQPool(
        configuration: PQConfiguration(
            connectionString: configuration.databaseURL,
            applicationName: "unionhall",
            maximumConnections: configuration.databasePoolSize,
            maximumBatchingConnections: configuration.databaseReadConnections
        ),
        logger: logger,
        events: metrics?.poolEvents ?? .none
    )
    let database = Database(pool: pool, hasher: PasswordHasher(cost: configuration.bcryptCost))
    let router = buildRouter(database: database, principalCache: PrincipalCache(ttl: configuration.authCacheTTL), readiness: readiness,
                             metrics: metrics)
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "unionhall"),
        logger: logger
    )
    // The pool starts first and stops last: requests drain before connections close.
    app.addServices(pool)
    if let metrics, let port = configuration.metricsPort {
        app.addServices(MetricsServer.build(metrics: metrics, pool: pool, host: configuration.metricsHost, port: port,
                                            logger: logger, onServerRunning: onMetricsServerRunning))
    }
    return (app, { await pool.cancelRunningStatements() })
}

/// Every route of the server. Routes under `/api/v1` other than login live in a group whose
/// context is `AuthenticatedContext`: Hummingbird builds it only when authentication found a
/// principal, so those handlers can't run for an anonymous caller.
func buildRouter(database: Database, principalCache: PrincipalCache, readiness: Readiness = Readiness(),
                 metrics: ServerMetrics? = nil) -> Router<UnionRequestContext> {
    let router = Router(context: UnionRequestContext.self)
    let allowed = AllowedMethods()
    if let metrics { router.add(middleware: RequestMetricsMiddleware(metrics: metrics.requests)) }
    router.add(middleware: EventLoopAffinityMiddleware())
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: MethodNotAllowedMiddleware(allowed: allowed))
    HealthController(database: database, readiness: readiness).addRoutes(to: router)
    OpenAPIController().addRoutes(to: router)
    let auth = AuthStore(database: database)
    let api = router.group("api/v1")
        .add(middleware: AuthenticationMiddleware(auth: auth, cache: principalCache))
    let signedIn = api.group(context: AuthenticatedContext.self)
    let users = UserStore(database: database)
    AuthController(auth: auth, users: users, cache: principalCache, metrics: metrics?.logins ?? .none)
        .addRoutes(public: api, authenticated: signedIn)
    OfficeController(offices: OfficeStore(database: database)).addRoutes(to: signedIn)
    UserController(users: users).addRoutes(to: signedIn)
    AuditController(audit: AuditStore(database: database)).addRoutes(to: signedIn)
    WorkerController(workers: WorkerStore(database: database), importer: WorkerImport(database: database)).addRoutes(to: signedIn)
    HouseholdController(household: HouseholdStore(database: database)).addRoutes(to: signedIn)
    HardshipController(files: HardshipStore(database: database)).addRoutes(to: signedIn)
    // Aid (issue 11): funds and their ledger, programs, cases.
    FundController(funds: FundStore(database: database)).addRoutes(to: signedIn)
    AidProgramController(programs: AidProgramStore(database: database)).addRoutes(to: signedIn)
    AidCaseController(cases: AidCaseStore(database: database)).addRoutes(to: signedIn)
    EnterpriseActivityRoutes.add(to: signedIn, database: database)
    InsuranceRoutes.add(to: signedIn, database: database)
    // Reporting (issue 14): the annual summary, scoped to the caller.
    ReportController(reports: AnnualReportStore(database: database), today: { CalendarDate.today() }).addRoutes(to: signedIn)
    allowed.record(router.routes)
    return router
}

/// Every route as `(method, path)` with OpenAPI's `{name}` parameters, taken from the router
/// itself (for tests that hold the OpenAPI document and the matrices to what is served). The
/// pool it builds the router with never connects, and is closed (with its threads) before returning.
package func apiEndpoints() async -> [(method: String, path: String)] {
    let pool = PQPool(configuration: PQConfiguration(connectionString: "host=/nonexistent dbname=none", maximumConnections: 1))
    let router = buildRouter(database: Database(pool: pool, hasher: PasswordHasher(cost: 4)), principalCache: PrincipalCache(ttl: .zero))
    await pool.close()
    return router.routes.map { ($0.method.rawValue, RoutePath.openAPI($0.path.description)) }
}

/// Route paths as Hummingbird writes them (`/workers/:id`) and as OpenAPI does (`/workers/{id}`).
enum RoutePath {
    static func openAPI(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { part in
            part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
