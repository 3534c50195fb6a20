import Foundation
import HTTPTypes
import HummingbirdTesting
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

@Suite("Worker endpoints")
struct WorkerEndpointTests {
    static func body(_ serial: Int, name: String = "王芳", extra: String = "") -> String {
        #"{"name": "\#(name)", "id_number": "\#(TestIDNumbers.make(serial: serial))", "phone": "13800138000"\#(extra)}"#
    }

    static func register(_ client: some TestClientProtocol, _ token: String?, serial: Int, name: String = "王芳") async throws -> String {
        let reply = try await client.call(.post, "/api/v1/workers", token: token, body: body(serial, name: name))
        #expect(reply.status == .created)
        return try #require(reply.object["id"] as? String)
    }

    @Test func registerGetAndPatch() async throws {
        try await withAPI { federation, client in
            let created = try await client.call(.post, "/api/v1/workers", token: federation.tokens["officer_a"], body: Self.body(1))
            #expect(created.status == .created)
            #expect(created.object["office_id"] as? String == federation.branchA.id.description)
            #expect(created.object["sex"] as? String == "female")
            #expect(created.object["birth_date"] as? String == "1980-01-01")
            let id = try #require(created.object["id"] as? String)
            let fetched = try await client.call(.get, "/api/v1/workers/\(id)", token: federation.tokens["officer_a"])
            #expect(fetched.object["id_number"] as? String == TestIDNumbers.make(serial: 1))
            let patched = try await client.call(.patch, "/api/v1/workers/\(id)", token: federation.tokens["officer_a"],
                                                body: #"{"occupation": "保洁员", "membership_status": "retired"}"#)
            #expect(patched.status == .ok)
            #expect(patched.object["occupation"] as? String == "保洁员")
            #expect(patched.object["membership_status"] as? String == "retired")
            #expect(patched.object["name"] as? String == "王芳")
            let bad = try await client.call(.patch, "/api/v1/workers/\(id)", token: federation.tokens["officer_a"], body: #"{"phone": "12"}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.fieldErrors == ["phone"])
        }
    }

    @Test func invalidInputWritesNothing() async throws {
        try await withAPI { federation, client in
            let cases: [(String, Set<String>)] = [
                (#"{"name": "王芳", "id_number": "110105198001010021"}"#, ["id_number"]),  // wrong check digit
                (#"{"name": "王芳", "id_number": "\#(TestIDNumbers.make(serial: 2))", "sex": "male"}"#, ["sex"]),
                (#"{"name": "王芳", "id_number": "\#(TestIDNumbers.make(serial: 3))", "birth_date": "1980-01-02"}"#, ["birth_date"]),
                (#"{"name": "", "phone": "abc"}"#, ["name", "id_number", "phone"]),
                (#"{"name": 7}"#, ["name"]),
                ("not json", ["body"]),
            ]
            for (body, fields) in cases {
                let reply = try await client.call(.post, "/api/v1/workers", token: federation.tokens["officer_a"], body: body)
                #expect(reply.status == .unprocessableContent, "\(body)")
                #expect(Set(reply.fieldErrors) == fields, "\(body)")
            }
            let areaWithoutOffice = try await client.call(.post, "/api/v1/workers", token: federation.tokens["admin"], body: Self.body(4))
            #expect(areaWithoutOffice.fieldErrors == ["office_id"])
            #expect(try await federation.testDatabase.ownerPool.query("SELECT count(*) FROM workers").scalar(Int.self) == 0)
        }
    }

    @Test func oneIDNumberInTheWholeAreaAndTheConflictNamesNoOffice() async throws {
        try await withAPI { federation, client in
            _ = try await Self.register(client, federation.tokens["officer_a"], serial: 5)
            let again = try await client.call(.post, "/api/v1/workers", token: federation.tokens["officer_b"], body: Self.body(5, name: "别人"))
            #expect(again.status == .conflict)
            #expect(again.problemCode == "duplicate_id_number")
            let text = "\(again.object)"
            #expect(!text.contains("郭庄子") && !text.contains("guozhuangzi") && !text.contains(federation.branchA.id.description))
        }
    }

    @Test func rolesScopesAndMasking() async throws {
        try await withAPI { federation, client in
            let id = try await Self.register(client, federation.tokens["officer_a"], serial: 6)
            let uri = "/api/v1/workers/\(id)"
            try await expectUnauthenticated(client, federation, .get, uri)
            try await expectUnauthenticated(client, federation, .post, "/api/v1/workers", body: Self.body(7))
            #expect(try await client.call(.get, uri, token: federation.tokens["officer_b"]).status == .notFound)
            #expect(try await client.call(.patch, uri, token: federation.tokens["officer_b"], body: "{}").status == .notFound)
            for role in ["viewer_a", "auditor", "reviewer"] {
                #expect(try await client.call(.post, "/api/v1/workers", token: federation.tokens[role], body: Self.body(8)).status == .forbidden)
                #expect(try await client.call(.patch, uri, token: federation.tokens[role], body: "{}").status == .forbidden)
            }
            let full = TestIDNumbers.make(serial: 6)
            for (role, masked) in [("officer_a", false), ("admin", false), ("reviewer", false), ("viewer_a", true), ("auditor", true)] {
                let reply = try await client.call(.get, uri, token: federation.tokens[role])
                #expect(reply.status == .ok, "\(role)")
                #expect(reply.object["id_number"] as? String == (masked ? ResidentID.mask(full) : full), "\(role)")
                let csv = try await client.call(.get, "/api/v1/workers.csv", token: federation.tokens[role])
                #expect(csv.status == .ok)
            }
        }
    }

    @Test func listFiltersAndKeysetPages() async throws {
        try await withAPI { federation, client in
            let names = ["张伟", "王芳", "李娜", "王强", "刘洋"]
            for (index, name) in names.enumerated() {
                _ = try await Self.register(client, federation.tokens["officer_a"], serial: 20 + index, name: name)
            }
            _ = try await Self.register(client, federation.tokens["officer_b"], serial: 40, name: "王五")
            var seen: [String] = []
            var after: String?
            repeat {
                let query = "/api/v1/workers?limit=2" + (after.map { "&after=\($0)" } ?? "")
                let page = try await client.call(.get, query, token: federation.tokens["officer_a"])
                #expect(page.status == .ok)
                seen += page.items.compactMap { $0["name"] as? String }
                after = page.object["next"] as? String
            } while after != nil
            #expect(Set(seen) == Set(names))
            #expect(seen.count == names.count)
            let wang = try await client.call(.get, "/api/v1/workers?name=%E7%8E%8B", token: federation.tokens["officer_a"])  // 王
            #expect(Set(wang.items.compactMap { $0["name"] as? String }) == ["王芳", "王强"])
            let areaWang = try await client.call(.get, "/api/v1/workers?name=%E7%8E%8B", token: federation.tokens["reviewer"])
            #expect(areaWang.items.count == 3)
            let exact = try await client.call(.get, "/api/v1/workers?id_number=\(TestIDNumbers.make(serial: 40))", token: federation.tokens["admin"])
            #expect(exact.items.count == 1)
            let hidden = try await client.call(.get, "/api/v1/workers?id_number=\(TestIDNumbers.make(serial: 40))", token: federation.tokens["officer_a"])
            #expect(hidden.items.isEmpty)
            let bad = try await client.call(.get, "/api/v1/workers?limit=500&membership_status=x&model_worker=maybe&after=%%%", token: federation.tokens["admin"])
            #expect(bad.status == .unprocessableContent)
            #expect(Set(bad.fieldErrors).isSuperset(of: ["limit", "membership_status", "model_worker"]))
            let badCursor = try await client.call(.get, "/api/v1/workers?after=garbage", token: federation.tokens["admin"])
            #expect(badCursor.status == .unprocessableContent)
        }
    }

    @Test func transferMovesThePersonButNotTheOldBranchsRecords() async throws {
        try await withAPI { federation, client in
            try await federation.setDibao()
            let id = try await Self.register(client, federation.tokens["officer_a"], serial: 50)
            let file = try await client.call(.post, "/api/v1/hardship-files", token: federation.tokens["officer_a"],
                                             body: HardshipEndpointTests.fileBody(worker: id))
            #expect(file.status == .created)
            let fileID = try #require(file.object["id"] as? String)
            let transferBody = #"{"to_office": "\#(federation.branchB.id)", "date": "2026-11-01", "reason": "搬家"}"#
            try await expectUnauthenticated(client, federation, .post, "/api/v1/workers/\(id)/transfer", body: transferBody)
            #expect(try await client.call(.post, "/api/v1/workers/\(id)/transfer", token: federation.tokens["viewer_a"], body: transferBody).status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/workers/\(id)/transfer", token: federation.tokens["officer_b"], body: transferBody).status == .notFound)
            let invalid = try await client.call(.post, "/api/v1/workers/\(id)/transfer", token: federation.tokens["officer_a"], body: #"{"date": "soon"}"#)
            #expect(Set(invalid.fieldErrors) == ["to_office", "date", "reason"])
            let moved = try await client.call(.post, "/api/v1/workers/\(id)/transfer", token: federation.tokens["officer_a"], body: transferBody)
            #expect(moved.status == .noContent)
            // The old branch no longer sees the person, nor the open file, which went along (a
            // closed file stays with the branch that filed it: HardshipTransferTests).
            #expect(try await client.call(.get, "/api/v1/workers/\(id)", token: federation.tokens["officer_a"]).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/hardship-files/\(fileID)", token: federation.tokens["officer_a"]).status == .notFound)
            // The new branch sees the person and the history that came along.
            let there = try await client.call(.get, "/api/v1/workers/\(id)", token: federation.tokens["officer_b"])
            #expect(there.object["office_id"] as? String == federation.branchB.id.description)
            #expect(try await client.call(.get, "/api/v1/hardship-files/\(fileID)", token: federation.tokens["officer_b"]).status == .ok)
            let again = try await client.call(.post, "/api/v1/workers/\(id)/transfer", token: federation.tokens["officer_b"], body: transferBody)
            #expect(again.fieldErrors == ["to_office"])
        }
    }

    @Test func householdAndModelWorker() async throws {
        try await withAPI { federation, client in
            let id = try await Self.register(client, federation.tokens["officer_a"], serial: 60)
            let base = "/api/v1/workers/\(id)"
            let child = #"{"relation": "child", "name": "李小明", "school": "北京工业大学", "level": "undergraduate", "admission_year": 2025}"#
            try await expectUnauthenticated(client, federation, .post, base + "/household", body: child)
            #expect(try await client.call(.post, base + "/household", token: federation.tokens["viewer_a"], body: child).status == .forbidden)
            #expect(try await client.call(.post, base + "/household", token: federation.tokens["officer_b"], body: child).status == .notFound)
            let invalid = try await client.call(.post, base + "/household", token: federation.tokens["officer_a"], body: #"{"relation": "cousin", "level": "phd"}"#)
            #expect(Set(invalid.fieldErrors) == ["relation", "name", "level"])
            let added = try await client.call(.post, base + "/household", token: federation.tokens["officer_a"], body: child)
            #expect(added.status == .created)
            let memberID = try #require(added.object["id"] as? String)
            let updated = try await client.call(.patch, base + "/household/\(memberID)", token: federation.tokens["officer_a"], body: #"{"admission_year": 2024}"#)
            #expect(updated.object["admission_year"] as? Int == 2024)
            #expect(updated.object["level"] as? String == "undergraduate")
            let listed = try await client.call(.get, base + "/household", token: federation.tokens["viewer_a"])
            #expect(listed.items.count == 1)
            #expect(try await client.call(.get, base + "/household", token: federation.tokens["officer_b"]).status == .notFound)
            #expect(try await client.call(.delete, base + "/household/\(memberID)", token: federation.tokens["viewer_a"]).status == .forbidden)
            #expect(try await client.call(.delete, base + "/household/\(memberID)", token: federation.tokens["officer_a"]).status == .noContent)
            #expect(try await client.call(.delete, base + "/household/\(memberID)", token: federation.tokens["officer_a"]).status == .notFound)

            #expect(try await client.call(.get, base + "/model-worker", token: federation.tokens["officer_a"]).status == .notFound)
            let record = #"{"level": "municipal", "title": "北京市劳动模范", "year_awarded": 2015, "retired": true}"#
            #expect(try await client.call(.put, base + "/model-worker", token: federation.tokens["auditor"], body: record).status == .forbidden)
            #expect(try await client.call(.put, base + "/model-worker", token: federation.tokens["officer_b"], body: record).status == .notFound)
            let badRecord = try await client.call(.put, base + "/model-worker", token: federation.tokens["officer_a"], body: #"{"level": "galactic", "year_awarded": 1800}"#)
            #expect(Set(badRecord.fieldErrors) == ["level", "title", "year_awarded"])
            #expect(try await client.call(.put, base + "/model-worker", token: federation.tokens["officer_a"], body: record).status == .ok)
            let fetched = try await client.call(.get, base + "/model-worker", token: federation.tokens["auditor"])
            #expect(fetched.object["title"] as? String == "北京市劳动模范")
            let models = try await client.call(.get, "/api/v1/workers?model_worker=true", token: federation.tokens["officer_a"])
            #expect(models.items.count == 1)
            #expect(try await client.call(.get, base, token: federation.tokens["viewer_a"]).object["is_model_worker"] as? Bool == true)
            let others = try await client.call(.get, "/api/v1/workers?model_worker=false", token: federation.tokens["officer_a"])
            #expect(!others.items.contains { $0["is_model_worker"] as? Bool == true })
        }
    }
}

extension Federation {
    /// Sets the minimum living standard (1395 yuan from 2026-01-01) as the area admin.
    func setDibao() async throws {
        _ = try await SettingStore(database: database).set(admin, key: SettingStore.dibao, value: Money(fen: 139_500),
                                                             from: CalendarDate(year: 2026, month: 1, day: 1) ?? .today())
    }
}
