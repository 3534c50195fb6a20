import Foundation
import HTTPTypes
import Testing
import UnionDomain
import UnionTestSupport

/// The tour's stops for enterprises, collective contracts, activities and clubs.
extension ContractTourTests {
    typealias Visit = (HTTPRequest.Method, String, String, String?, String?, HTTPResponse.Status) async throws -> Reply

    static func visitEnterprisesContractsAndActivities(_ federation: Federation, worker: String, _ visit: Visit) async throws {
        let admin = federation.tokens["admin"], officer = federation.tokens["officer_a"], viewer = federation.tokens["viewer_a"]
        let enterprise = try await visit(.post, "/api/v1/enterprises", "/api/v1/enterprises", officer, ContractEndpointTests.enterpriseBody(900), .created)
        let enterpriseID = try #require(enterprise.object["id"] as? String)
        _ = try await visit(.get, "/api/v1/enterprises", "/api/v1/enterprises", viewer, nil, .ok)
        _ = try await visit(.get, "/api/v1/enterprises/\(enterpriseID)", "/api/v1/enterprises/{id}", viewer, nil, .ok)
        _ = try await visit(.patch, "/api/v1/enterprises/\(enterpriseID)", "/api/v1/enterprises/{id}", officer, #"{"headcount": 130}"#, .ok)
        let contract = try await visit(.post, "/api/v1/collective-contracts", "/api/v1/collective-contracts", officer,
                                       ContractEndpointTests.contractBody(enterprise: enterpriseID, signed: -40), .created)
        let contractID = try #require(contract.object["id"] as? String)
        _ = try await visit(.get, "/api/v1/collective-contracts", "/api/v1/collective-contracts", viewer, nil, .ok)
        _ = try await visit(.get, "/api/v1/collective-contracts/\(contractID)", "/api/v1/collective-contracts/{id}", viewer, nil, .ok)
        _ = try await visit(.patch, "/api/v1/collective-contracts/\(contractID)", "/api/v1/collective-contracts/{id}", officer,
                            #"{"votes_for": 70}"#, .ok)
        _ = try await visit(.get, "/api/v1/collective-contracts/attention", "/api/v1/collective-contracts/attention", admin, nil, .ok)
        _ = try await visit(.post, "/api/v1/collective-contracts/\(contractID)/file", "/api/v1/collective-contracts/{id}/file", officer,
                            #"{"filed_on": "\#(ContractEndpointTests.day(-35))"}"#, .ok)
        _ = try await visit(.post, "/api/v1/collective-contracts/\(contractID)/effective", "/api/v1/collective-contracts/{id}/effective",
                            officer, nil, .ok)
        _ = try await visit(.get, "/api/v1/collective-contracts/coverage", "/api/v1/collective-contracts/coverage", admin, nil, .ok)
        let today = CalendarDate.today()
        let renewal = try await visit(.post, "/api/v1/collective-contracts/\(contractID)/renew", "/api/v1/collective-contracts/{id}/renew", officer,
                                      #"{"signed_on": "\#(today)", "starts_on": "\#(today)", "ends_on": "\#(today.adding(months: 12).adding(days: -1))", "votes_for": 80, "votes_total": 100}"#,
                                      .created)
        let renewalID = try #require(renewal.object["id"] as? String)
        _ = try await visit(.post, "/api/v1/collective-contracts/\(renewalID)/terminate", "/api/v1/collective-contracts/{id}/terminate", officer,
                            #"{"reason": "企业搬迁"}"#, .ok)

        let club = try await visit(.post, "/api/v1/clubs", "/api/v1/clubs", officer,
                                   #"{"name": "足球队", "sport": "football", "leader_id": "\#(worker)"}"#, .created)
        let clubID = try #require(club.object["id"] as? String)
        _ = try await visit(.get, "/api/v1/clubs", "/api/v1/clubs", viewer, nil, .ok)
        _ = try await visit(.get, "/api/v1/clubs/\(clubID)", "/api/v1/clubs/{id}", viewer, nil, .ok)
        let activity = try await visit(.post, "/api/v1/activities", "/api/v1/activities", officer,
                                       ActivityEndpointTests.activityBody(kind: "sports", title: "足球友谊赛", extra: #", "club_id": "\#(clubID)", "head_count": 40"#),
                                       .created)
        let activityID = try #require(activity.object["id"] as? String)
        _ = try await visit(.get, "/api/v1/activities?year=2026", "/api/v1/activities", viewer, nil, .ok)
        _ = try await visit(.get, "/api/v1/activities/\(activityID)", "/api/v1/activities/{id}", viewer, nil, .ok)
        _ = try await visit(.patch, "/api/v1/activities/\(activityID)", "/api/v1/activities/{id}", officer, #"{"place": "万丰郊野公园"}"#, .ok)
        _ = try await visit(.post, "/api/v1/activities/\(activityID)/participants", "/api/v1/activities/{id}/participants", officer,
                            #"{"participants": [{"worker_id": "\#(worker)", "result": "最佳射手"}]}"#, .ok)
        _ = try await visit(.get, "/api/v1/activities/\(activityID)/participants", "/api/v1/activities/{id}/participants", viewer, nil, .ok)
        _ = try await visit(.get, "/api/v1/activities/participation?year=2026", "/api/v1/activities/participation", admin, nil, .ok)
        _ = try await visit(.get, "/api/v1/clubs/\(clubID)/plan?year=2026", "/api/v1/clubs/{id}/plan", viewer, nil, .ok)
    }
}
