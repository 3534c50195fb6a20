import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import UnionDomain
import UnionTestSupport

/// The insurance operations' part of the contract tour: each visited once with input it accepts.
enum InsuranceContractTour {
    typealias Visit = AidContractTour.Visit

    static func visit(_ federation: Federation, _ client: some TestClientProtocol, _ visit: Visit) async throws {
        let admin = federation.tokens["admin"], officer = federation.tokens["officer_a"], reviewer = federation.tokens["reviewer"]
        let year = InsuranceFixture.year
        let plan = try await visit(.post, "/api/v1/insurance-plans", "/api/v1/insurance-plans", admin, """
            {"code": "\(InsuranceFixture.code("tour"))", "name": "在职职工住院医疗互助保障", "insurer": "北京市职工互助保障会",
             "premium_per_share": "60.00", "max_shares": 2, "deductible": "500.00", "payout_percent": 80, "cap_per_share": "10000.00",
             "cap_per_period": "15000.00", "min_age": 16, "max_age": 70}
            """, .created)
        let planID = try #require(plan.object["id"] as? String)
        _ = try await visit(.get, "/api/v1/insurance-plans", "/api/v1/insurance-plans", officer, nil, .ok)
        _ = try await visit(.get, "/api/v1/insurance-plans/\(planID)", "/api/v1/insurance-plans/{id}", officer, nil, .ok)
        _ = try await visit(.patch, "/api/v1/insurance-plans/\(planID)", "/api/v1/insurance-plans/{id}", admin, #"{"insurer": "中国职工保险互助会"}"#, .ok)
        let period = try await visit(.post, "/api/v1/insurance-periods", "/api/v1/insurance-periods", admin, """
            {"plan_id": "\(planID)", "starts_on": "\(year)-01-01", "ends_on": "\(year)-12-31", "enrol_opens_on": "\(year)-01-01", "enrol_closes_on": "\(year)-12-31"}
            """, .created)
        let periodID = try #require(period.object["id"] as? String)
        _ = try await visit(.get, "/api/v1/insurance-periods?plan_id=\(planID)", "/api/v1/insurance-periods", officer, nil, .ok)
        _ = try await visit(.get, "/api/v1/insurance-periods/\(periodID)", "/api/v1/insurance-periods/{id}", officer, nil, .ok)
        let worker = try await InsuranceFixture.worker(client, federation, serial: 970, sex: .male)
        let enrolment = try await visit(.post, "/api/v1/insurance-enrolments", "/api/v1/insurance-enrolments", officer,
                                        #"{"period_id": "\#(periodID)", "worker_id": "\#(worker)", "shares": 2}"#, .created)
        let enrolmentID = try #require(enrolment.object["id"] as? String)
        _ = try await visit(.post, "/api/v1/insurance-periods/\(periodID)/enrol-roster", "/api/v1/insurance-periods/{id}/enrol-roster", officer,
                            #"{"shares": 1}"#, .ok)
        _ = try await visit(.get, "/api/v1/insurance-periods/\(periodID)/coverage", "/api/v1/insurance-periods/{id}/coverage", admin, nil, .ok)
        _ = try await visit(.get, "/api/v1/insurance-periods/\(periodID)/roster-changes", "/api/v1/insurance-periods/{id}/roster-changes", officer,
                            nil, .ok)
        let claim = try await visit(.post, "/api/v1/insurance-claims", "/api/v1/insurance-claims", officer, """
            {"enrolment_id": "\(enrolmentID)", "incident_on": "\(year)-05-01", "kind": "hospitalisation", "amount_claimed": "3000.00", "documents": ["住院发票"]}
            """, .created)
        let claimID = try #require(claim.object["id"] as? String)
        _ = try await visit(.get, "/api/v1/insurance-claims?enrolment_id=\(enrolmentID)", "/api/v1/insurance-claims", officer, nil, .ok)
        _ = try await visit(.get, "/api/v1/insurance-claims/\(claimID)", "/api/v1/insurance-claims/{id}", officer, nil, .ok)
        _ = try await visit(.post, "/api/v1/insurance-claims/\(claimID)/approve", "/api/v1/insurance-claims/{id}/approve", reviewer, nil, .ok)
        _ = try await visit(.post, "/api/v1/insurance-claims/\(claimID)/pay", "/api/v1/insurance-claims/{id}/pay", reviewer,
                            #"{"method": "bank", "date": "\#(year)-06-01"}"#, .ok)
        let second = try await client.call(.post, "/api/v1/insurance-claims", token: officer, body: """
            {"enrolment_id": "\(enrolmentID)", "incident_on": "\(year)-07-01", "kind": "hospitalisation", "amount_claimed": "800.00"}
            """)
        let secondID = try #require(second.object["id"] as? String)
        _ = try await visit(.post, "/api/v1/insurance-claims/\(secondID)/reject", "/api/v1/insurance-claims/{id}/reject", reviewer,
                            #"{"reason": "材料不全"}"#, .ok)
    }
}
