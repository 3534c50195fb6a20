import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import UnionDomain
import UnionStore

/// Resolves `Authorization: Bearer …` to a principal (through `PrincipalCache`). A missing,
/// unknown, expired or revoked token leaves the principal empty; handlers that need one answer 401.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = UnionRequestContext
    let auth: AuthStore
    let cache: PrincipalCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            return try await next(request, context)
        }
        let token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        var context = context
        var found = cache.principal(for: token)
        if found == nil, let principal = try await auth.authenticate(token: token) {
            cache.store(principal, for: token)
            found = principal
        }
        if let principal = found {
            context.principal = principal
            context.bearerToken = token
            context.logger[metadataKey: LogKeys.userID] = .string(principal.userID.description)
            context.logger[metadataKey: LogKeys.officeID] = .string(principal.officeID.description)
            context.logger[metadataKey: LogKeys.role] = .string(principal.role.rawValue)
        }
        return try await next(request, context)
    }
}
