import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PQ

/// The second HTTP server: `GET /metrics` and nothing else, on its own address
/// (`UNIONHALL_METRICS_HOST`:`UNIONHALL_METRICS_PORT`, loopback by default). It carries no
/// API token because it never shares a port with the API: whoever can reach it is meant to.
enum MetricsServer {
    /// Prometheus' text exposition format.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    static func build(
        metrics: ServerMetrics,
        pool: PQPool,
        host: String,
        port: Int,
        logger: Logger,
        onServerRunning: @escaping @Sendable (_ port: Int) async -> Void
    ) -> some ApplicationProtocol {
        let router = Router(context: BasicRequestContext.self)
        router.get("metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: contentType],
                body: ResponseBody(byteBuffer: metrics.scrape(pool: pool))
            )
        }
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "unionhall-metrics"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }
}
