import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

@Suite("Worker import and export")
struct ImportEndpointTests {
    static func csv(_ rows: [String]) -> String {
        "\u{FEFF}name,id_number,phone,member_since\r\n" + rows.joined(separator: "\r\n") + "\r\n"
    }

    @Test func badRowsImportNothingAndAreListedByLine() async throws {
        try await withAPI { federation, client in
            let file = Self.csv([
                "王芳,\(TestIDNumbers.make(serial: 1)),13800138000,2010-05-01",
                "李娜,110105198001010021,,",                                   // line 3: check digit
                "\"张,伟\",\(TestIDNumbers.make(serial: 2)),12,",                // line 4: phone
                "刘洋,\(TestIDNumbers.make(serial: 1)),,",                       // line 5: repeats line 2
            ])
            try await expectUnauthenticated(client, federation, .post, "/api/v1/workers/import", body: file)
            #expect(try await client.call(.post, "/api/v1/workers/import", token: federation.tokens["viewer_a"], body: file).status == .forbidden)
            let reply = try await client.call(.post, "/api/v1/workers/import", token: federation.tokens["officer_a"], body: file)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.headers[.contentType] == "application/problem+json")
            #expect(reply.problemCode == "invalid_rows")
            let errors = (reply.object["errors"] as? [[String: Any]]) ?? []
            #expect(errors.compactMap { $0["line"] as? Int } == [3, 4, 5])
            #expect(errors.compactMap { $0["field"] as? String } == ["id_number", "phone", "id_number"])
            #expect(try await federation.testDatabase.ownerPool.query("SELECT count(*) FROM workers").scalar(Int.self) == 0)

            let skipping = try await client.call(.post, "/api/v1/workers/import?skip_invalid=true", token: federation.tokens["officer_a"], body: file)
            #expect(skipping.status == .ok)
            #expect(skipping.object["imported"] as? Int == 1)
            #expect(try await federation.testDatabase.ownerPool.query("SELECT count(*) FROM workers").scalar(Int.self) == 1)
        }
    }

    @Test func duplicatesAgainstOtherBranchesAreCaughtWithoutNamingThem() async throws {
        try await withAPI { federation, client in
            _ = try await WorkerEndpointTests.register(client, federation.tokens["officer_b"], serial: 9)
            let file = Self.csv(["王芳,\(TestIDNumbers.make(serial: 9)),,", "李娜,\(TestIDNumbers.make(serial: 10)),,"])
            let reply = try await client.call(.post, "/api/v1/workers/import", token: federation.tokens["officer_a"], body: file)
            #expect(reply.status == .unprocessableContent)
            let errors = (reply.object["errors"] as? [[String: Any]]) ?? []
            #expect(errors.compactMap { $0["line"] as? Int } == [2])
            #expect(!"\(reply.object)".contains("lijiacun"))
        }
    }

    @Test func exportWritesTheImportFormat() async throws {
        try await withAPI { federation, client in
            let file = Self.csv(["王芳,\(TestIDNumbers.make(serial: 11)),13800138000,2010-05-01", "\"=SUM(A1)\",\(TestIDNumbers.make(serial: 12)),,"])
            #expect(try await client.call(.post, "/api/v1/workers/import", token: federation.tokens["officer_a"], body: file).status == .ok)
            let export = try await client.execute(uri: "/api/v1/workers.csv", method: .get,
                                                  headers: [.authorization: "Bearer \(federation.tokens["officer_a"] ?? "")"]) { response in
                (response.status, String(buffer: response.body), response.headers[.contentType])
            }
            #expect(export.0 == .ok)
            #expect(export.2 == "text/csv; charset=utf-8")
            #expect(export.1.hasPrefix("\u{FEFF}name,id_number,sex,birth_date"))
            #expect(export.1.contains(TestIDNumbers.make(serial: 11)))
            #expect(export.1.contains("\"=SUM(A1)\""))  // quoted, so Excel doesn't run it
            let viewer = try await client.execute(uri: "/api/v1/workers.csv", method: .get,
                                                  headers: [.authorization: "Bearer \(federation.tokens["viewer_a"] ?? "")"]) { String(buffer: $0.body) }
            #expect(!viewer.contains(TestIDNumbers.make(serial: 11)))
            #expect(viewer.contains(ResidentID.mask(TestIDNumbers.make(serial: 11))))
            let other = try await client.execute(uri: "/api/v1/workers.csv", method: .get,
                                                 headers: [.authorization: "Bearer \(federation.tokens["officer_b"] ?? "")"]) { String(buffer: $0.body) }
            #expect(!other.contains("王芳"))
            // Re-importing the export elsewhere finds every row already registered.
            let reimport = try await client.call(.post, "/api/v1/workers/import", token: federation.tokens["officer_b"], body: export.1)
            #expect(reimport.status == .unprocessableContent)
            #expect(((reimport.object["errors"] as? [[String: Any]]) ?? []).count == 2)
        }
    }

    @Test func csvParserHandlesQuotesAndRejectsUnknownColumns() throws {
        let records = try WorkerCSV.parse("name,id_number\r\n\"王,\"\"芳\"\"\",1\n\n\"多\n行\",2\n")
        #expect(records.map(\.line) == [2, 4])
        #expect(records.first?.input.name == "王,\"芳\"")
        #expect(records.last?.input.name == "多\n行")
        #expect(throws: WorkerCSV.ParseError.unknownColumns(["nmae"])) { try WorkerCSV.parse("nmae,id_number\n") }
        #expect(throws: WorkerCSV.ParseError.missingColumns(["id_number"])) { try WorkerCSV.parse("name\n") }
    }
}
