import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import UnionDomain
import UnionTestSupport

@Suite("Activity and club endpoints")
struct ActivityEndpointTests {
    static func activityBody(kind: String = "safety_training", title: String = "建筑行业安全员安全知识培训", on date: String = "2026-05-10",
                             extra: String = "") -> String {
        #"{"kind": "\#(kind)", "title": "\#(title)", "starts_on": "\#(date)", "industry": "建筑", "place": "卢沟桥乡", "partners": ["卢沟桥乡政府", "卢沟桥中都公司"]\#(extra)}"#
    }

    @Test func coOrganisedEventsCountOnceForTheirOrganiser() async throws {
        try await withAPI { federation, client in
            let admin = federation.tokens["admin"], officer = federation.tokens["officer_a"]
            let workerA = try await WorkerEndpointTests.register(client, officer, serial: 500, name: "王芳")
            _ = try await WorkerEndpointTests.register(client, officer, serial: 501, name: "李娜")
            let ride = try await client.call(.post, "/api/v1/activities", token: admin, body: Self.activityBody(
                kind: "sports", title: "文明安全出行骑行活动", on: "2026-12-06",
                extra: #", "head_count": 500, "co_organisers": ["\#(federation.branchA.id)"]"#))
            #expect(ride.status == .created, "\(ride.object)")
            let rideID = try #require(ride.object["id"] as? String)
            #expect(ride.object["co_organisers"] as? [String] == [federation.branchA.id.description])
            #expect(try await client.call(.get, "/api/v1/activities/\(rideID)", token: officer).status == .ok)
            #expect(try await client.call(.get, "/api/v1/activities/\(rideID)", token: federation.tokens["officer_b"]).status == .notFound)
            #expect(try await client.call(.patch, "/api/v1/activities/\(rideID)", token: officer, body: #"{"head_count": 1}"#).status == .notFound)

            // Named by id, then the same worker again by roster with a result: still one.
            let named = try await client.call(.post, "/api/v1/activities/\(rideID)/participants", token: admin,
                                              body: #"{"participants": [{"worker_id": "\#(workerA)"}]}"#)
            #expect(named.object["named_count"] as? Int == 1)
            let csv = "姓名,身份证号,成绩\n王芳,\(TestIDNumbers.make(serial: 500)),完成\n李娜,\(TestIDNumbers.make(serial: 501)),\n"
            let roster = try await client.call(.post, "/api/v1/activities/\(rideID)/participants", token: admin, body: csv,
                                               headers: [.contentType: "text/csv; charset=utf-8"])
            #expect(roster.status == .ok, "\(roster.object)")
            #expect(roster.object["named_count"] as? Int == 2)
            #expect(roster.object["participant_times"] as? Int == 502)
            let unknown = try await client.call(.post, "/api/v1/activities/\(rideID)/participants", token: admin,
                                                body: "name,id_number\n某人,\(TestIDNumbers.make(serial: 599))\n", headers: [.contentType: "text/csv"])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.fieldErrors == ["line 2: id_number"])
            let list = try await client.call(.get, "/api/v1/activities/\(rideID)/participants", token: officer)
            #expect(list.items.compactMap { $0["result"] as? String } == ["完成"])

            // The branch's own training, with worker A again: a worker at two events counts twice.
            let training = try await client.call(.post, "/api/v1/activities", token: officer, body: Self.activityBody(extra: #", "head_count": 30"#))
            let trainingID = try #require(training.object["id"] as? String)
            _ = try await client.call(.post, "/api/v1/activities/\(trainingID)/participants", token: officer,
                                      body: #"{"participants": [{"worker_id": "\#(workerA)", "result": "合格"}]}"#)
            let area = try await client.call(.get, "/api/v1/activities/participation?year=2026", token: admin)
            #expect(area.object["total"] as? Int == 502 + 31)
            let branch = try await client.call(.get, "/api/v1/activities/participation?year=2026", token: officer)
            #expect(branch.object["total"] as? Int == 502 + 31)
            let items = branch.object["items"] as? [[String: Any]] ?? []
            #expect(items.first { $0["kind"] as? String == "sports" }?["office_id"] as? String == federation.area.id.description)
            #expect(try await client.call(.get, "/api/v1/activities/participation?year=2026", token: federation.tokens["officer_b"]).object["total"] as? Int == 0)
            #expect(try await client.call(.get, "/api/v1/activities/participation", token: admin).fieldErrors == ["year"])
            #expect(try await client.call(.get, "/api/v1/activities?year=2026&kind=sports", token: officer).items.count == 1)
        }
    }

    @Test func aClubsPlanShowsWhatIsMissing() async throws {
        try await withAPI { federation, client in
            let officer = federation.tokens["officer_a"]
            let leader = try await WorkerEndpointTests.register(client, officer, serial: 520, name: "赵磊")
            let club = try await client.call(.post, "/api/v1/clubs", token: officer,
                                             body: #"{"name": "职工骑行队", "sport": "cycling", "leader_id": "\#(leader)"}"#)
            #expect(club.status == .created, "\(club.object)")
            let clubID = try #require(club.object["id"] as? String)
            #expect(club.object["members"] as? [String] == [leader])
            let other = try await WorkerEndpointTests.register(client, federation.tokens["officer_b"], serial: 521, name: "孙丽")
            let foreign = try await client.call(.post, "/api/v1/clubs", token: officer, body: #"{"name": "篮球队", "sport": "basketball", "members": ["\#(other)"]}"#)
            #expect(foreign.status == .unprocessableContent)
            for month in [1, 2, 3, 5] {
                let body = Self.activityBody(kind: "sports", title: "骑行", on: "2026-0\(month)-10",
                                             extra: #", "club_id": "\#(clubID)", "competition": \#(month == 2)"#)
                #expect(try await client.call(.post, "/api/v1/activities", token: officer, body: body).status == .created)
            }
            let plan = try await client.call(.get, "/api/v1/clubs/\(clubID)/plan?year=2026", token: federation.tokens["viewer_a"])
            #expect(plan.object["missing_months"] as? [Int] == [4, 6, 7, 8, 9, 10, 11, 12])
            #expect(plan.object["missing_seasons"] as? [Int] == [2, 3, 4])
            #expect(try await client.call(.get, "/api/v1/clubs/\(clubID)", token: federation.tokens["officer_b"]).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/clubs", token: federation.tokens["officer_b"]).items.isEmpty)
        }
    }
}
