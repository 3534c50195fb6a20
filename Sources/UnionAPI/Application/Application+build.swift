import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PQ
import UnionDomain
import UnionStore

/// Builds the whole HTTP application from configuration, so tests run exactly what `serve` runs.
package func buildApplication(configuration: AppConfiguration) -> some ApplicationProtocol {
    var logger = Logger(label: "unionhall")
    logger.logLevel = configuration.logLevel
    let pool = PQPool(
        configuration: PQConfiguration(
            connectionString: configuration.databaseURL,
            applicationName: "unionhall",
            maximumConnections: configuration.databasePoolSize,
            maximumBatchingConnections: configuration.databaseReadConnections
        ),
        logger: logger
    )
    let database = Database(pool: pool, hasher: PasswordHasher(cost: configuration.bcryptCost))
    let (router, _) = buildRouter(database: database, principalCache: PrincipalCache(ttl: configuration.authCacheTTL))
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "unionhall"),
        logger: logger
    )
    // The pool starts first and stops last: requests drain before connections close.
    app.addServices(pool)
    return app
}

/// The router and the table of every API route it serves (for the OpenAPI test).
func buildRouter(database: Database, principalCache: PrincipalCache) -> (Router<UnionRequestContext>, RouteTable) {
    let router = Router(context: UnionRequestContext.self)
    router.add(middleware: EventLoopAffinityMiddleware())
    router.add(middleware: RequestIDMiddleware())
    HealthController(database: database).addRoutes(to: router)
    router.get("/openapi.yaml") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
    }
    let auth = AuthStore(database: database)
    let api = router.group("api/v1")
        .add(middleware: ProblemMiddleware())
        .add(middleware: AuthenticationMiddleware(auth: auth, cache: principalCache))
    let routes = RouteTable(group: api, prefix: "/api/v1")
    let users = UserStore(database: database)
    AuthController(auth: auth, users: users, cache: principalCache).addRoutes(to: routes)
    OfficeController(offices: OfficeStore(database: database)).addRoutes(to: routes)
    UserController(users: users).addRoutes(to: routes)
    AuditController(audit: AuditStore(database: database)).addRoutes(to: routes)
    WorkerController(workers: WorkerStore(database: database), importer: WorkerImport(database: database)).addRoutes(to: routes)
    HouseholdController(household: HouseholdStore(database: database)).addRoutes(to: routes)
    HardshipController(files: HardshipStore(database: database)).addRoutes(to: routes)
    return (router, routes)
}

/// The API routes as `(method, path)` pairs, for tests that compare them with the OpenAPI document.
package func apiEndpoints() -> [(method: String, path: String)] {
    let pool = PQPool(configuration: PQConfiguration(connectionString: "host=/nonexistent dbname=none", maximumConnections: 1))
    let (_, routes) = buildRouter(database: Database(pool: pool, hasher: PasswordHasher(cost: 4)), principalCache: PrincipalCache(ttl: .zero))
    return routes.endpoints.map { ($0.method.rawValue, $0.path) } + [("GET", "/healthz"), ("GET", "/readyz"), ("GET", "/openapi.yaml")]
}
