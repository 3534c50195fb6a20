import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// The yearly review takes new figures, the area can return a file, and a file shows who moved
/// it along and which 低保 its tier used (issue 10, item 5).
@Suite("Hardship reviews, returns and the trail")
struct HardshipReviewTests {
    static let newFigures = #"{"household_size": 3, "annual_income": "60000.00", "essential_spending": "6000.00", "evidence": ["income_proof"]}"#

    @Test func returnReviewAndTrail() async throws {
        try await withAPI { federation, client in
            try await federation.setDibao()
            let officer = federation.tokens["officer_a"], reviewer = federation.tokens["reviewer"]
            let worker = try await WorkerEndpointTests.register(client, officer, serial: 330)
            let created = try await client.call(.post, "/api/v1/hardship-files", token: officer, body: HardshipEndpointTests.fileBody(worker: worker))
            let base = "/api/v1/hardship-files/\(try #require(created.object["id"] as? String))"
            #expect(created.object["dibao"] as? String == "1395.00")

            let submitted = try await client.call(.post, base + "/submit", token: officer)
            #expect(submitted.object["submitted_by"] as? String == "officer_a")
            #expect(submitted.object["submitted_on"] as? String == CalendarDate.today().description)

            // Returning is the area's: a branch can't, a reason is required, and it goes back to draft.
            #expect(try await client.call(.post, base + "/return", token: officer, body: #"{"reason": "x"}"#).status == .forbidden)
            #expect(try await client.call(.post, base + "/return", token: reviewer, body: "{}").fieldErrors == ["reason"])
            #expect(try await client.call(.post, base + "/return", token: reviewer, body: #"{"reason": "   "}"#).fieldErrors == ["reason"])
            let returned = try await client.call(.post, base + "/return", token: reviewer, body: #"{"reason": "缺少收入证明"}"#)
            #expect(returned.status == .ok)
            #expect(returned.object["status"] as? String == "draft")
            #expect(returned.object["return_reason"] as? String == "缺少收入证明")
            #expect(returned.object["returned_by"] as? String == "reviewer")
            #expect(try await client.call(.post, base + "/return", token: reviewer, body: #"{"reason": "again"}"#).status == .conflict)
            // The branch reads why, and the reason stays after it is submitted again.
            #expect(try await client.call(.get, base, token: federation.tokens["viewer_a"]).object["return_reason"] as? String == "缺少收入证明")
            _ = try await client.call(.post, base + "/submit", token: officer)
            let confirmed = try await client.call(.post, base + "/confirm", token: reviewer)
            #expect(confirmed.object["confirmed_by"] as? String == "reviewer")
            #expect(confirmed.object["return_reason"] as? String == "缺少收入证明")

            // The review needs the figures and recomputes the tier from the 低保 in force today.
            #expect(Set(try await client.call(.post, base + "/review", token: officer, body: "{}").fieldErrors)
                    == ["household_size", "annual_income", "essential_spending"])
            #expect(try await client.call(.post, base + "/review", token: federation.tokens["auditor"], body: Self.newFigures).status == .forbidden)
            _ = try await SettingStore(database: federation.database).set(federation.admin, key: SettingStore.dibao, value: Money(fen: 160_000),
                                                                          from: .today())
            let reviewed = try await client.call(.post, base + "/review", token: officer, body: Self.newFigures)
            #expect(reviewed.status == .ok)
            #expect(reviewed.object["per_capita_monthly"] as? String == "1500.00")
            #expect(reviewed.object["tier"] as? String == "deep")  // 1,500 < 1,600 now (it was relative under 1,395)
            #expect(reviewed.object["dibao"] as? String == "1600.00")
            #expect(reviewed.object["annual_income"] as? String == "60000.00")
            #expect(reviewed.object["evidence"] as? [String] == ["income_proof"])
            #expect(reviewed.object["reviewed_by"] as? String == "officer_a")
            #expect(reviewed.object["reviewed_on"] as? String == CalendarDate.today().description)
            #expect(reviewed.object["submitted_by"] as? String == "officer_a")
            // Figures that no longer qualify are refused, and nothing changes.
            let rich = try await client.call(.post, base + "/review", token: reviewer,
                                             body: #"{"household_size": 3, "annual_income": "500000.00", "essential_spending": "0.00"}"#)
            #expect(rich.status == .unprocessableContent)
            #expect(try await client.call(.get, base, token: officer).object["annual_income"] as? String == "60000.00")
        }
    }
}
