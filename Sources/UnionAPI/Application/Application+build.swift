import Hummingbird
import Logging
import PQ
import UnionStore

/// Builds the whole HTTP application from configuration, so tests run exactly what `serve` runs.
package func buildApplication(configuration: AppConfiguration) -> some ApplicationProtocol {
    var logger = Logger(label: "unionhall")
    logger.logLevel = configuration.logLevel
    let pool = PQPool(
        configuration: PQConfiguration(
            connectionString: configuration.databaseURL,
            applicationName: "unionhall",
            maximumConnections: configuration.databasePoolSize
        ),
        logger: logger
    )
    let database = Database(pool: pool)
    let router = buildRouter(database: database)
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "unionhall"),
        logger: logger
    )
    // The pool starts first and stops last: requests drain before connections close.
    app.addServices(pool)
    return app
}

package func buildRouter(database: Database) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    HealthController(database: database).addRoutes(to: router)
    return router
}
