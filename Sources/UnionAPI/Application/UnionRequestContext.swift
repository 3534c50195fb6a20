import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import UnionDomain

/// Per-request state before authentication: the principal the authentication middleware found
/// (if any) and the bearer token it came with. Only routes that need no principal (login) take
/// this context; every other route takes `AuthenticatedContext`, which can't exist without one.
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

    var requestDecoder: JSONDecoder { APIRequestDecoder.json }
    var responseEncoder: APIResponseEncoder { APIResponseEncoder() }
}

/// The context of every route under `/api/v1` that needs a signed-in caller. Hummingbird builds
/// it from `UnionRequestContext` through the throwing `init(context:)`, which answers 401 when
/// authentication found no principal: a handler taking this context can't forget the check,
/// because without a principal it is never called.
struct AuthenticatedContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let principal: Principal
    /// Kept only so logout can revoke it; never logged.
    let bearerToken: String

    init(context: UnionRequestContext) throws {
        guard let principal = context.principal, let bearerToken = context.bearerToken else { throw Problem.unauthorized }
        coreContext = context.coreContext
        self.principal = principal
        self.bearerToken = bearerToken
    }

    var requestDecoder: JSONDecoder { APIRequestDecoder.json }
    var responseEncoder: APIResponseEncoder { APIResponseEncoder() }
}

/// How every JSON request body is read: snake_case keys, ISO 8601 times.
enum APIRequestDecoder {
    static var json: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
