import CoreMetrics
import NIOCore
import PQ
import Prometheus
import Synchronization
import UnionStore

/// The server's metrics: the handles every part of the server records into, made once from a
/// registry the caller owns, and the scrape that renders them.
///
/// The server's entry bootstraps swift-metrics' global `MetricsSystem` with the same registry;
/// our own handles are made from an explicit factory instead, so a test that builds many
/// applications in one process gives each its own registry and reads only its own numbers.
final class ServerMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    let factory: any MetricsFactory
    let requests: RequestMetrics
    let logins: LoginMetrics
    private let flights: CoreMetrics.Counter
    private let flightStatements: CoreMetrics.Recorder
    private let databaseErrors: Mutex<[String: CoreMetrics.Counter]> = Mutex([:])
    private let poolGauges: PoolGauges

    init(registry: PrometheusCollectorRegistry) {
        var factory = PrometheusMetricsFactory(registry: registry)
        // An authenticated GET by id takes about a millisecond: the default buckets start at 5 ms.
        factory.durationHistogramBuckets[MetricNames.httpRequestDuration] = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
            .seconds(5), .seconds(10),
        ]
        // A flight carries at most `PQBatchQueue.maximumBatch` (64) units of a few statements each.
        factory.valueHistogramBuckets[MetricNames.flightStatements] = [1, 2, 4, 8, 16, 32, 64, 128, 256]
        self.registry = registry
        self.factory = factory
        requests = RequestMetrics(factory: factory)
        logins = LoginMetrics(factory: factory)
        flights = CoreMetrics.Counter(label: MetricNames.flights, factory: factory)
        flightStatements = CoreMetrics.Recorder(label: MetricNames.flightStatements, aggregate: true, factory: factory)
        poolGauges = PoolGauges(factory: factory)
    }

    /// What the pool reports: one counter step and one histogram observation per flight, and
    /// each database error by SQLSTATE class.
    var poolEvents: PQPoolEvents {
        let flights = self.flights
        let statements = flightStatements
        return PQPoolEvents(
            flightSent: { _, statementCount in
                flights.increment()
                statements.record(statementCount)
            },
            serverError: { [self] sqlStateClass in databaseErrorCounter(sqlStateClass).increment() }
        )
    }

    /// One counter per class; the classes are two characters, so at most a few dozen series.
    private func databaseErrorCounter(_ sqlStateClass: String) -> CoreMetrics.Counter {
        databaseErrors.withLock { counters in
            if let counter = counters[sqlStateClass] { return counter }
            let counter = CoreMetrics.Counter(label: MetricNames.databaseErrors, dimensions: [("class", sqlStateClass)], factory: factory)
            counters[sqlStateClass] = counter
            return counter
        }
    }

    /// The Prometheus text exposition of everything, with the pool's gauges read now: they
    /// cost nothing between scrapes.
    func scrape(pool: PQPool) -> ByteBuffer {
        poolGauges.record(pool.statistics)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 * 1024)
        registry.emit(into: &bytes)
        return ByteBuffer(bytes: bytes)
    }
}

/// The pool's occupancy, set at each scrape from `PQPool.statistics`.
private struct PoolGauges: Sendable {
    let maximum: CoreMetrics.Gauge
    let open: CoreMetrics.Gauge
    let inUse: CoreMetrics.Gauge
    let waiting: CoreMetrics.Gauge
    let queuedUnits: CoreMetrics.Gauge

    init(factory: any MetricsFactory) {
        maximum = CoreMetrics.Gauge(label: MetricNames.poolMaximumConnections, factory: factory)
        open = CoreMetrics.Gauge(label: MetricNames.poolOpenConnections, factory: factory)
        inUse = CoreMetrics.Gauge(label: MetricNames.poolConnectionsInUse, factory: factory)
        waiting = CoreMetrics.Gauge(label: MetricNames.poolWaiting, factory: factory)
        queuedUnits = CoreMetrics.Gauge(label: MetricNames.batchQueuedUnits, factory: factory)
    }

    func record(_ statistics: PQPoolStatistics) {
        maximum.record(statistics.maximumConnections)
        open.record(statistics.openConnections)
        inUse.record(statistics.connectionsInUse)
        waiting.record(statistics.waiting)
        queuedUnits.record(statistics.queuedUnits)
    }
}

/// Failed sign-ins, for spotting password guessing: wrong password or unknown user (401), and
/// attempts refused because the name is locked after repeated failures (429).
struct LoginMetrics: Sendable {
    let failures: CoreMetrics.Counter
    let lockouts: CoreMetrics.Counter

    init(factory: any MetricsFactory) {
        failures = CoreMetrics.Counter(label: MetricNames.loginFailures, factory: factory)
        lockouts = CoreMetrics.Counter(label: MetricNames.loginLockouts, factory: factory)
    }

    func record(_ refusal: AuthStore.LoginError) {
        switch refusal {
        case .invalidCredentials: failures.increment()
        case .locked: lockouts.increment()
        }
    }

    /// Records nothing (metrics off).
    static let none = LoginMetrics(factory: NOOPMetricsHandler.instance)
}
