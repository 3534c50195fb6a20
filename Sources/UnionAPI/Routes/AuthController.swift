import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import UnionDomain
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | POST | /api/v1/auth/login | anyone | 200, 401 (one answer for unknown user and wrong password), 422, 429 (locked) |
/// | POST | /api/v1/auth/logout | signed in | 204, 401 |
/// | GET | /api/v1/me | signed in | 200, 401 |
struct AuthController {
    let auth: AuthStore
    let users: UserStore
    let cache: PrincipalCache
    let metrics: LoginMetrics

    /// Login needs no principal; the rest do.
    func addRoutes(public routes: RouterGroup<UnionRequestContext>, authenticated: RouterGroup<AuthenticatedContext>) {
        routes.post("auth/login", use: login)
        authenticated.post("auth/logout", use: logout)
        authenticated.get("me", use: me)
    }

    struct LoginRequest: Decodable {
        let username: String?
        let password: String?
    }

    struct LoginResponse: ResponseEncodable {
        let token: String
        let tokenType = "Bearer"
        let expiresAt: Date
    }

    @Sendable func login(_ request: Request, context: UnionRequestContext) async throws -> LoginResponse {
        var request = request
        let body = try await request.decodeJSON(LoginRequest.self, context: context)
        var validator = Validator()
        let username = validator.text(body.username, field: "username", max: 40)
        let password = validator.text(body.password, field: "password", max: 200)
        try validator.finish()
        let session: AuthStore.Session
        do {
            session = try await auth.login(username: username ?? "", password: password ?? "")
        } catch let error as AuthStore.LoginError {
            metrics.record(error)
            throw error
        }
        return LoginResponse(token: session.token, expiresAt: session.expiresAt)
    }

    @Sendable func logout(_ request: Request, context: AuthenticatedContext) async throws -> HTTPResponse.Status {
        // Revoke first, then forget: evicting before the revoke commits would let a request in
        // between find the token still valid and cache it again. The cache also refuses to
        // remember a token it has seen revoked, for as long as an entry could live.
        try await auth.logout(context.principal, token: context.bearerToken)
        cache.revoke(context.bearerToken)
        return .noContent
    }

    @Sendable func me(_ request: Request, context: AuthenticatedContext) async throws -> UserDTO {
        let principal = context.principal
        return UserDTO(try await users.get(principal, id: principal.userID))
    }
}
