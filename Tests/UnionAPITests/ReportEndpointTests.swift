import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import UnionDomain
import UnionTestSupport

/// `GET /api/v1/reports/annual`: the figures equal what the test itself paid out (summed here
/// from the amounts, never read back from a view), and each role sees exactly its scope.
@Suite("Annual report endpoint")
struct ReportEndpointTests {
    static let year = AidFixture.year

    /// Branch A: two households helped (1,500.00 cash; 2,000.00 cash + 200.00 of rice), and a
    /// third paid 1,200.00 and reversed (nets out). Branch B: one household, 800.00.
    static func payOut(_ client: some TestClientProtocol, _ federation: Federation) async throws {
        let fund = try await AidFixture.fund(client, federation, amount: "20000.00")
        let program = try await AidFixture.program(client, federation, kind: "emergency_relief", fund: fund, standards: [("flat", "2000.00")])
        let first = try await WorkerEndpointTests.register(client, federation.tokens["officer_a"], serial: 1401)
        let second = try await WorkerEndpointTests.register(client, federation.tokens["officer_a"], serial: 1402)
        let reversed = try await WorkerEndpointTests.register(client, federation.tokens["officer_a"], serial: 1403)
        let other = try await WorkerEndpointTests.register(client, federation.tokens["officer_b"], serial: 1404)
        let rice = #", "goods": [{"item": "米", "quantity": 2, "unit": "袋", "unit_value": "100.00", "source": "fund"}]"#
        for (worker, extra, cash, filer) in [(first, "", "1500.00", "officer_a"), (second, rice, "2000.00", "officer_a"),
                                             (reversed, "", "1200.00", "officer_a"), (other, "", "800.00", "officer_b")] {
            let id = try await AidFixture.approvedCase(client, federation, worker: worker, program: program, extra: extra, filer: filer)
            let paid = try await AidFixture.disburse(client, federation, id, body: #"{"method": "bank", "cash_paid": "\#(cash)"}"#)
            #expect(paid.status == .ok, "\(paid.object)")
            if worker == reversed {
                let undone = try await client.call(.post, "/api/v1/aid-cases/\(id)/reverse", token: federation.tokens["admin"], body: #"{"reason": "重复发放"}"#)
                #expect(undone.status == .ok, "\(undone.object)")
            }
        }
    }

    /// What the test paid, per office code and for the area, as (households, cash, goods, active members).
    static let expected: [String: (households: Int, cash: Money, goods: Money, active: Int)] = [
        "guozhuangzi": (2, Money(fen: 150_000 + 200_000), Money(fen: 20_000), 3),
        "lijiacun": (1, Money(fen: 80_000), .zero, 1),
        "area": (3, Money(fen: 150_000 + 200_000 + 80_000), Money(fen: 20_000), 4),
    ]

    static func check(_ row: [String: Any], _ code: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let want = expected[code] else { Issue.record("no expectation for \(code)", sourceLocation: sourceLocation); return }
        #expect(row["relief_households"] as? Int == want.households, "\(code)", sourceLocation: sourceLocation)
        #expect(row["relief_cash"] as? String == want.cash.description, "\(code)", sourceLocation: sourceLocation)
        #expect(row["relief_goods"] as? String == want.goods.description, "\(code)", sourceLocation: sourceLocation)
        #expect(row["relief_total"] as? String == (want.cash + want.goods).description, "\(code)", sourceLocation: sourceLocation)
        #expect(row["aid_total"] as? String == (want.cash + want.goods).description, "\(code)", sourceLocation: sourceLocation)
        #expect(row["active_members"] as? Int == want.active, "\(code)", sourceLocation: sourceLocation)
        #expect(row["education_total"] as? String == "0.00", sourceLocation: sourceLocation)
    }

    static func rows(_ reply: Reply) -> [[String: Any]] { reply.object["rows"] as? [[String: Any]] ?? [] }

    static func key(_ row: [String: Any]) -> String { "\(row["level"] ?? "") \(row["office_code"] ?? "")" }

    @Test func eachRoleGetsItsScopeWithTheFiguresPaid() async throws {
        try await withAPI { federation, client in
            try await Self.payOut(client, federation)
            let uri = "/api/v1/reports/annual?from=\(Self.year)&to=\(Self.year)"
            for token in ["admin", "reviewer", "auditor"] {
                let reply = try await client.call(.get, uri, token: federation.tokens[token])
                #expect(reply.status == .ok)
                #expect(reply.object["from"] as? Int == Self.year && reply.object["to"] as? Int == Self.year)
                let rows = Self.rows(reply)
                #expect(Set(rows.map(Self.key)) == ["area area", "office area", "office guozhuangzi", "office lijiacun"], "\(token)")
                for row in rows where row["office_code"] as? String != "area" || row["level"] as? String == "area" {
                    Self.check(row, row["office_code"] as? String ?? "")
                }
            }
            for (token, code) in [("officer_a", "guozhuangzi"), ("viewer_a", "guozhuangzi"), ("officer_b", "lijiacun")] {
                let rows = Self.rows(try await client.call(.get, uri, token: federation.tokens[token]))
                // Exactly its own office: never the area's total, never the other branch.
                #expect(rows.map(Self.key) == ["office \(code)"], "\(token)")
                if let row = rows.first { Self.check(row, code) }
            }
        }
    }

    @Test func csvHoldsTheSameRowsAsJSON() async throws {
        try await withAPI { federation, client in
            try await Self.payOut(client, federation)
            let uri = "/api/v1/reports/annual?from=\(Self.year - 1)&to=\(Self.year)"
            let json = Self.rows(try await client.call(.get, uri, token: federation.tokens["admin"]))
            let csv = try await client.call(.get, uri, token: federation.tokens["admin"], headers: [.accept: "text/csv"])
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let bytes = try await client.execute(uri: uri, method: .get,
                                                 headers: [.authorization: "Bearer \(federation.tokens["admin"] ?? "")", .accept: "text/csv"]) {
                Array($0.body.readableBytesView)
            }
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 byte order mark for Excel")
            let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
            let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(header.first == "year" && header.last == "insurance_coverage_rate" && header.count == 26)
            let parsed = lines.dropFirst().map { line in
                Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
            }
            #expect(parsed.count == json.count && json.count == 8)
            for (row, object) in zip(parsed, json) {
                for name in header { #expect(row[name] == object[name].map { "\($0)" }, "\(name)") }
            }
        }
    }

    @Test func yearsWithoutDataAreZeros() async throws {
        try await withAPI { federation, client in
            try await Self.payOut(client, federation)
            for (from, to) in [(2001, 2002), (2091, 2092)] {
                let rows = Self.rows(try await client.call(.get, "/api/v1/reports/annual?from=\(from)&to=\(to)", token: federation.tokens["admin"]))
                #expect(rows.count == 8)
                #expect(Set(rows.compactMap { $0["year"] as? Int }) == [from, to])
                for row in rows {
                    for (name, value) in row where !["year", "level", "office_code", "office_name"].contains(name) {
                        #expect(["0", "0.00", "0.0000"].contains("\(value)"), "\(name) = \(value)")
                    }
                }
                let own = Self.rows(try await client.call(.get, "/api/v1/reports/annual?from=\(from)&to=\(to)", token: federation.tokens["officer_b"]))
                #expect(own.map(Self.key) == ["office lijiacun", "office lijiacun"])
            }
            // Defaults: this year only.
            let plain = try await client.call(.get, "/api/v1/reports/annual", token: federation.tokens["officer_a"])
            #expect(plain.object["from"] as? Int == Self.year && plain.object["to"] as? Int == Self.year)
        }
    }

    @Test(arguments: [
        ("from=2026&to=2025", ["from"]), ("from=1999&to=2001", ["from"]), ("from=2000&to=2101", ["to"]),
        ("from=2000&to=2050", ["to"]), ("from=abc", ["from"]), ("from=2024&to=x", ["to"]),
    ])
    func badRangesAre422NamingTheField(query: String, fields: [String]) async throws {
        try await withAPI { federation, client in
            let reply = try await client.call(.get, "/api/v1/reports/annual?\(query)", token: federation.tokens["officer_a"])
            #expect(reply.status == .unprocessableContent)
            #expect(reply.fieldErrors == fields)
        }
    }
}
