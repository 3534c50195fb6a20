import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import UnionDomain

/// Registers routes and remembers them, so a test can hold the OpenAPI document to every
/// route the server really serves.
final class RouteTable: @unchecked Sendable {
    // @unchecked: written only while the router is built (one task), read afterwards.
    private(set) var endpoints: [(method: HTTPRequest.Method, path: String)] = []
    let group: RouterGroup<UnionRequestContext>
    let prefix: String

    init(group: RouterGroup<UnionRequestContext>, prefix: String) {
        self.group = group
        self.prefix = prefix
    }

    /// `path` uses `{name}` for parameters, as OpenAPI does.
    func add<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method,
        _ path: String,
        _ handler: @escaping @Sendable (Request, UnionRequestContext) async throws -> Output
    ) {
        endpoints.append((method, prefix + (path.isEmpty ? "" : "/" + path)))
        let routerPath = path.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : String(part)
        }.joined(separator: "/")
        group.on(RouterPath(routerPath), method: method, use: handler)
    }
}
