import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import UnionDomain
import UnionTestSupport

/// Builds insurance fixtures through the API itself, as the area and a branch would.
enum InsuranceFixture {
    static let year = CalendarDate.today().year

    /// Plan codes are unique across the area: each fixture gets its own.
    static func code(_ stem: String) -> String { "\(stem)-\(UUID().uuidString.prefix(8).lowercased())" }

    static func plan(_ client: some TestClientProtocol, _ federation: Federation, stem: String = "female-special",
                     terms: String = #""premium_per_share": "25.00", "max_shares": 2, "sex": "female", "cap_per_share": "15000.00""#) async throws -> String {
        let reply = try await client.call(.post, "/api/v1/insurance-plans", token: federation.tokens["admin"], body: """
            {"code": "\(code(stem))", "name": "女职工特殊疾病互助保障", "insurer": "北京市职工互助保障会", \(terms)}
            """)
        #expect(reply.status == .created, "\(reply.object)")
        return try #require(reply.object["id"] as? String)
    }

    /// A calendar-year period of this year, open for enrolment all year (so today is inside).
    static func period(_ client: some TestClientProtocol, _ federation: Federation, plan: String) async throws -> String {
        let reply = try await client.call(.post, "/api/v1/insurance-periods", token: federation.tokens["admin"], body: """
            {"plan_id": "\(plan)", "starts_on": "\(year)-01-01", "ends_on": "\(year)-12-31", "enrol_opens_on": "\(year)-01-01",
             "enrol_closes_on": "\(year)-12-31"}
            """)
        #expect(reply.status == .created, "\(reply.object)")
        return try #require(reply.object["id"] as? String)
    }

    /// A worker of branch A (or `token`'s branch) of the given sex and birth date.
    static func worker(_ client: some TestClientProtocol, _ federation: Federation, serial: Int, sex: Sex = .female, born: String = "19800101",
                       token: String = "officer_a") async throws -> String {
        let reply = try await client.call(.post, "/api/v1/workers", token: federation.tokens[token], body: """
            {"name": "职工\(serial)", "id_number": "\(TestIDNumbers.make(serial: serial, born: born, sex: sex))"}
            """)
        #expect(reply.status == .created, "\(reply.object)")
        return try #require(reply.object["id"] as? String)
    }

    static func enrol(_ client: some TestClientProtocol, _ federation: Federation, period: String, worker: String, shares: Int = 1,
                      fund: String? = nil, key: String? = nil, token: String = "officer_a") async throws -> Reply {
        var headers: HTTPFields = [:]
        if let key, let name = HTTPField.Name("Idempotency-Key") { headers[name] = key }
        let payer = fund.map { #", "fund_id": "\#($0)""# } ?? ""
        return try await client.call(.post, "/api/v1/insurance-enrolments", token: federation.tokens[token],
                                     body: #"{"period_id": "\#(period)", "worker_id": "\#(worker)", "shares": \#(shares)\#(payer)}"#, headers: headers)
    }

    static func roster(_ client: some TestClientProtocol, _ federation: Federation, period: String, body: String = "{}", key: String? = nil,
                       token: String = "officer_a") async throws -> Reply {
        var headers: HTTPFields = [:]
        if let key, let name = HTTPField.Name("Idempotency-Key") { headers[name] = key }
        return try await client.call(.post, "/api/v1/insurance-periods/\(period)/enrol-roster", token: federation.tokens[token], body: body,
                                     headers: headers)
    }

    static func claim(_ client: some TestClientProtocol, _ federation: Federation, enrolment: String, amount: String,
                      token: String = "officer_a") async throws -> String {
        let reply = try await client.call(.post, "/api/v1/insurance-claims", token: federation.tokens[token], body: """
            {"enrolment_id": "\(enrolment)", "incident_on": "\(year)-03-01", "kind": "special_disease", "amount_claimed": "\(amount)",
             "documents": ["诊断证明", "住院发票"]}
            """)
        #expect(reply.status == .created, "\(reply.object)")
        return try #require(reply.object["id"] as? String)
    }
}
