import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Prometheus
import Synchronization
import Testing
@testable import UnionAPI
import UnionDomain
import UnionTestSupport

/// `GET /metrics` on its own port, scraped over HTTP from a real server on ephemeral ports,
/// after real requests against a real database.
@Suite("Prometheus metrics")
struct MetricsEndpointTests {
    /// The port the metrics server bound, once it has.
    final class BoundPort: Sendable {
        private let port = Mutex<Int?>(nil)
        func set(_ value: Int) { port.withLock { $0 = value } }
        var value: Int? { port.withLock { $0 } }
    }

    static func scrape(port: Int) async throws -> (status: HTTPResponse.Status, contentType: String?, text: String) {
        try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            let response = try await client.get("/metrics")
            return (response.status, response.headers[.contentType], String(buffer: response.body ?? ByteBuffer()))
        }
    }

    /// The value of one series (`name{labels}` exactly as exposed), nil when absent.
    static func value(_ series: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    @Test func aScrapeShowsRequestsLatencyPoolDatabaseErrorsAndLogins() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let bound = BoundPort()
            let app = buildApplication(
                configuration: AppConfiguration(port: 0, databaseURL: database.conninfo(user: "unionhall_app"), bcryptCost: 4,
                                                authCacheTTL: .zero, metricsPort: 0),
                onMetricsServerRunning: { bound.set($0) }
            )
            try await app.test(.live) { client in
                let office = "/api/v1/offices/\(federation.branchA.id)"
                #expect(try await client.call(.get, office, token: federation.tokens["officer_a"]).status == .ok)
                #expect(try await client.call(.get, office, token: federation.tokens["officer_a"]).status == .ok)
                // A duplicate office code: a unique violation, SQLSTATE class 23.
                let duplicate = try await client.call(.post, "/api/v1/offices", token: federation.tokens["admin"], body: """
                    {"code": "guozhuangzi", "name": "又一个", "kind": "branch", "parent_id": "\(federation.area.id)"}
                    """)
                #expect(duplicate.status == .conflict)
                // Five wrong passwords lock the name; the sixth attempt is refused as locked.
                for _ in 0..<5 {
                    let failed = try await client.call(.post, "/api/v1/auth/login", body: #"{"username": "officer_b", "password": "wrong"}"#)
                    #expect(failed.status == .unauthorized)
                }
                let locked = try await client.call(.post, "/api/v1/auth/login", body: #"{"username": "officer_b", "password": "wrong"}"#)
                #expect(locked.status == .tooManyRequests)
                // Not on the API port, and an unknown path is one label, not its own series.
                try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/no/such/\(UUID())", method: .get) { #expect($0.status == .notFound) }

                let port = try #require(bound.value)
                let scrape = try await Self.scrape(port: port)
                #expect(scrape.status == .ok)
                #expect(scrape.contentType == "text/plain; version=0.0.4; charset=utf-8")
                let text = scrape.text

                let officeLabels = #"route="/api/v1/offices/{id}",method="GET",status="200""#
                #expect(Self.value("unionhall_http_requests_total{\(officeLabels)}", in: text) == 2)
                #expect(Self.value("unionhall_http_request_duration_seconds_count{\(officeLabels)}", in: text) == 2)
                #expect(Self.value("unionhall_http_request_duration_seconds_bucket{\(officeLabels),le=\"+Inf\"}", in: text) == 2)
                #expect(Self.value("unionhall_http_request_duration_seconds_bucket{\(officeLabels),le=\"0.001\"}", in: text) != nil)
                #expect(Self.value(#"unionhall_http_requests_total{route="/api/v1/offices",method="POST",status="409"}"#, in: text) == 1)
                #expect(Self.value(#"unionhall_http_requests_total{route="/api/v1/auth/login",method="POST",status="401"}"#, in: text) == 5)
                #expect(Self.value(#"unionhall_http_requests_total{route="/api/v1/auth/login",method="POST",status="429"}"#, in: text) == 1)
                #expect(Self.value(#"unionhall_http_requests_total{route="unmatched",method="GET",status="404"}"#, in: text) == 2)
                #expect(!text.contains("/no/such/"))

                #expect(Self.value("unionhall_db_pool_connections_max", in: text) == 8)
                #expect((Self.value("unionhall_db_pool_connections_open", in: text) ?? 0) >= 1)
                #expect(Self.value("unionhall_db_pool_connections_in_use", in: text) != nil)
                #expect(Self.value("unionhall_db_pool_waiting", in: text) == 0)
                #expect(Self.value("unionhall_db_batch_queued_units", in: text) == 0)
                #expect((Self.value("unionhall_db_flights_total", in: text) ?? 0) >= 1)
                #expect((Self.value("unionhall_db_flight_statements_count", in: text) ?? 0) >= 1)
                #expect(Self.value(#"unionhall_db_flight_statements_bucket{le="+Inf"}"#, in: text) != nil)

                #expect(Self.value(#"unionhall_db_errors_total{class="23"}"#, in: text) == 1)
                #expect(Self.value("unionhall_login_failures_total", in: text) == 5)
                #expect(Self.value("unionhall_login_lockouts_total", in: text) == 1)

                // Only /metrics is served there.
                let elsewhere = try await TestClient.withClient(host: "127.0.0.1", port: port) { metricsClient in
                    try await metricsClient.get("/api/v1/me").status
                }
                #expect(elsewhere == .notFound)
            }
        }
    }

    /// No UnionHall route streams today; one that does is counted once its last byte is written.
    @Test func aStreamedBodyIsRecordedOnceWritten() async throws {
        let registry = PrometheusCollectorRegistry()
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestMetricsMiddleware(metrics: RequestMetrics(factory: PrometheusMetricsFactory(registry: registry))))
        router.get("stream/:part") { _, _ in
            Response(status: .ok, body: ResponseBody { writer in
                #expect(!registry.emitToString().contains("unionhall_http_requests_total"))  // not before it is written
                try await writer.write(ByteBuffer(string: "one,"))
                try await writer.write(ByteBuffer(string: "two"))
                try await writer.finish(nil)
            })
        }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/stream/x", method: .get) { #expect(String(buffer: $0.body) == "one,two") }
        }
        let text = registry.emitToString()
        #expect(Self.value(#"unionhall_http_requests_total{route="/stream/{part}",method="GET",status="200"}"#, in: text) == 1)
        #expect(Self.value(#"unionhall_http_request_duration_seconds_count{route="/stream/{part}",method="GET",status="200"}"#, in: text) == 1)
    }

    @Test func withMetricsOffTheAPIAnswersAndNoMetricsServerStarts() async throws {
        try await TestDatabase.with { database in
            let bound = BoundPort()
            let app = buildApplication(
                configuration: AppConfiguration(port: 0, databaseURL: database.conninfo(user: "unionhall_app"), metricsPort: nil),
                onMetricsServerRunning: { bound.set($0) }
            )
            try await app.test(.live) { client in
                try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .notFound) }
            }
            #expect(bound.value == nil)
        }
    }

    @Test func theEnvironmentSetsTheMetricsAddressOrTurnsItOff() throws {
        let defaults = try AppConfiguration.fromEnvironment([:])
        #expect(defaults.metricsHost == "127.0.0.1")
        #expect(defaults.metricsPort == 9464)
        let set = try AppConfiguration.fromEnvironment(["UNIONHALL_METRICS_HOST": "0.0.0.0", "UNIONHALL_METRICS_PORT": "9100"])
        #expect(set.metricsHost == "0.0.0.0")
        #expect(set.metricsPort == 9100)
        #expect(try AppConfiguration.fromEnvironment(["UNIONHALL_METRICS_PORT": "off"]).metricsPort == nil)
        #expect(try AppConfiguration.fromEnvironment(["UNIONHALL_METRICS_PORT": "OFF"]).metricsPort == nil)
        for value in ["none", "0", "70000"] {
            #expect(throws: AppConfiguration.Error.self, "\(value)") {
                try AppConfiguration.fromEnvironment(["UNIONHALL_METRICS_PORT": value])
            }
        }
    }
}
