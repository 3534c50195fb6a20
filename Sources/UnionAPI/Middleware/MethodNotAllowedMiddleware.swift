import HTTPTypes
import Hummingbird
import Synchronization

/// The methods served at each route path, filled in once the router is built.
final class AllowedMethods: Sendable {
    private let table = Mutex<[(segments: [Substring], methods: [HTTPRequest.Method])]>([])

    func record(_ routes: [Router<UnionRequestContext>.RouteDescription]) {
        var byPath: [String: [HTTPRequest.Method]] = [:]
        for route in routes { byPath[route.path.description, default: []].append(route.method) }
        let rows = byPath.map { path, methods in
            (segments: path.split(separator: "/"), methods: methods.sorted { $0.rawValue < $1.rawValue })
        }
        table.withLock { $0 = rows }
    }

    /// The methods served at `path` (a concrete request path), or nil when no route has that
    /// path at all. Like the router, a constant segment wins over a parameter
    /// (`/workers/import` is not `/workers/{id}`).
    func methods(for path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/")
        return table.withLock { table in
            table.filter { row in
                row.segments.count == segments.count
                    && zip(row.segments, segments).allSatisfy { pattern, segment in Self.isParameter(pattern) || pattern == segment }
            }.max { Self.constants($0.segments) < Self.constants($1.segments) }?.methods
        }
    }

    private static func isParameter(_ segment: Substring) -> Bool { segment.hasPrefix(":") || segment.hasPrefix("{") }
    private static func constants(_ segments: [Substring]) -> Int { segments.filter { !isParameter($0) }.count }
}

/// Hummingbird answers a known path with an unknown method (TRACE, or DELETE where only GET is
/// served) as if the path did not exist. HTTP wants 405 with `Allow` listing what is served.
/// Sits inside `ProblemMiddleware`, which writes the answer.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = UnionRequestContext
    let allowed: AllowedMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let methods = allowed.methods(for: request.uri.path), !methods.contains(request.method) else { throw error }
            var problem = Problem.methodNotAllowed
            problem.allow = methods.map(\.rawValue).joined(separator: ", ")
            throw problem
        }
    }
}
