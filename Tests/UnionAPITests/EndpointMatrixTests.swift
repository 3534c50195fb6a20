import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import UnionAPI
import UnionTestSupport

/// Every route the server serves, taken from the router itself, so a new endpoint can't skip
/// the two checks that need no fixture: 401 without a valid token, 403 for a read-only role.
@Suite("Endpoint matrix")
struct EndpointMatrixTests {
    static let open: Set<String> = ["POST /api/v1/auth/login", "GET /healthz", "GET /readyz", "GET /openapi.yaml"]

    static func concrete(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") ? UUID().uuidString.lowercased() : String(part)
        }.joined(separator: "/")
    }

    @Test func everyProtectedEndpointAnswers401WithoutAValidToken() async throws {
        try await withAPI { federation, client in
            for endpoint in await apiEndpoints() where !Self.open.contains("\(endpoint.method) \(endpoint.path)") {
                let method = HTTPRequest.Method(endpoint.method) ?? .get
                try await expectUnauthenticated(client, federation, method, Self.concrete(endpoint.path), body: "{}")
            }
        }
    }

    @Test func everyWriteIsForbiddenToABranchViewer() async throws {
        try await withAPI { federation, client in
            let writes = await apiEndpoints().filter { $0.method != "GET" && $0.path != "/api/v1/auth/login" && $0.path != "/api/v1/auth/logout" }
            #expect(writes.count >= 15)
            for endpoint in writes {
                let method = HTTPRequest.Method(endpoint.method) ?? .post
                let reply = try await client.call(method, Self.concrete(endpoint.path), token: federation.tokens["viewer_a"], body: "{}")
                #expect(reply.status == .forbidden, "\(endpoint.method) \(endpoint.path)")
                #expect(reply.headers[.contentType] == "application/problem+json")
            }
        }
    }
}
