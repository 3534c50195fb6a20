import Foundation
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// Row-level security on issue 13's tables, in hand-written SQL as `unionhall_app` with one
/// branch's settings: branch B reads nothing of branch A's enterprises, contracts, clubs and
/// activities, and can't write a row that points at them (or at A's workers).
@Suite("Row-level security: enterprises, contracts, activities")
struct ContractSecurityTests {
    typealias Refs = ReferenceSecurityTests

    struct Fixture {
        let base: Refs.Fixture
        let enterpriseA: Enterprise
        let contractA: CollectiveContract
        let clubA: Club
        let activityA: Activity
    }

    static func fixture(_ database: TestDatabase) async throws -> Fixture {
        let base = try await Refs.fixture(database)
        let officerA = try await base.federation.principal("officer_a")
        let body = "91110106MA0000001"
        let enterprise = try await EnterpriseStore(database: base.federation.database).create(officerA, office: nil, try EnterpriseFields(
            EnterpriseInput(name: "郭庄子建筑公司", creditCode: body + String(CreditCode.checkCharacter(for: body) ?? "0"), ownership: "private", hasUnion: true)))
        let contract = try await ContractStore(database: base.federation.database).create(officerA, try ContractFields(ContractInput(
            enterpriseId: enterprise.id.description, kind: "comprehensive", signedOn: "2026-01-05", startsOn: "2026-01-05", endsOn: "2027-01-04",
            votesFor: 60, votesTotal: 100)))
        let club = try await ClubStore(database: base.federation.database).create(officerA, try ClubFields(ClubInput(
            name: "篮球队", sport: "basketball", leaderId: base.workerA.id.description)))
        let activity = try await ActivityStore(database: base.federation.database).create(officerA, try ActivityFields(ActivityInput(
            kind: "sports", title: "篮球赛", startsOn: "2026-03-01", clubId: club.id.description)))
        _ = try await ActivityStore(database: base.federation.database).addParticipants(officerA, id: activity.id, [(1, ParticipantLine(workerID: base.workerA.id))])
        return Fixture(base: base, enterpriseA: enterprise, contractA: contract, clubA: club, activityA: activity)
    }

    /// A row in each of issue 13's tables, written by `officer` (for the no-scope check, which
    /// needs every table populated).
    static func fillEveryTable(_ database: Database, _ officer: Principal, worker: Worker.ID, coOrganiser: Office.ID) async throws {
        let body = "91110106MA0000009"
        let enterprise = try await EnterpriseStore(database: database).create(officer, office: nil, try EnterpriseFields(EnterpriseInput(
            name: "李家村物流公司", creditCode: body + String(CreditCode.checkCharacter(for: body) ?? "0"), ownership: "private")))
        _ = try await ContractStore(database: database).create(officer, try ContractFields(ContractInput(
            enterpriseId: enterprise.id.description, kind: "wage", signedOn: "2026-01-05", startsOn: "2026-01-05", endsOn: "2027-01-04",
            votesFor: 60, votesTotal: 100)))
        let club = try await ClubStore(database: database).create(officer, try ClubFields(ClubInput(name: "足球队", sport: "football",
                                                                                                    leaderId: worker.description)))
        let activity = try await ActivityStore(database: database).create(officer, try ActivityFields(ActivityInput(
            kind: "sports", title: "足球赛", startsOn: "2026-04-01", clubId: club.id.description, coOrganisers: [coOrganiser.description])))
        _ = try await ActivityStore(database: database).addParticipants(officer, id: activity.id, [(1, ParticipantLine(workerID: worker))])
    }

    static func count(_ database: TestDatabase, scope office: Office.ID, _ table: String) async throws -> Int {
        try await database.appPool.withTransaction { connection in
            try await connection.query(RowLevelSecurityTests.scoped(office, user: User.ID(UUID())))
            return try await connection.query("SELECT count(*) FROM \(unescaped: table)").scalar(Int.self) ?? -1
        }
    }

    @Test func branchBReadsNoneOfBranchAsRows() async throws {
        try await TestDatabase.with { database in
            let fixture = try await Self.fixture(database)
            for table in ["enterprises", "collective_contracts", "clubs", "club_members", "activities", "activity_participants"] {
                #expect(try await Self.count(database, scope: fixture.base.a, table) >= 1, "\(table)")
                #expect(try await Self.count(database, scope: fixture.base.b, table) == 0, "\(table)")
            }
        }
    }

