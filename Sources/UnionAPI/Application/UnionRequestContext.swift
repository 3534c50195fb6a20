import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import UnionDomain

/// Per-request state: the principal the authentication middleware found (if any) and the
/// bearer token it came with (kept only so logout can revoke it; never logged).
struct UnionRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var principal: Principal?
    var bearerToken: String?
    /// The loop that owns the request's connection.
    let eventLoop: any EventLoop

    init(source: Source) {
        coreContext = .init(source: source)
        eventLoop = source.channel.eventLoop
    }

    /// The signed-in principal, or a 401 problem.
    func requirePrincipal() throws -> Principal {
        guard let principal else { throw Problem.unauthorized }
        return principal
    }

    var requestDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    var responseEncoder: APIResponseEncoder { APIResponseEncoder() }
}
