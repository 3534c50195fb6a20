import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// Rosters as branches really exchange them: saved by Excel on a Chinese Windows.
@Suite("Rosters from Excel")
struct RosterImportTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
        return [UInt8](try Data(contentsOf: url))
    }

    static func post(_ client: some TestClientProtocol, _ bytes: [UInt8], token: String?, contentType: String = "text/csv",
                     query: String = "") async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        try await client.execute(uri: "/api/v1/workers/import\(query)", method: .post,
                                 headers: [.authorization: "Bearer \(token ?? "")", .contentType: contentType],
                                 body: ByteBuffer(bytes: bytes)) { response in
            (response.status, (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:])
        }
    }

    static func names(_ federation: Federation) async throws -> [String] {
        try await federation.testDatabase.ownerPool.query("SELECT name FROM workers ORDER BY name").rows.map { try $0.decode(String.self, at: 0) }
    }

    /// GBK bytes, Chinese headers and values, Excel dates, empty `,,,,` rows and a 15-digit
    /// first-generation ID number: all read right, nothing stored as mojibake.
    @Test func aGBKRosterFromExcelImports() async throws {
        try await withAPI { federation, client in
            let reply = try await Self.post(client, try Self.fixture("roster-gbk.csv"), token: federation.tokens["officer_a"])
            #expect(reply.status == .ok, "\(reply.json)")
            #expect(reply.json["encoding"] as? String == "GB18030")
            #expect(reply.json["rows"] as? Int == 3)
            #expect(reply.json["imported"] as? Int == 3)
            let notices = reply.json["notices"] as? [[String: Any]] ?? []
            #expect(notices.count == 1)
            #expect(notices.first?["line"] as? Int == 4)
            #expect(try await Self.names(federation) == ["张秀英", "李建国", "王芳"].sorted())
            let row = try #require(try await federation.testDatabase.ownerPool.query("""
                SELECT sex, hukou, membership_status, member_since::text, birth_date::text FROM workers WHERE id_number = '110105198001010024'
                """).rows.first)
            #expect(try row.decode(String.self, at: 0) == "female")
            #expect(try row.decode(String.self, at: 1) == "rural")
            #expect(try row.decode(String.self, at: 2) == "active")
            #expect(try row.decode(String.self, at: 3) == "2010-05-01")
            let upgraded = try await federation.testDatabase.ownerPool.query(
                "SELECT birth_date::text FROM workers WHERE id_number = '11010519620704022X'").scalar(String.self)
            #expect(upgraded == "1962-07-04")
        }
    }

    @Test func aDeclaredCharsetIsHonoured() async throws {
        try await withAPI { federation, client in
            let gbk = try Self.fixture("roster-gbk.csv")
            // GBK bytes said to be UTF-8: refused, nothing written.
            let wrong = try await Self.post(client, gbk, token: federation.tokens["officer_a"], contentType: "text/csv; charset=utf-8")
            #expect(wrong.status == .unprocessableContent)
            #expect("\(wrong.json)".contains("wrong_encoding"))
            #expect(try await Self.names(federation).isEmpty)
            let unknown = try await Self.post(client, gbk, token: federation.tokens["officer_a"], contentType: "text/csv; charset=klingon")
            #expect(unknown.status == .unprocessableContent)
            let declared = try await Self.post(client, gbk, token: federation.tokens["officer_a"], contentType: "text/csv; charset=GBK")
            #expect(declared.status == .ok)
            #expect(try await Self.names(federation).contains("王芳"))
        }
    }

    @Test func bytesThatAreNoKnownTextAreRefused() async throws {
        try await withAPI { federation, client in
            var bytes = Array("name,id_number\r\n".utf8)
            bytes += [0x81, 0x30, 0xFF, 0xFE, 0x2C, 0x31, 0x0D, 0x0A]  // neither UTF-8 nor GB18030
            let reply = try await Self.post(client, bytes, token: federation.tokens["officer_a"])
            #expect(reply.status == .unprocessableContent)
            #expect("\(reply.json)".contains("unknown_encoding"))
            #expect(try await Self.names(federation).isEmpty)
        }
    }

    @Test func anIDNumberExcelTurnedIntoANumberSaysSo() async throws {
        try await withAPI { federation, client in
            let reply = try await Self.post(client, try Self.fixture("roster-excel-number.csv"), token: federation.tokens["officer_a"])
            #expect(reply.status == .unprocessableContent)
            let errors = reply.json["errors"] as? [[String: Any]] ?? []
            #expect(errors.first?["code"] as? String == "invalid_row")
            let message = errors.first?["message"] as? String
            #expect(message?.contains("Excel") == true)
            #expect(errors.first?["line"] as? Int == 2)
        }
    }

    /// An export with Chinese headers, as Excel saves it back (UTF-8 with BOM), imports unchanged.
    @Test func aChineseExportImportsBackUnchanged() async throws {
        try await withAPI { federation, client in
            _ = try await Self.post(client, try Self.fixture("roster-gbk.csv"), token: federation.tokens["officer_a"])
            func export(_ token: String?) async throws -> String {
                try await client.execute(uri: "/api/v1/workers.csv?headers=zh", method: .get,
                                         headers: [.authorization: "Bearer \(token ?? "")"]) { String(buffer: $0.body) }
            }
            let before = try await export(federation.tokens["officer_a"])
            #expect(before.hasPrefix("\u{FEFF}姓名,身份证号,性别,出生日期"))
            #expect(before.contains("王芳,110105198001010024,女,1980-01-01"))
            let area = try await export(federation.tokens["admin"])
            #expect(area.contains("工会代码,所属工会"))
            #expect(area.contains("guozhuangzi,郭庄子村工会"))
            try await federation.testDatabase.ownerPool.query("DELETE FROM workers")
            let reimport = try await Self.post(client, Array(area.utf8), token: federation.tokens["officer_a"])
            #expect(reimport.status == .ok, "\(reimport.json)")
            #expect(reimport.json["imported"] as? Int == 3)
            #expect(try await export(federation.tokens["officer_a"]) == before)
        }
    }

    /// Where the ID number is masked the birth date is too: no answer to such a role lets
    /// anyone put the hidden digits back.
    @Test func noMaskedRoleCanRebuildAnIDNumber() async throws {
        try await withAPI { federation, client in
            let id = try await WorkerEndpointTests.register(client, federation.tokens["officer_a"], serial: 77)
            let full = TestIDNumbers.make(serial: 77)
            _ = try await client.call(.patch, "/api/v1/workers/\(id)", token: federation.tokens["officer_a"], body: #"{"occupation": "保洁员"}"#)
            for role in ["auditor", "viewer_a"] {
                var texts: [String] = []
                for uri in ["/api/v1/workers/\(id)", "/api/v1/workers", "/api/v1/workers/\(id)/household", "/api/v1/audit?limit=200"] {
                    let reply = try await client.call(.get, uri, token: federation.tokens[role])
                    if reply.status == .ok { texts.append(String(decoding: try JSONSerialization.data(withJSONObject: reply.json ?? [:]), as: UTF8.self)) }
                }
                texts.append(try await client.execute(uri: "/api/v1/workers.csv", method: .get,
                                                      headers: [.authorization: "Bearer \(federation.tokens[role] ?? "")"]) { String(buffer: $0.body) })
                let worker = try await client.call(.get, "/api/v1/workers/\(id)", token: federation.tokens[role])
                #expect(worker.object["birth_date"] == nil)
                #expect(worker.object["birth_year"] as? Int == 1980)
                for text in texts {
                    #expect(!text.contains(full), "\(role) sees a full ID number")
                    #expect(!text.contains("19800101") && !text.contains("1980-01-01"), "\(role) sees the hidden birth date: \(text.prefix(300))")
                }
            }
            let officer = try await client.call(.get, "/api/v1/workers/\(id)", token: federation.tokens["officer_a"])
            #expect(officer.object["birth_date"] as? String == "1980-01-01")
        }
    }
}
