import Foundation
import HTTPTypes
import HummingbirdTesting
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// Issue 10 items 8 and 9 through the API, and the database holding the same rules when the
/// domain is bypassed.
@Suite("Registry rules through the API")
struct RegistryEndpointTests {
    @Test func workersAreRegisteredWithBranchesOnly() async throws {
        try await withAPI { federation, client in
            let admin = federation.tokens["admin"]
            let area = try await client.call(.post, "/api/v1/workers", token: admin,
                                             body: WorkerEndpointTests.body(300, extra: #", "office_id": "\#(federation.area.id)""#))
            #expect(area.status == .unprocessableContent)
            #expect(area.fieldErrors == ["office_id"])
            let branch = try await client.call(.post, "/api/v1/workers", token: admin,
                                               body: WorkerEndpointTests.body(301, extra: #", "office_id": "\#(federation.branchA.id)""#))
            #expect(branch.status == .created)
            let file = ImportEndpointTests.csv(["王芳,\(TestIDNumbers.make(serial: 302)),,"])
            let imported = try await client.call(.post, "/api/v1/workers/import?office_id=\(federation.area.id)", token: admin, body: file)
            #expect(imported.status == .unprocessableContent)
            #expect(imported.fieldErrors == ["office_id"])
            // The database refuses it too, with the same field.
            await #expect(throws: StoreError.invalid(ConstraintMessages.message(for: "workers_office_is_branch", kind: .check))) {
                try await federation.database.withSession(federation.admin) { session in
                    try await session.query("""
                        INSERT INTO workers (office_id, name, id_number, sex, birth_date)
                        VALUES (\(federation.area.id), '王芳', \(TestIDNumbers.make(serial: 303)), 'female', '1980-01-01')
                        """)
                }
            }
            #expect(try await federation.testDatabase.ownerPool.query("SELECT count(*) FROM workers WHERE office_id = \(federation.area.id)")
                .scalar(Int.self) == 0)
        }
    }

    @Test func aMemberCardNumberIsUniqueInTheAreaAndTheConflictNamesNoOffice() async throws {
        try await withAPI { federation, client in
            let card = #", "member_card_number": "GH00000001""#
            #expect(try await client.call(.post, "/api/v1/workers", token: federation.tokens["officer_a"],
                                          body: WorkerEndpointTests.body(310, extra: card)).status == .created)
            let again = try await client.call(.post, "/api/v1/workers", token: federation.tokens["officer_b"],
                                              body: WorkerEndpointTests.body(311, name: "别人", extra: card))
            #expect(again.status == .conflict)
            #expect(again.problemCode == "duplicate_member_card_number")
            let text = "\(again.object)"
            #expect(!text.contains("郭庄子") && !text.contains("guozhuangzi") && !text.contains(federation.branchA.id.description))
            // By PATCH too.
            let other = try await WorkerEndpointTests.register(client, federation.tokens["officer_b"], serial: 312)
            let patched = try await client.call(.patch, "/api/v1/workers/\(other)", token: federation.tokens["officer_b"],
                                                body: #"{"member_card_number": "GH00000001"}"#)
            #expect(patched.status == .conflict)
        }
    }

    static func cardCSV(_ rows: [String]) -> String {
        "name,id_number,member_card_number\r\n" + rows.joined(separator: "\r\n") + "\r\n"
    }

    @Test func theImportReportsCardNumbersRepeatedInTheFileOrTakenInTheArea() async throws {
        try await withAPI { federation, client in
            _ = try await client.call(.post, "/api/v1/workers", token: federation.tokens["officer_b"],
                                      body: WorkerEndpointTests.body(320, extra: #", "member_card_number": "GH-B-1""#))
            let file = Self.cardCSV([
                "王芳,\(TestIDNumbers.make(serial: 321)),GH-A-1",
                "李娜,\(TestIDNumbers.make(serial: 322)),GH-A-1",   // line 3: repeats line 2
                "张伟,\(TestIDNumbers.make(serial: 323)),GH-B-1",   // line 4: taken in branch B
                "刘洋,\(TestIDNumbers.make(serial: 324)),",
            ])
            let reply = try await client.call(.post, "/api/v1/workers/import", token: federation.tokens["officer_a"], body: file)
            #expect(reply.status == .unprocessableContent)
            let errors = (reply.object["errors"] as? [[String: Any]]) ?? []
            #expect(errors.compactMap { $0["line"] as? Int } == [3, 4])
            #expect(errors.compactMap { $0["field"] as? String } == ["member_card_number", "member_card_number"])
            #expect(!"\(reply.object)".contains("lijiacun"))
            let skipping = try await client.call(.post, "/api/v1/workers/import?skip_invalid=true", token: federation.tokens["officer_a"], body: file)
            #expect(skipping.object["imported"] as? Int == 2)
        }
    }

    @Test func aWorkerIsSixteenWhenJoiningAndTheDatabaseAgrees() async throws {
        try await withAPI { federation, client in
            let officer = federation.tokens["officer_a"]
            let early = try await client.call(.post, "/api/v1/workers", token: officer,
                                              body: WorkerEndpointTests.body(330, extra: #", "member_since": "1995-06-01""#))
            #expect(early.status == .unprocessableContent)
            #expect(early.fieldErrors == ["member_since"])
            let child = #"{"name": "小明", "id_number": "\#(TestIDNumbers.make(serial: 331, born: "20150101"))"}"#
            let young = try await client.call(.post, "/api/v1/workers", token: officer, body: child)
            #expect(young.status == .unprocessableContent)
            #expect(young.fieldErrors == ["birth_date"])
            let id = try await WorkerEndpointTests.register(client, officer, serial: 332)
            let before = try await client.call(.patch, "/api/v1/workers/\(id)", token: officer, body: #"{"member_since": "1979-01-01"}"#)
            #expect(before.fieldErrors == ["member_since"])
            let owner = federation.testDatabase.ownerPool
            for (sql, constraint) in [
                ("UPDATE workers SET member_since = '1990-01-01' WHERE id = '\(id)'", "workers_joined_at_sixteen"),
                ("UPDATE workers SET member_since = '1970-01-01' WHERE id = '\(id)'", "workers_member_since_after_birth"),
                ("UPDATE workers SET birth_date = current_date - 30 WHERE id = '\(id)'", "workers_sixteen_today"),
            ] {
                await #expect(throws: PQError.self, "\(constraint)") { try await owner.query(PQQuery(unsafeSQL: sql)) }
                do { try await owner.query(PQQuery(unsafeSQL: sql)) } catch let error as PQError {
                    #expect(error.constraint == constraint || (constraint == "workers_member_since_after_birth"
                                                               && error.constraint == "workers_joined_at_sixteen"), "\(sql)")
                }
            }
        }
    }

    @Test func aHouseholdMemberCanBeMarkedDeceased() async throws {
        try await withAPI { federation, client in
            let officer = federation.tokens["officer_a"]
            let id = try await WorkerEndpointTests.register(client, officer, serial: 340)
            let husband = try await client.call(.post, "/api/v1/workers/\(id)/household", token: officer,
                                                body: #"{"relation": "spouse", "name": "李某", "deceased": true}"#)
            #expect(husband.status == .created)
            #expect(husband.object["deceased"] as? Bool == true)
            let memberID = try #require(husband.object["id"] as? String)
            let listed = try await client.call(.get, "/api/v1/workers/\(id)/household", token: officer)
            #expect(listed.items.first?["deceased"] as? Bool == true)
            let corrected = try await client.call(.patch, "/api/v1/workers/\(id)/household/\(memberID)", token: officer,
                                                  body: #"{"deceased": false}"#)
            #expect(corrected.object["deceased"] as? Bool == false)
            let daughter = try await client.call(.post, "/api/v1/workers/\(id)/household", token: officer,
                                                 body: #"{"relation": "child", "name": "李小红"}"#)
            #expect(daughter.object["deceased"] as? Bool == false)
        }
    }

    @Test func aMistakenModelWorkerRecordIsRemovedAndAudited() async throws {
        try await withAPI { federation, client in
            let officer = federation.tokens["officer_a"]
            let id = try await WorkerEndpointTests.register(client, officer, serial: 350)
            let uri = "/api/v1/workers/\(id)/model-worker"
            #expect(try await client.call(.delete, uri, token: officer).status == .notFound)
            _ = try await client.call(.put, uri, token: officer, body: #"{"level": "municipal", "title": "北京市劳动模范", "year_awarded": 2015}"#)
            #expect(try await client.call(.get, "/api/v1/workers/\(id)", token: officer).object["is_model_worker"] as? Bool == true)
            try await expectUnauthenticated(client, federation, .delete, uri)
            #expect(try await client.call(.delete, uri, token: federation.tokens["viewer_a"]).status == .forbidden)
            #expect(try await client.call(.delete, uri, token: federation.tokens["officer_b"]).status == .notFound)
            #expect(try await client.call(.delete, uri, token: officer).status == .noContent)
            #expect(try await client.call(.get, uri, token: officer).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/workers/\(id)", token: officer).object["is_model_worker"] as? Bool == false)
            let audited = try await federation.testDatabase.ownerPool.query("""
                SELECT count(*) FROM audit_log WHERE table_name = 'model_worker_records' AND action = 'DELETE' AND row_id = \(id)
                  AND user_id = \(try #require(federation.users["officer_a"]).id)
                """).scalar(Int.self)
            #expect(audited == 1)
        }
    }

    @Test func nobodyIsInAHouseholdTwiceNorTheWorkerInTheirOwn() async throws {
        try await withAPI { federation, client in
            let officer = federation.tokens["officer_a"]
            let id = try await WorkerEndpointTests.register(client, officer, serial: 360)
            let uri = "/api/v1/workers/\(id)/household"
            let child = TestIDNumbers.make(serial: 361, born: "20100101")
            let withID = #"{"relation": "child", "name": "李小明", "id_number": "\#(child)"}"#
            #expect(try await client.call(.post, uri, token: officer, body: withID).status == .created)
            let twice = try await client.call(.post, uri, token: officer, body: withID)
            #expect(twice.status == .conflict)
            #expect(twice.problemCode == "duplicate_household_member")
            let noID = #"{"relation": "child", "name": "李小红"}"#
            #expect(try await client.call(.post, uri, token: officer, body: noID).status == .created)
            #expect(try await client.call(.post, uri, token: officer, body: noID).status == .conflict)
            let own = try await client.call(.post, uri, token: officer,
                                            body: #"{"relation": "spouse", "name": "王芳", "id_number": "\#(TestIDNumbers.make(serial: 360))"}"#)
            #expect(own.status == .unprocessableContent)
            #expect(own.fieldErrors == ["id_number"])
            // Nor can the worker take a member's ID number.
            let spouse = TestIDNumbers.make(serial: 362, sex: .male)
            #expect(try await client.call(.post, uri, token: officer,
                                          body: #"{"relation": "spouse", "name": "李某", "id_number": "\#(spouse)"}"#).status == .created)
            let taken = try await client.call(.patch, "/api/v1/workers/\(id)", token: officer, body: #"{"id_number": "\#(spouse)"}"#)
            #expect(taken.status == .unprocessableContent)
            #expect(taken.fieldErrors == ["id_number"])
            await #expect(throws: StoreError.invalid(ConstraintMessages.message(for: "workers_not_a_household_member", kind: .check))) {
                try await federation.database.withSession(try await federation.principal("officer_a")) { session in
                    try await session.query("UPDATE workers SET id_number = \(spouse), sex = 'male' WHERE id = \(try #require(Worker.ID(uuidString: id)))")
                }
            }
            // A PATCH can't make a second copy either.
            let other = try await client.call(.post, uri, token: officer, body: #"{"relation": "child", "name": "李小刚"}"#)
            let otherID = try #require(other.object["id"] as? String)
            #expect(try await client.call(.patch, "\(uri)/\(otherID)", token: officer, body: #"{"id_number": "\#(child)"}"#).status == .conflict)
            // Past the domain, the database holds the same rules.
            let workerID = try #require(Worker.ID(uuidString: id))
            for (number, name, expected) in [
                (child as String?, "另一个", StoreError.conflict(ConstraintMessages.message(for: "household_members_one_id_number", kind: .unique))),
                (nil, "李小红", .conflict(ConstraintMessages.message(for: "household_members_one_child_by_name", kind: .unique))),
                (TestIDNumbers.make(serial: 360), "王芳", .invalid(ConstraintMessages.message(for: "household_members_not_the_worker", kind: .check))),
            ] {
                let principal = try await federation.principal("officer_a")
                await #expect(throws: expected) {
                    try await federation.database.withSession(principal) { session in
                        try await session.query("""
                            INSERT INTO household_members (worker_id, office_id, relation, name, id_number)
                            VALUES (\(workerID), \(federation.branchA.id), 'child', \(name), \(number))
                            """)
                    }
                }
            }
        }
    }
}
