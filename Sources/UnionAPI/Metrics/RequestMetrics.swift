import CoreMetrics
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Request counts and latencies by route template, method and status.
///
/// The handles for each (route, method, status) are made once and kept: after the first
/// request of a kind, recording one costs a dictionary lookup under a lock, a counter step and
/// a histogram observation, with no allocation for the labels.
final class RequestMetrics: Sendable {
    struct Key: Hashable, Sendable {
        /// Hummingbird's route path (`/api/v1/workers/:id`); nil, or a marker without a
        /// leading slash (its not-found responder writes `NotFound`), when no route matched.
        let route: String?
        let method: HTTPRequest.Method
        let status: Int
    }

    struct Handles: Sendable {
        let requests: Counter
        let duration: Timer
    }

    private let factory: any MetricsFactory
    private let handles: Mutex<[Key: Handles]> = Mutex([:])

    init(factory: any MetricsFactory) { self.factory = factory }

    func record(route: String?, method: HTTPRequest.Method, status: HTTPResponse.Status, nanoseconds: Int64) {
        let handles = handles(for: Key(route: route, method: method, status: status.code))
        handles.requests.increment()
        handles.duration.recordNanoseconds(nanoseconds)
    }

    private func handles(for key: Key) -> Handles {
        if let found = handles.withLock({ $0[key] }) { return found }
        // Made outside the lock: the registry takes its own, and a rare race only makes a
        // second handle for the same series (the registry returns the existing one).
        let labels = [
            ("route", key.route.flatMap { $0.hasPrefix("/") ? RoutePath.openAPI($0) : nil } ?? MetricNames.unmatchedRoute),
            ("method", key.method.rawValue),
            ("status", String(key.status)),
        ]
        let made = Handles(
            requests: Counter(label: MetricNames.httpRequests, dimensions: labels, factory: factory),
            duration: Timer(label: MetricNames.httpRequestDuration, dimensions: labels, factory: factory)
        )
        return handles.withLock { handles in
            if let found = handles[key] { return found }
            handles[key] = made
            return made
        }
    }
}

/// Records each request in `RequestMetrics`. The outermost middleware: it sees the status the
/// client gets, problem answers included.
///
/// A body of known length (a JSON reply, a problem, nothing) is already complete when the
/// handler returns: the request is recorded then, and the body is left as it is, because
/// Hummingbird sends such a body with its head in one write and a wrapped body would take
/// three. A streamed body (a list, a CSV export: no length) is wrapped so that its request is
/// recorded once the last byte is written, counting the whole stream.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: RequestMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = NIODeadline.now()
        let method = request.method
        do {
            var response = try await next(request, context)
            let status = response.status
            // Read after routing: Hummingbird keeps the matched route's path in a box that
            // every copy of the context shares.
            let route = context.endpointPath
            guard response.body.contentLength == nil else {
                metrics.record(route: route, method: method, status: status, nanoseconds: (NIODeadline.now() - start).nanoseconds)
                return response
            }
            let body = response.body
            response.body = ResponseBody { [metrics] writer in
                do {
                    try await body.write(writer)
                } catch {
                    metrics.record(route: route, method: method, status: status, nanoseconds: (NIODeadline.now() - start).nanoseconds)
                    throw error
                }
                metrics.record(route: route, method: method, status: status, nanoseconds: (NIODeadline.now() - start).nanoseconds)
            }
            return response
        } catch {
            // Only what got past ProblemMiddleware: Hummingbird answers it with its status or 500.
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            metrics.record(route: context.endpointPath, method: method, status: status, nanoseconds: (NIODeadline.now() - start).nanoseconds)
            throw error
        }
    }
}
