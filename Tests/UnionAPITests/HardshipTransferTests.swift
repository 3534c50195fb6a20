import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// Transfers by office code, the open file moving with the worker, the history both sides read
/// (issue 10, item 6), and the hardship list's office filter and worker names (item 7).
@Suite("Hardship files across branches")
struct HardshipTransferTests {
    @Test func anOpenFileMovesWithItsWorker() async throws {
        try await withAPI { federation, client in
            try await federation.setDibao()
            let officerA = federation.tokens["officer_a"], officerB = federation.tokens["officer_b"]
            let worker = try await WorkerEndpointTests.register(client, officerA, serial: 340, name: "周红")
            let first = try await client.call(.post, "/api/v1/hardship-files", token: officerA, body: HardshipEndpointTests.fileBody(worker: worker))
            let closedID = try #require(first.object["id"] as? String)
            _ = try await client.call(.post, "/api/v1/hardship-files/\(closedID)/close", token: officerA, body: #"{"reason": "lifted"}"#)
            let open = try await client.call(.post, "/api/v1/hardship-files", token: officerA, body: HardshipEndpointTests.fileBody(worker: worker))
            let openID = try #require(open.object["id"] as? String)
            // Before the move B knows nothing of the worker, its files or its moves.
            #expect(try await client.call(.get, "/api/v1/workers/\(worker)/transfers", token: officerB).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/workers/\(worker)/transfers", token: officerA).items.isEmpty)

            let path = "/api/v1/workers/\(worker)/transfer"
            #expect(try await client.call(.post, path, token: officerA, body: #"{"to_office_code": "nowhere", "date": "2026-11-01", "reason": "搬家"}"#)
                .fieldErrors == ["to_office_code"])
            #expect(try await client.call(.post, path, token: officerA,
                                          body: #"{"to_office": "\#(federation.branchB.id)", "to_office_code": "lijiacun", "date": "2026-11-01", "reason": "搬家"}"#)
                .fieldErrors == ["to_office_code"])
            #expect(try await client.call(.post, path, token: officerB, body: #"{"to_office_code": "guozhuangzi", "date": "2026-11-01", "reason": "x"}"#)
                .status == .notFound)
            let moved = try await client.call(.post, path, token: officerA, body: #"{"to_office_code": "lijiacun", "date": "2026-11-01", "reason": "搬家"}"#)
            #expect(moved.status == .noContent)

            // The open file went along: A can't see or act on it, B can.
            #expect(try await client.call(.get, "/api/v1/hardship-files/\(openID)", token: officerA).status == .notFound)
            #expect(try await client.call(.post, "/api/v1/hardship-files/\(openID)/submit", token: officerA).status == .notFound)
            let atB = try await client.call(.get, "/api/v1/hardship-files/\(openID)", token: officerB)
            #expect(atB.object["office_id"] as? String == federation.branchB.id.description)
            #expect(atB.object["office_code"] as? String == "lijiacun")
            #expect(try await client.call(.post, "/api/v1/hardship-files/\(openID)/submit", token: officerB).object["status"] as? String == "submitted")
            // The closed file stays with the branch that filed it.
            let closed = try await client.call(.get, "/api/v1/hardship-files/\(closedID)", token: officerA)
            #expect(closed.object["office_id"] as? String == federation.branchA.id.description)
            #expect(try await client.call(.get, "/api/v1/hardship-files?office_id=\(federation.branchA.id)", token: officerA).items
                .compactMap { $0["id"] as? String } == [closedID])

            // Both sides read the move; each sees the user who made it only within its own scope.
            let fromA = try await client.call(.get, "/api/v1/workers/\(worker)/transfers", token: officerA)
            #expect(fromA.status == .ok)
            let row = try #require(fromA.items.first)
            #expect(fromA.items.count == 1)
            #expect(row["date"] as? String == "2026-11-01")
            #expect(row["from_office_code"] as? String == "guozhuangzi")
            #expect(row["to_office_code"] as? String == "lijiacun")
            #expect(row["to_office_name"] as? String == "李家村工会")
            #expect(row["reason"] as? String == "搬家")
            #expect(row["made_by"] as? String == "officer_a")
            let atBHistory = try await client.call(.get, "/api/v1/workers/\(worker)/transfers", token: officerB)
            #expect(atBHistory.items.first?["from_office_name"] as? String == "郭庄子村工会")
            #expect(atBHistory.items.first?["made_by"] == nil)
            #expect(try await client.call(.get, "/api/v1/workers/\(worker)/transfers", token: federation.tokens["admin"])
                .items.first?["made_by"] as? String == "officer_a")
        }
    }

    @Test func theListFiltersByOfficeAndNamesTheWorker() async throws {
        try await withAPI { federation, client in
            try await federation.setDibao()
            let officerA = federation.tokens["officer_a"], officerB = federation.tokens["officer_b"], admin = federation.tokens["admin"]
            let workerA = try await WorkerEndpointTests.register(client, officerA, serial: 350, name: "孙丽")
            let workerB = try await WorkerEndpointTests.register(client, officerB, serial: 351, name: "钱进")
            let fileA = try await client.call(.post, "/api/v1/hardship-files", token: officerA, body: HardshipEndpointTests.fileBody(worker: workerA))
            _ = try await client.call(.post, "/api/v1/hardship-files", token: officerB, body: HardshipEndpointTests.fileBody(worker: workerB))
            #expect(try await client.call(.get, "/api/v1/hardship-files", token: admin).items.count == 2)
            let onlyA = try await client.call(.get, "/api/v1/hardship-files?office_id=\(federation.branchA.id)", token: admin)
            #expect(onlyA.items.compactMap { $0["id"] as? String } == [try #require(fileA.object["id"] as? String)])
            #expect(onlyA.items.first?["worker_name"] as? String == "孙丽")
            #expect(onlyA.items.first?["office_code"] as? String == "guozhuangzi")
            #expect(try await client.call(.get, "/api/v1/hardship-files?office_id=\(federation.branchA.id)", token: officerB).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/hardship-files?office_id=\(UUID().uuidString.lowercased())", token: admin).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/hardship-files?office_id=abc", token: admin).status == .unprocessableContent)
            #expect(try await client.call(.get, "/api/v1/hardship-files?office_id=\(federation.branchB.id)", token: officerB).items
                .compactMap { $0["worker_name"] as? String } == ["钱进"])
        }
    }
}
