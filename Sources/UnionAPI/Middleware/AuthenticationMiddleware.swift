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
        guard let header = request.headers.firstValue(.authorization), header.hasPrefix("Bearer ") else {
            return try await next(request, context)
        }
        let token = Self.trimmed(header.utf8.dropFirst("Bearer ".utf8.count))
        var context = context
        var found = cache.principal(for: token)
        if found == nil, let principal = try await auth.authenticate(token: token) {
            cache.store(principal, for: token)
            found = principal
        }
        if let principal = found {
            context.principal = principal
            context.bearerToken = token
            // Formatted only if a line is written.
            context.logger[metadataKey: LogKeys.userID] = .stringConvertible(principal.userID)
            context.logger[metadataKey: LogKeys.officeID] = .stringConvertible(principal.officeID)
            context.logger[metadataKey: LogKeys.role] = .string(principal.role.rawValue)
        }
        return try await next(request, context)
    }

    /// The token without surrounding spaces or tabs (Foundation's `trimmingCharacters` costs
    /// more than the rest of this middleware).
    static func trimmed(_ bytes: Substring.UTF8View) -> String {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(Substring(bytes[first...last]))
    }
}
