import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import UnionAPI
import UnionTestSupport

/// Runs `body` with a federation in a fresh database and a client for the full application.
/// No principal cache by default: the tests check that revocation and expiry apply to the very
/// next request.
func withAPI(authCacheTTL: Duration = .zero, _ body: @escaping @Sendable (Federation, any TestClientProtocol) async throws -> Void) async throws {
    try await TestDatabase.with { database in
        let federation = try await Federation.make(database)
        let app = buildApplication(configuration: AppConfiguration(
            databaseURL: database.conninfo(user: "unionhall_app"), bcryptCost: 4, authCacheTTL: authCacheTTL))
        try await app.test(.router) { client in
            try await body(federation, client)
        }
    }
}

struct Reply {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let json: Any?

    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }
    var fieldErrors: [String] { (object["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? [] }
    var problemCode: String? { object["code"] as? String }
}

extension TestClientProtocol {
    /// Sends a request and checks the reply against the OpenAPI document (`ResponseContract`):
    /// every test that calls the API also tests the contract.
    func call(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, body: String? = nil,
              headers extra: HTTPFields = [:], sourceLocation: SourceLocation = #_sourceLocation) async throws -> Reply {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            let data = Data(response.body.readableBytesView)
            let path = String(uri.split(separator: "?", maxSplits: 1).first ?? "")
            let headers = Dictionary(response.headers.map { ($0.name.canonicalName, $0.value) }) { first, _ in first }
            for violation in ResponseContract.shared.violations(
                method: method.rawValue, path: path, status: Int(response.status.code), headers: headers, body: data) {
                Issue.record("contract: \(violation)", sourceLocation: sourceLocation)
            }
            let json = data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data)
            return Reply(status: response.status, headers: response.headers, json: json)
        }
    }
}

/// The checks every endpoint under /api/v1 gets: no token, a malformed token, an unknown one, an
/// expired one and a revoked one (both the area admin's, who could otherwise do anything) all
/// answer 401 with a problem body.
func expectUnauthenticated(_ client: some TestClientProtocol, _ federation: Federation, _ method: HTTPRequest.Method, _ uri: String,
                           body: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    for token in [nil, "garbage", "uh_notarealtoken", federation.expiredToken, federation.revokedToken] as [String?] {
        let reply = try await client.call(method, uri, token: token, body: body)
        #expect(reply.status == .unauthorized, "\(method) \(uri) token \(token ?? "none")", sourceLocation: sourceLocation)
        #expect(reply.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
    }
}