    @Test func branchBCantPointAtBranchAsRows() async throws {
        try await TestDatabase.with { database in
            let fixture = try await Self.fixture(database)
            let (a, b) = (fixture.base.a, fixture.base.b)
            let enterprise = fixture.enterpriseA.id, workerA = fixture.base.workerA.id
            // An enterprise filed under A's office; a union office that isn't an enterprise office.
            await Refs.expectRefused(database, scope: b, """
                INSERT INTO enterprises (office_id, name, credit_code, ownership) VALUES (\(a), '某公司', '91350100M000100Y43', 'private')
                """)
            await Refs.expectRefused(database, scope: b, """
                INSERT INTO enterprises (office_id, union_office_id, name, credit_code, ownership, has_union)
                VALUES (\(b), \(b), '某公司', '91350100M000100Y43', 'private', true)
                """)
            // A contract for A's enterprise carrying B's office.
            await Refs.expectRefused(database, scope: b, """
                INSERT INTO collective_contracts (enterprise_id, office_id, kind, signed_on, starts_on, ends_on, votes_for, votes_total)
                VALUES (\(enterprise), \(b), 'wage', '2026-01-05', '2026-01-05', '2027-01-04', 60, 100)
                """)
            // B's worker naming A's enterprise as employer.
            await Refs.expectRefused(database, scope: b, "UPDATE workers SET employer_id = \(enterprise) WHERE id = \(fixture.base.workerB.id)")
            // Clubs and members: A's worker as B's leader or member.
            await Refs.expectRefused(database, scope: b, "INSERT INTO clubs (office_id, name, sport, leader_id) VALUES (\(b), '足球队', 'football', \(workerA))")
            await Refs.expectRefused(database, scope: b, "INSERT INTO club_members (club_id, worker_id, office_id) VALUES (\(fixture.clubA.id), \(workerA), \(b))")
            // Activities: B's event in A's club; co-organising or naming participants for A's event.
            await Refs.expectRefused(database, scope: b, """
                INSERT INTO activities (office_id, kind, title, starts_on, ends_on, club_id)
                VALUES (\(b), 'sports', '比赛', '2026-03-01', '2026-03-01', \(fixture.clubA.id))
                """)
            await Refs.expectRefused(database, scope: b, "INSERT INTO activity_co_organisers (activity_id, office_id) VALUES (\(fixture.activityA.id), \(b))")
            await Refs.expectRefused(database, scope: b, """
                INSERT INTO activity_participants (activity_id, office_id, worker_id) VALUES (\(fixture.activityA.id), \(b), \(fixture.base.workerB.id))
                """)
            // Updates of A's rows touch nothing.
            try await Refs.run(database, scope: b, "UPDATE collective_contracts SET status = 'filed', filed_on = '2026-01-06'")
            try await Refs.run(database, scope: b, "UPDATE activities SET head_count = 9999")
            let owner = database.ownerPool
            #expect(try await owner.query("SELECT status FROM collective_contracts WHERE id = \(fixture.contractA.id)").scalar(String.self) == "signed")
            #expect(try await owner.query("SELECT head_count FROM activities WHERE id = \(fixture.activityA.id)").scalar(Int.self) == 0)
            // The office a row lives in is not the app role's to change.
            await Refs.expectRefused(database, scope: a, "UPDATE enterprises SET office_id = \(b) WHERE id = \(enterprise)")
            // The same statements for A's own rows go through.
            try await Refs.run(database, scope: a, "UPDATE workers SET employer_id = \(enterprise) WHERE id = \(workerA)")
            try await Refs.run(database, scope: a, "INSERT INTO activity_co_organisers (activity_id, office_id) VALUES (\(fixture.activityA.id), \(b))")
        }
    }

    /// A co-organiser sees the event and its participant count, but can't change it.
    @Test func coOrganisersSeeTheEvent() async throws {
        try await TestDatabase.with { database in
            let fixture = try await Self.fixture(database)
            #expect(try await Self.count(database, scope: fixture.base.b, "activities") == 0)
            try await Refs.run(database, scope: fixture.base.a,
                               "INSERT INTO activity_co_organisers (activity_id, office_id) VALUES (\(fixture.activityA.id), \(fixture.base.b))")
            #expect(try await Self.count(database, scope: fixture.base.b, "activities") == 1)
            #expect(try await Self.count(database, scope: fixture.base.b, "activity_co_organisers") == 1)
            let officerB = try await fixture.base.federation.principal("officer_b")
            let seen = try await ActivityStore(database: fixture.base.federation.database).get(officerB, id: fixture.activityA.id)
            #expect(seen.coOrganisers == [fixture.base.b])
            await #expect(throws: StoreError.notFound) {
                _ = try await ActivityStore(database: fixture.base.federation.database).update(officerB, id: fixture.activityA.id, ActivityInput(headCount: 5))
            }
        }
    }
}
