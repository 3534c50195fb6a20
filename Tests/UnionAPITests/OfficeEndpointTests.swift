import Foundation
import HTTPTypes
import Testing
import PQ
import UnionDomain
import UnionStore
import UnionTestSupport

@Suite("Office endpoints")
struct OfficeEndpointTests {
    @Test func listShowsOnlyWhatTheCallerMaySee() async throws {
        try await withAPI { federation, client in
            try await expectUnauthenticated(client, federation, .get, "/api/v1/offices")
            let officer = try await client.call(.get, "/api/v1/offices", token: federation.tokens["officer_a"])
            #expect(officer.status == .ok)
            #expect(officer.items.compactMap { $0["code"] as? String } == ["guozhuangzi"])
            #expect(officer.object.keys.contains("next"))
            let reviewer = try await client.call(.get, "/api/v1/offices", token: federation.tokens["reviewer"])
            #expect(Set(reviewer.items.compactMap { $0["code"] as? String }) == ["area", "guozhuangzi", "lijiacun"])
        }
    }

    @Test func getAnotherBranchIsNotFound() async throws {
        try await withAPI { federation, client in
            let uri = "/api/v1/offices/\(federation.branchB.id)"
            try await expectUnauthenticated(client, federation, .get, uri)
            #expect(try await client.call(.get, uri, token: federation.tokens["officer_a"]).status == .notFound)
            #expect(try await client.call(.get, uri, token: federation.tokens["viewer_a"]).status == .notFound)
            #expect(try await client.call(.get, uri, token: federation.tokens["officer_b"]).status == .ok)
            #expect(try await client.call(.get, uri, token: federation.tokens["auditor"]).status == .ok)
            let malformed = try await client.call(.get, "/api/v1/offices/not-a-uuid", token: federation.tokens["admin"])
            #expect(malformed.status == .notFound)
            let unknown = try await client.call(.get, "/api/v1/offices/\(UUID())", token: federation.tokens["admin"])
            #expect(unknown.status == .notFound)
        }
    }

    @Test func createIsForAreaAdminsAndValidates() async throws {
        try await withAPI { federation, client in
            let body = #"{"code": "zhangjiawan", "name": "张家湾村工会", "parent_id": "\#(federation.area.id)"}"#
            try await expectUnauthenticated(client, federation, .post, "/api/v1/offices", body: body)
            for role in ["officer_a", "viewer_a", "reviewer", "auditor"] {
                #expect(try await client.call(.post, "/api/v1/offices", token: federation.tokens[role], body: body).status == .forbidden, "\(role)")
            }
            let before = try await officeCount(federation)
            let invalid = try await client.call(.post, "/api/v1/offices", token: federation.tokens["admin"],
                                                body: #"{"code": "Bad Code", "name": "", "kind": "village"}"#)
            #expect(invalid.status == .unprocessableContent)
            #expect(Set(invalid.fieldErrors) == ["code", "name", "kind", "parent_id"])
            let malformed = try await client.call(.post, "/api/v1/offices", token: federation.tokens["admin"], body: "[1, 2")
            #expect(malformed.status == .unprocessableContent)
            let wrongType = try await client.call(.post, "/api/v1/offices", token: federation.tokens["admin"], body: #"{"code": 42}"#)
            #expect(wrongType.status == .unprocessableContent)
            #expect(wrongType.fieldErrors == ["code"])
            let unknownParent = try await client.call(.post, "/api/v1/offices", token: federation.tokens["admin"],
                                                      body: #"{"code": "x-branch", "name": "某村", "parent_id": "\#(UUID())"}"#)
            #expect(unknownParent.status == .notFound)
            let underBranch = try await client.call(.post, "/api/v1/offices", token: federation.tokens["admin"],
                                                    body: #"{"code": "x-branch", "name": "某村", "parent_id": "\#(federation.branchA.id)"}"#)
            #expect(underBranch.status == .unprocessableContent)
            #expect(try await officeCount(federation) == before)

            let created = try await client.call(.post, "/api/v1/offices", token: federation.tokens["admin"], body: body)
            #expect(created.status == .created)
            #expect(created.object["code"] as? String == "zhangjiawan")
            #expect(created.object["kind"] as? String == "branch")
            let duplicate = try await client.call(.post, "/api/v1/offices", token: federation.tokens["admin"], body: body)
            #expect(duplicate.status == .conflict)
            #expect(duplicate.problemCode == "duplicate_office_code")
            #expect(try await officeCount(federation) == before + 1)
        }
    }

    func officeCount(_ federation: Federation) async throws -> Int {
        try await federation.testDatabase.ownerPool.query("SELECT count(*) FROM offices").scalar(Int.self) ?? -1
    }
}
