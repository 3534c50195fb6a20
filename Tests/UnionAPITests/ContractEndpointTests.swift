import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import UnionDomain
import UnionTestSupport

@Suite("Enterprise and collective contract endpoints")
struct ContractEndpointTests {
    /// A valid credit code per serial: the check character computed with the GB 32100 algorithm.
    static func code(_ serial: Int) -> String {
        let body = "91110106MA" + String(String(serial).reversed()).padding(toLength: 7, withPad: "0", startingAt: 0)
        return body + String(CreditCode.checkCharacter(for: body) ?? "?")
    }

    static func enterpriseBody(_ serial: Int, name: String = "北京某建筑工程有限公司", ownership: String = "private", union: Bool = true,
                               extra: String = "") -> String {
        #"{"name": "\#(name)", "credit_code": "\#(code(serial))", "ownership": "\#(ownership)", "industry": "建筑", "headcount": 120, "has_union": \#(union)\#(extra)}"#
    }

    static func createEnterprise(_ client: some TestClientProtocol, _ token: String?, serial: Int, ownership: String = "private") async throws -> String {
        let reply = try await client.call(.post, "/api/v1/enterprises", token: token, body: enterpriseBody(serial, ownership: ownership))
        #expect(reply.status == .created, "\(reply.object)")
        return try #require(reply.object["id"] as? String)
    }

    static func day(_ offset: Int) -> String { CalendarDate.today().adding(days: offset).description }

    static func contractBody(enterprise: String, kind: String = "comprehensive", signed: Int = -5) -> String {
        let start = CalendarDate.today().adding(days: signed)
        return #"{"enterprise_id": "\#(enterprise)", "kind": "\#(kind)", "signed_on": "\#(start)", "starts_on": "\#(start)", "ends_on": "\#(start.adding(months: 24).adding(days: -1))", "votes_for": 61, "votes_total": 100, "text_file": "contracts/2026-zonghe.pdf"}"#
    }

