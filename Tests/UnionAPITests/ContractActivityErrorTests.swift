import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import UnionDomain
import UnionTestSupport

/// 404 and 422 on every new route (401 and the read-only role's 403 are covered for every
/// route by `EndpointMatrixTests`; the area-only and organiser-only 403/404 in the endpoint tests).
@Suite("Enterprise, contract and activity errors")
struct ContractActivityErrorTests {
    static let unknown = UUID().uuidString.lowercased()

    @Test func unknownOrForeignIdsAre404() async throws {
        try await withAPI { federation, client in
            let officer = federation.tokens["officer_a"]
            let requests: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/api/v1/enterprises/\(Self.unknown)", nil),
                (.patch, "/api/v1/enterprises/\(Self.unknown)", #"{"headcount": 1}"#),
                (.get, "/api/v1/collective-contracts/\(Self.unknown)", nil),
                (.patch, "/api/v1/collective-contracts/\(Self.unknown)", #"{"votes_for": 60}"#),
                (.post, "/api/v1/collective-contracts/\(Self.unknown)/file", "{}"),
                (.post, "/api/v1/collective-contracts/\(Self.unknown)/effective", nil),
                (.post, "/api/v1/collective-contracts/\(Self.unknown)/renew",
                 #"{"signed_on": "2026-01-05", "starts_on": "2026-01-05", "ends_on": "2027-01-04", "votes_for": 60, "votes_total": 100}"#),
                (.post, "/api/v1/collective-contracts/\(Self.unknown)/terminate", #"{"reason": "x"}"#),
                (.get, "/api/v1/activities/\(Self.unknown)", nil),
                (.patch, "/api/v1/activities/\(Self.unknown)", #"{"head_count": 1}"#),
                (.get, "/api/v1/activities/\(Self.unknown)/participants", nil),
                (.post, "/api/v1/activities/\(Self.unknown)/participants", #"{"participants": [{"worker_id": "\#(Self.unknown)"}]}"#),
                (.get, "/api/v1/clubs/\(Self.unknown)", nil),
                (.get, "/api/v1/clubs/\(Self.unknown)/plan?year=2026", nil),
                (.get, "/api/v1/enterprises?office_id=\(federation.branchB.id)", nil),
                (.post, "/api/v1/activities", ActivityEndpointTests.activityBody(extra: #", "office_id": "\#(federation.branchB.id)""#)),
            ]
            for (method, uri, body) in requests {
                let reply = try await client.call(method, uri, token: officer, body: body)
                #expect(reply.status == .notFound, "\(method) \(uri)")
            }
        }
    }

    @Test func badInputIs422NamingTheField() async throws {
        try await withAPI { federation, client in
            let officer = federation.tokens["officer_a"]
            let enterprise = try await ContractEndpointTests.createEnterprise(client, officer, serial: 700)
            let contract = try await client.call(.post, "/api/v1/collective-contracts", token: officer,
                                                 body: ContractEndpointTests.contractBody(enterprise: enterprise))
            let contractID = try #require(contract.object["id"] as? String)
            let activity = try await client.call(.post, "/api/v1/activities", token: officer, body: ActivityEndpointTests.activityBody())
            let activityID = try #require(activity.object["id"] as? String)
            let club = try await client.call(.post, "/api/v1/clubs", token: officer, body: #"{"name": "瑜伽队", "sport": "yoga"}"#)
            let clubID = try #require(club.object["id"] as? String)
            let cases: [(HTTPRequest.Method, String, String?, Set<String>)] = [
                (.post, "/api/v1/enterprises", #"{"name": "", "credit_code": "123", "ownership": "state"}"#, ["name", "credit_code", "ownership"]),
                (.patch, "/api/v1/enterprises/\(enterprise)", #"{"headcount": -1}"#, ["headcount"]),
                (.get, "/api/v1/enterprises?ownership=state", nil, ["ownership"]),
                (.post, "/api/v1/collective-contracts", #"{"kind": "pay"}"#, ["enterprise_id", "kind", "signed_on", "starts_on", "ends_on", "votes_for", "votes_total"]),
                (.patch, "/api/v1/collective-contracts/\(contractID)", #"{"ends_on": "2099-01-01"}"#, ["ends_on"]),
                (.get, "/api/v1/collective-contracts?status=lost", nil, ["status"]),
                (.post, "/api/v1/collective-contracts/\(contractID)/file", #"{"filed_on": "yesterday"}"#, ["filed_on"]),
                (.post, "/api/v1/collective-contracts/\(contractID)/file", #"{"filed_on": "2000-01-01"}"#, ["filed_on"]),
                (.post, "/api/v1/collective-contracts/\(contractID)/renew", #"{"votes_for": 1, "votes_total": 100}"#, ["signed_on", "starts_on", "ends_on", "votes_for"]),
                (.post, "/api/v1/collective-contracts/\(contractID)/terminate", "{}", ["reason"]),
                (.post, "/api/v1/activities", #"{"kind": "party", "head_count": -5}"#, ["kind", "title", "starts_on", "head_count"]),
                (.patch, "/api/v1/activities/\(activityID)", #"{"ends_on": "2020-01-01"}"#, ["ends_on"]),
                (.get, "/api/v1/activities?year=20260", nil, ["year"]),
                (.get, "/api/v1/activities/participation?year=x", nil, ["year"]),
                (.post, "/api/v1/activities/\(activityID)/participants", #"{"participants": [{"worker_id": "nope"}]}"#, ["participants[0].worker_id"]),
                (.post, "/api/v1/activities/\(activityID)/participants", #"{"participants": [{"result": "金奖"}]}"#, ["line 1: id_number"]),
                (.post, "/api/v1/clubs", #"{"name": "队", "sport": "polo", "activities_per_month": 40}"#, ["sport", "activities_per_month"]),
                (.get, "/api/v1/clubs/\(clubID)/plan", nil, ["year"]),
            ]
            for (method, uri, body, fields) in cases {
                let reply = try await client.call(method, uri, token: officer, body: body)
                #expect(reply.status == .unprocessableContent, "\(method) \(uri)")
                #expect(Set(reply.fieldErrors) == fields, "\(method) \(uri)")
            }
        }
    }
}
