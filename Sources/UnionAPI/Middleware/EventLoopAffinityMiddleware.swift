import Hummingbird
import NIOCore

/// Runs the rest of the request on its connection's event loop (`EventLoopTaskExecutor`).
struct EventLoopAffinityMiddleware: RouterMiddleware {
    typealias Context = UnionRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await withTaskExecutorPreference(EventLoopTaskExecutor.of(context.eventLoop)) {
            try await next(request, context)
        }
    }
}