    @Test func enterprisesAreCheckedUniqueAndWalledOff() async throws {
        try await withAPI { federation, client in
            let officer = federation.tokens["officer_a"]
            let wrongCheck = try await client.call(.post, "/api/v1/enterprises", token: officer,
                                                   body: #"{"name": "某公司", "credit_code": "91350100M000100Y44", "ownership": "private"}"#)
            #expect(wrongCheck.status == .unprocessableContent)
            #expect(wrongCheck.fieldErrors == ["credit_code"])
            let id = try await Self.createEnterprise(client, officer, serial: 1)
            // The same code from another branch: 409, and the sentence names no branch.
            let duplicate = try await client.call(.post, "/api/v1/enterprises", token: federation.tokens["officer_b"], body: Self.enterpriseBody(1))
            #expect(duplicate.status == .conflict)
            #expect(duplicate.problemCode == "duplicate_credit_code")
            #expect(!"\(duplicate.object)".contains("郭庄子"))
            #expect(try await client.call(.get, "/api/v1/enterprises/\(id)", token: federation.tokens["officer_b"]).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/enterprises", token: federation.tokens["officer_b"]).items.isEmpty)
            #expect(try await client.call(.get, "/api/v1/enterprises?ownership=private", token: federation.tokens["viewer_a"]).items.count == 1)
            let patched = try await client.call(.patch, "/api/v1/enterprises/\(id)", token: officer, body: #"{"headcount": 150}"#)
            #expect(patched.object["headcount"] as? Int == 150)
            #expect(try await client.call(.patch, "/api/v1/enterprises/\(id)", token: federation.tokens["officer_b"], body: #"{"headcount": 1}"#).status == .notFound)
            // The area names the branch.
            #expect(try await client.call(.post, "/api/v1/enterprises", token: federation.tokens["admin"], body: Self.enterpriseBody(2)).status == .unprocessableContent)
            let byArea = try await client.call(.post, "/api/v1/enterprises", token: federation.tokens["admin"],
                                               body: Self.enterpriseBody(2, extra: #", "office_id": "\#(federation.branchB.id)""#))
            #expect(byArea.object["office_id"] as? String == federation.branchB.id.description)

            // Workers name their enterprise: only one their branch can see.
            let employed = try await client.call(.post, "/api/v1/workers", token: officer,
                                                 body: WorkerEndpointTests.body(600, extra: #", "employer_id": "\#(id)""#))
            #expect(employed.object["employer_id"] as? String == id)
            let foreign = try await client.call(.post, "/api/v1/workers", token: federation.tokens["officer_b"],
                                                body: WorkerEndpointTests.body(601, extra: #", "employer_id": "\#(id)""#))
            #expect(foreign.status == .unprocessableContent)
            #expect(foreign.fieldErrors == ["employer_id"])
            let workerID = try #require(employed.object["id"] as? String)
            // Transferred, the worker keeps an employer the new branch can't see, and stays editable there.
            #expect(try await client.call(.post, "/api/v1/workers/\(workerID)/transfer", token: officer,
                                          body: #"{"to_office": "\#(federation.branchB.id)", "date": "2026-01-05", "reason": "调动"}"#).status == .noContent)
            let there = try await client.call(.patch, "/api/v1/workers/\(workerID)", token: federation.tokens["officer_b"], body: #"{"occupation": "司机"}"#)
            #expect(there.status == .ok)
            #expect(there.object["employer_id"] as? String == id)
            let retarget = try await client.call(.patch, "/api/v1/workers/\(workerID)", token: federation.tokens["officer_b"],
                                                 body: #"{"employer_id": "\#(UUID().uuidString.lowercased())"}"#)
            #expect(retarget.fieldErrors == ["employer_id"])
            #expect(try await client.call(.post, "/api/v1/workers/\(workerID)/transfer", token: federation.tokens["officer_b"],
                                          body: #"{"to_office": "\#(federation.branchA.id)", "date": "2026-02-05", "reason": "调回"}"#).status == .noContent)
            let cleared = try await client.call(.patch, "/api/v1/workers/\(workerID)", token: officer, body: #"{"employer_id": ""}"#)
            #expect(cleared.status == .ok)
            #expect(cleared.object["employer_id"] == nil)
        }
    }

    /// An enterprise union is an office of its own: its officer sees its enterprise and nothing else of the branch.
    @Test func anEnterpriseUnionSeesItsOwnEnterprise() async throws {
        try await withAPI { federation, client in
            let admin = federation.tokens["admin"]
            let office = try await client.call(.post, "/api/v1/offices", token: admin,
                                               body: #"{"code": "zhongdu", "name": "中都公司工会", "kind": "enterprise", "parent_id": "\#(federation.area.id)"}"#)
            #expect(office.status == .created)
            let officeID = try #require(office.object["id"] as? String)
            let user = try await client.call(.post, "/api/v1/users", token: admin,
                                             body: #"{"username": "zhongdu", "display_name": "刘洋", "office_id": "\#(officeID)", "role": "branch_officer", "password": "long enough password"}"#)
            #expect(user.status == .created)
            let own = try await client.call(.post, "/api/v1/enterprises", token: admin,
                                            body: Self.enterpriseBody(3, name: "中都公司", ownership: "public", extra: #", "office_id": "\#(federation.branchA.id)", "union_office_id": "\#(officeID)""#))
            #expect(own.status == .created, "\(own.object)")
            _ = try await Self.createEnterprise(client, federation.tokens["officer_a"], serial: 4)
            let login = try await client.call(.post, "/api/v1/auth/login", body: #"{"username": "zhongdu", "password": "long enough password"}"#)
            let token = login.object["token"] as? String
            let seen = try await client.call(.get, "/api/v1/enterprises", token: token)
            #expect(seen.items.map { $0["name"] as? String } == ["中都公司"])
            #expect(try await client.call(.get, "/api/v1/workers", token: token).items.isEmpty)
        }
    }

    @Test func aContractsLife() async throws {
        try await withAPI { federation, client in
            let officer = federation.tokens["officer_a"]
            let enterprise = try await Self.createEnterprise(client, officer, serial: 10)
            let lost = try await client.call(.post, "/api/v1/collective-contracts", token: officer,
                                             body: #"{"enterprise_id": "\#(enterprise)", "kind": "wage", "signed_on": "2026-01-05", "starts_on": "2026-01-05", "ends_on": "2030-01-05", "votes_for": 50, "votes_total": 100}"#)
            #expect(Set(lost.fieldErrors) == ["ends_on", "votes_for"])
            #expect(try await client.call(.post, "/api/v1/collective-contracts", token: federation.tokens["officer_b"],
                                          body: Self.contractBody(enterprise: enterprise)).status == .unprocessableContent)
            let signed = try await client.call(.post, "/api/v1/collective-contracts", token: officer, body: Self.contractBody(enterprise: enterprise, signed: -8))
            #expect(signed.status == .created)
            let id = try #require(signed.object["id"] as? String)
            #expect(signed.object["status"] as? String == "signed")
            let second = try await client.call(.post, "/api/v1/collective-contracts", token: officer, body: Self.contractBody(enterprise: enterprise))
            #expect(second.status == .conflict)
            #expect(second.problemCode == "live_contract_exists")
            #expect(try await client.call(.get, "/api/v1/collective-contracts/\(id)", token: federation.tokens["officer_b"]).status == .notFound)

            let wage = try await client.call(.post, "/api/v1/collective-contracts", token: officer,
                                             body: Self.contractBody(enterprise: enterprise, kind: "wage", signed: -20))
            let wageID = try #require(wage.object["id"] as? String)
            let attention = try await client.call(.get, "/api/v1/collective-contracts/attention", token: federation.tokens["admin"])
            let rows = attention.object["items"] as? [[String: Any]] ?? []
            #expect(rows.filter { $0["reason"] as? String == "not_filed" }.compactMap { $0["kind"] as? String } == ["wage"])
            #expect(rows.filter { $0["reason"] as? String == "missing_kind" }.count == 2)
            let otherBranch = try await client.call(.get, "/api/v1/collective-contracts/attention", token: federation.tokens["officer_b"])
            #expect((otherBranch.object["items"] as? [Any])?.isEmpty == true)
            let lateFiling = try await client.call(.post, "/api/v1/collective-contracts/\(wageID)/file", token: officer, body: "{}")
            #expect(lateFiling.object["filed_late"] as? Bool == true)
            #expect(lateFiling.object["filed_on"] as? String == Self.day(0))

            let early = try await client.call(.post, "/api/v1/collective-contracts/\(id)/effective", token: officer)
            #expect(early.status == .conflict)
            let filed = try await client.call(.post, "/api/v1/collective-contracts/\(id)/file", token: officer, body: #"{"filed_on": "\#(Self.day(-2))"}"#)
            #expect(filed.object["filed_late"] as? Bool == false)
            let waiting = try await client.call(.post, "/api/v1/collective-contracts/\(id)/effective", token: officer)
            #expect(waiting.problemCode == "objection_period_running")
            #expect(try await client.call(.patch, "/api/v1/collective-contracts/\(id)", token: officer, body: #"{"votes_for": 70}"#).status == .conflict)

            let renewal = try await client.call(.post, "/api/v1/collective-contracts/\(id)/renew", token: officer,
                                                body: Self.contractBody(enterprise: enterprise, signed: -1).replacingOccurrences(of: #""enterprise_id": "\#(enterprise)", "kind": "comprehensive", "#, with: ""))
            #expect(renewal.status == .created, "\(renewal.object)")
            #expect(renewal.object["renews_id"] as? String == id)
            #expect(try await client.call(.get, "/api/v1/collective-contracts/\(id)", token: officer).object["status"] as? String == "renewed")
            let newID = try #require(renewal.object["id"] as? String)
            let ended = try await client.call(.post, "/api/v1/collective-contracts/\(newID)/terminate", token: officer, body: #"{"reason": "企业注销"}"#)
            #expect(ended.object["status"] as? String == "terminated")
            #expect(try await client.call(.post, "/api/v1/collective-contracts/\(newID)/terminate", token: officer,
                                          body: #"{"reason": "again"}"#).status == .conflict)

            let coverage = try await client.call(.get, "/api/v1/collective-contracts/coverage", token: federation.tokens["admin"])
            #expect((coverage.object["area"] as? [String: Any]).flatMap { $0["all"] as? [String: Any] }?["enterprises"] as? Int == 1)
            let list = try await client.call(.get, "/api/v1/collective-contracts?enterprise_id=\(enterprise)", token: federation.tokens["viewer_a"])
            #expect(list.items.count == 3)
        }
    }
}
