import Foundation
import PQ
import UnionDomain

/// Clubs (文体队伍): their members and leader, and a year measured against their plan rule.
package struct ClubStore: Sendable {
    let database: Database

    package init(database: Database) { self.database = database }

    static let columns: PQQuery = """
        c.id, c.office_id, c.name, c.sport, c.leader_id, c.activities_per_month, c.competitions_per_season,
        coalesce((SELECT array_agg(m.worker_id::text ORDER BY m.worker_id::text) FROM club_members m WHERE m.club_id = c.id), '{}')
        """

    /// Forms a club of `fields.officeID` (the caller's own office when not named); members are
    /// workers the caller can see.
    package func create(_ principal: Principal, _ fields: ClubFields) async throws -> Club {
        let office = fields.officeID ?? principal.officeID
        return try await database.withSession(principal) { session in
            try session.require(.writeBranchData, office: office)
            do {
                guard let id = try await session.query("""
                    INSERT INTO clubs (office_id, name, sport, leader_id, activities_per_month, competitions_per_season, created_by)
                    VALUES (\(office), \(fields.name), \(fields.sport.rawValue), \(fields.leaderID), \(Int32(fields.activitiesPerMonth)),
                            \(Int32(fields.competitionsPerSeason)), \(principal.userID))
                    RETURNING id
                    """).scalar(Club.ID.self) else { throw StoreError.notFound }
                if !fields.members.isEmpty {
                    try await session.query("""
                        INSERT INTO club_members (club_id, worker_id, office_id) SELECT \(id), unnest(\(fields.members.map(\.description))::uuid[]), \(office)
                        """)
                }
                return try await fetch(session, id)
            } catch let error as PQError where error.sqlState == .insufficientPrivilege {
                throw ValidationFailure([FieldError(field: "members", code: "unknown_worker", message: "must be registered workers you can see",
                                                    messageZH: "须为您可见的已登记职工")])
            }
        }
    }

    package func get(_ principal: Principal, id: Club.ID) async throws -> Club {
        try Policy.require(principal, .readBranchData)
        guard let row = try await database.read(principal, "SELECT \(Self.columns) FROM clubs c WHERE c.id = \(id)").one(Club.self) else {
            throw StoreError.notFound
        }
        return row
    }

    package func list(_ principal: Principal) async throws -> [Club] {
        try Policy.require(principal, .readBranchData)
        return try await database.read(principal, "SELECT \(Self.columns) FROM clubs c ORDER BY c.name COLLATE \"C\", c.id LIMIT 1000").all(Club.self)
    }

    /// The club's `year`: each month and season met or missing.
    package func plan(_ principal: Principal, id: Club.ID, year: Int) async throws -> ClubPlan {
        let club = try await get(principal, id: id)
        let activities = try await ActivityStore(database: database).all(principal, year: year)
        return ClubPlan(club: club, year: year, activities: activities)
    }

    private func fetch(_ session: Session, _ id: Club.ID) async throws -> Club {
        guard let row = try await session.query("SELECT \(Self.columns) FROM clubs c WHERE c.id = \(id)").one(Club.self) else {
            throw StoreError.notFound
        }
        return row
    }
}

extension Club: RowDecodable {
    /// A row of `ClubStore.columns`.
    init(row: PQRow) throws {
        var column = row.cursor()
        let id: ID = try column.next(), office: Office.ID = try column.next(), name: String = try column.next(), sport: Sport = try column.next()
        let leader: Worker.ID? = try column.nextIfPresent()
        let perMonth = Int(try column.next(Int32.self)), perSeason = Int(try column.next(Int32.self))
        let members = try column.next([String].self).compactMap(Worker.ID.init(uuidString:))
        self.init(id: id, officeID: office, name: name, sport: sport, leaderID: leader, members: members, activitiesPerMonth: perMonth,
                  competitionsPerSeason: perSeason)
    }
}
