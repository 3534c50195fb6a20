import Foundation
import HTTPTypes
import Testing
import PQ
import UnionDomain
import UnionStore
import UnionTestSupport

@Suite("Audit endpoint")
struct AuditEndpointTests {
    @Test func auditIsForAdminsAndAuditorsAndPages() async throws {
        try await withAPI { federation, client in
            try await expectUnauthenticated(client, federation, .get, "/api/v1/audit")
            for role in ["officer_a", "viewer_a", "reviewer"] {
                #expect(try await client.call(.get, "/api/v1/audit", token: federation.tokens[role]).status == .forbidden, "\(role)")
            }
            let first = try await client.call(.get, "/api/v1/audit?limit=3", token: federation.tokens["auditor"])
            #expect(first.status == .ok)
            #expect(first.items.count == 3)
            let next = try #require(first.object["next"] as? String)
            let second = try await client.call(.get, "/api/v1/audit?limit=3&after=\(next)", token: federation.tokens["auditor"])
            let firstIDs = first.items.compactMap { $0["id"] as? Int }
            let secondIDs = second.items.compactMap { $0["id"] as? Int }
            #expect(Set(firstIDs).isDisjoint(with: secondIDs))
            #expect((secondIDs.max() ?? .max) < (firstIDs.min() ?? 0))
            let filtered = try await client.call(.get, "/api/v1/audit?table=offices&row_id=\(federation.branchA.id)", token: federation.tokens["admin"])
            #expect(filtered.items.count == 1)
            #expect(filtered.items.first?["action"] as? String == "INSERT")
            #expect((filtered.items.first?["after"] as? [String: Any])?["code"] as? String == "guozhuangzi")
            // People read usernames and office codes, not UUIDs.
            #expect(filtered.items.first?["username"] as? String == "admin")
            #expect(filtered.items.first?["office_code"] as? String == "guozhuangzi")
            let byUser = try await client.call(.get, "/api/v1/audit?user_id=\(federation.admin.userID)&from=2000-01-01T00:00:00Z", token: federation.tokens["admin"])
            #expect(!byUser.items.isEmpty)
            let bad = try await client.call(.get, "/api/v1/audit?limit=0&from=yesterday&user_id=x", token: federation.tokens["admin"])
            #expect(bad.status == .unprocessableContent)
            #expect(Set(bad.fieldErrors) == ["limit", "from", "user_id"])
        }
    }
}
