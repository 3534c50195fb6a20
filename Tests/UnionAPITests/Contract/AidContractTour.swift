import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import UnionTestSupport

/// The aid operations' part of the contract tour: each visited once with input it accepts.
enum AidContractTour {
    typealias Visit = (HTTPRequest.Method, String, String, String?, String?, HTTPResponse.Status) async throws -> Reply

    static func visit(_ federation: Federation, _ client: some TestClientProtocol, _ visit: Visit) async throws {
        let admin = federation.tokens["admin"], officer = federation.tokens["officer_a"], reviewer = federation.tokens["reviewer"]
        let year = AidFixture.year
        let fund = try await visit(.post, "/api/v1/funds", "/api/v1/funds", admin, #"{"name": "巡检资金", "source": "donation"}"#, .created)
        let fundID = try #require(fund.object["id"] as? String)
        _ = try await visit(.get, "/api/v1/funds", "/api/v1/funds", reviewer, nil, .ok)
        _ = try await visit(.get, "/api/v1/funds/\(fundID)", "/api/v1/funds/{id}", admin, nil, .ok)
        _ = try await visit(.post, "/api/v1/funds/\(fundID)/receipts", "/api/v1/funds/{id}/receipts", admin,
                            #"{"amount": "20000.00", "payer": "爱心企业", "date": "\#(year)-01-02", "memo": "捐赠"}"#, .created)
        _ = try await visit(.get, "/api/v1/funds/\(fundID)/ledger", "/api/v1/funds/{id}/ledger", admin, nil, .ok)
        let program = try await visit(.post, "/api/v1/aid-programs", "/api/v1/aid-programs", admin, """
            {"kind": "holiday_warmth", "name": "中秋送温暖", "year": \(year), "fund_id": "\(fundID)", "budget": "10000.00",
             "standards": \(AidFixture.standards([("flat", "300.00")])), "festival": "mid_autumn", "includes_model_workers": true}
            """, .created)
        let programID = try #require(program.object["id"] as? String)
        _ = try await visit(.get, "/api/v1/aid-programs?year=\(year)", "/api/v1/aid-programs", officer, nil, .ok)
        _ = try await visit(.get, "/api/v1/aid-programs/\(programID)", "/api/v1/aid-programs/{id}", officer, nil, .ok)
        _ = try await visit(.patch, "/api/v1/aid-programs/\(programID)", "/api/v1/aid-programs/{id}", admin, #"{"budget": "12000.00"}"#, .ok)
        let worker = try await WorkerEndpointTests.register(client, officer, serial: 960)
        _ = try await client.call(.put, "/api/v1/workers/\(worker)/model-worker", token: officer,
                                  body: #"{"level": "municipal", "title": "北京市劳动模范", "year_awarded": 2015}"#)
        _ = try await visit(.post, "/api/v1/aid-programs/\(programID)/visit-list", "/api/v1/aid-programs/{id}/visit-list", officer, nil, .ok)
        let visits = try await visit(.get, "/api/v1/aid-cases?program_id=\(programID)", "/api/v1/aid-cases", officer, nil, .ok)
        let visitID = try #require(visits.items.first?["id"] as? String)
        _ = try await visit(.patch, "/api/v1/aid-cases/\(visitID)", "/api/v1/aid-cases/{id}", officer,
                            #"{"goods": [{"item": "月饼", "quantity": 2, "unit": "盒", "unit_value": "50.00", "source": "donated"}]}"#, .ok)
        _ = try await visit(.get, "/api/v1/aid-cases/\(visitID)", "/api/v1/aid-cases/{id}", officer, nil, .ok)
        _ = try await visit(.post, "/api/v1/aid-cases/\(visitID)/submit", "/api/v1/aid-cases/{id}/submit", officer, nil, .ok)
        _ = try await visit(.post, "/api/v1/aid-cases/\(visitID)/return", "/api/v1/aid-cases/{id}/return", reviewer, #"{"reason": "补拍照片"}"#, .ok)
        _ = try await client.call(.post, "/api/v1/aid-cases/\(visitID)/submit", token: officer)
        _ = try await visit(.post, "/api/v1/aid-cases/\(visitID)/approve", "/api/v1/aid-cases/{id}/approve", reviewer, nil, .ok)
        _ = try await visit(.post, "/api/v1/aid-cases/\(visitID)/disburse", "/api/v1/aid-cases/{id}/disburse", reviewer,
                            #"{"method": "cash", "cash_paid": "300.00", "date": "\#(year)-09-20"}"#, .ok)
        _ = try await visit(.get, "/api/v1/workers/\(worker)/aid", "/api/v1/workers/{id}/aid", officer, nil, .ok)
        _ = try await visit(.post, "/api/v1/aid-cases/\(visitID)/reverse", "/api/v1/aid-cases/{id}/reverse", admin, #"{"reason": "录入错误"}"#, .ok)
        let emergency = try await AidFixture.program(client, federation, kind: "emergency_relief", fund: fundID, standards: [("flat", "800.00")])
        _ = try await visit(.post, "/api/v1/aid-cases", "/api/v1/aid-cases", officer,
                            AidFixture.caseBody(worker: worker, program: emergency,
                                                extra: #", "goods": [{"item": "米", "quantity": 2, "unit": "袋", "unit_value": "100.00"}]"#), .created)
        let filed = try await client.call(.get, "/api/v1/aid-cases?program_id=\(emergency)", token: officer)
        let filedID = try #require(filed.items.first?["id"] as? String)
        _ = try await client.call(.post, "/api/v1/aid-cases/\(filedID)/submit", token: officer)
        _ = try await visit(.post, "/api/v1/aid-cases/\(filedID)/reject", "/api/v1/aid-cases/{id}/reject", reviewer, #"{"reason": "材料不全"}"#, .ok)
    }
}
