import Foundation
import PQ
import Testing
@testable import unionctl
import UnionDomain
import UnionStore
import UnionTestSupport

/// The demo's enterprises, contracts, activities and clubs: a contract in every state, the
/// article's 2000-plus participant-times in this year, ten clubs with gaps in their plans.
@Suite("Demo: contracts and activities")
struct DemoCollectiveWorkTests {
    @Test func theDemoShowsEveryState() async throws {
        try await TestDatabase.with { database in
            try await UnionCtlTests.run(["demo", "load", "--database-url", database.conninfo(user: "unionhall_app"), "--bcrypt-cost", "4",
                                         "--workers-per-branch", "4"])
            let owner = database.ownerPool
            #expect(try await owner.query("SELECT count(DISTINCT ownership) FROM enterprises").scalar(Int.self) == 2)
            let statuses = try await owner.query("SELECT DISTINCT status FROM collective_contracts ORDER BY 1").rows.map { try $0.decode(String.self, at: 0) }
            #expect(statuses == ["effective", "filed", "renewed", "signed", "terminated"])
            #expect(try await owner.query("SELECT count(*) FROM clubs").scalar(Int.self) == 10)
            #expect(try await owner.query("SELECT count(*) FROM activities WHERE head_count >= 500 AND starts_on = '2014-12-06'").scalar(Int.self) == 1)
            let federation = Database(pool: database.appPool)
            guard let admin = try await AuthStore(database: federation).principal(username: "admin") else { throw StoreError.notFound }
            let reasons = Set(try await ContractStore(database: federation).attention(admin).map(\.reason))
            #expect(reasons == Set(ContractAttention.Reason.allCases))
            let figures = try await ActivityStore(database: federation).participation(admin, year: CalendarDate.today().year)
            #expect(figures.reduce(0) { $0 + $1.participantTimes } >= 2000)
        }
    }
}
