/// Every metric the server exports, by its Prometheus name, in one place (the README lists
/// them too). Counters end in `_total`; durations are in seconds.
enum MetricNames {
    static let httpRequests = "unionhall_http_requests_total"
    static let httpRequestDuration = "unionhall_http_request_duration_seconds"
    static let poolMaximumConnections = "unionhall_db_pool_connections_max"
    static let poolOpenConnections = "unionhall_db_pool_connections_open"
    static let poolConnectionsInUse = "unionhall_db_pool_connections_in_use"
    static let poolWaiting = "unionhall_db_pool_waiting"
    static let batchQueuedUnits = "unionhall_db_batch_queued_units"
    static let flights = "unionhall_db_flights_total"
    static let flightStatements = "unionhall_db_flight_statements"
    static let databaseErrors = "unionhall_db_errors_total"
    static let loginFailures = "unionhall_login_failures_total"
    static let loginLockouts = "unionhall_login_lockouts_total"

    /// The `route` label of a request that matched no route: raw paths would be unbounded.
    static let unmatchedRoute = "unmatched"
}
