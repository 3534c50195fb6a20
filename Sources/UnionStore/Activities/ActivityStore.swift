import Foundation
import PQ
import UnionDomain
import UUIDText

/// Activities: recording events, naming participants (a list or a roster file), and the
/// participant-times of a year.
package struct ActivityStore: Sendable {
    let database: Database

    package init(database: Database) { self.database = database }

    /// Co-organisers and the named count ride along with each row; both subqueries are under
    /// row-level security, which lets whoever sees the activity see them.
    static let columns: PQQuery = """
        a.id, a.office_id, a.kind, a.title, a.starts_on, a.ends_on, a.industry, a.place, a.partners, a.head_count, a.competition, a.club_id,
        coalesce((SELECT array_agg(o.office_id::text ORDER BY o.office_id::text) FROM activity_co_organisers o WHERE o.activity_id = a.id), '{}'),
        (SELECT count(*) FROM activity_participants p WHERE p.activity_id = a.id)
        """

    /// Records an event organised by `fields.officeID` (the caller's own office when not named).
    package func create(_ principal: Principal, _ fields: ActivityFields) async throws -> Activity {
        let office = fields.officeID ?? principal.officeID
        return try await database.withSession(principal) { session in
            try session.require(.writeBranchData, office: office)
            guard let id = try await session.query("""
                INSERT INTO activities (office_id, kind, title, starts_on, ends_on, industry, place, partners, head_count, competition, club_id, created_by)
                VALUES (\(office), \(fields.kind.rawValue), \(fields.title), \(fields.startsOn), \(fields.endsOn), \(fields.industry), \(fields.place),
                        \(fields.partners), \(Int32(fields.headCount)), \(fields.competition), \(fields.clubID), \(principal.userID))
                RETURNING id
                """).scalar(Activity.ID.self) else { throw StoreError.notFound }
            let others = fields.coOrganisers.filter { $0 != office }.map(\.description)
            if !others.isEmpty {
                try await session.query("""
                    INSERT INTO activity_co_organisers (activity_id, office_id) SELECT \(id), unnest(\(others)::uuid[])
                    """)
            }
            return try await fetch(session, id)
        }
    }

    package func get(_ principal: Principal, id: Activity.ID) async throws -> Activity {
        try Policy.require(principal, .readBranchData)
        guard let row = try await database.read(principal, "SELECT \(Self.columns) FROM activities a WHERE a.id = \(id)").one(Activity.self) else {
            throw StoreError.notFound
        }
        return row
    }

    /// The organiser changes an event's details; co-organisers only read it.
    package func update(_ principal: Principal, id: Activity.ID, _ patch: ActivityInput) async throws -> Activity {
        try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            guard let current = try await session.query("SELECT \(Self.columns) FROM activities a WHERE a.id = \(id) FOR UPDATE OF a")
                .one(Activity.self) else { throw StoreError.notFound }
            try session.require(.writeBranchData, office: current.officeID)
            let fields = try ActivityFields(patch.applied(to: ActivityInput(current)))
            try await session.query("""
                UPDATE activities SET kind = \(fields.kind.rawValue), title = \(fields.title), starts_on = \(fields.startsOn), ends_on = \(fields.endsOn),
                       industry = \(fields.industry), place = \(fields.place), partners = \(fields.partners), head_count = \(Int32(fields.headCount)),
                       competition = \(fields.competition), updated_at = now()
                WHERE id = \(id)
                """)
            return try await fetch(session, id)
        }
    }

    /// Activities in scope (organised or co-organised), by start date; filters by year, kind, club.
    package func list(_ principal: Principal, year: Int?, kind: Activity.Kind?, club: Club.ID?, limit: Int, after: String?) async throws -> Page<Activity> {
        try Policy.require(principal, .readBranchData)
        var conditions: [PQQuery] = ["true"]
        if let year, let first = CalendarDate(year: year, month: 1, day: 1), let next = CalendarDate(year: year + 1, month: 1, day: 1) {
            conditions.append("a.starts_on >= \(first) AND a.starts_on < \(next)")
        }
        if let kind { conditions.append("a.kind = \(kind.rawValue)") }
        if let club { conditions.append("a.club_id = \(club)") }
        if let after {
            guard let parts = Cursor.decode(after, count: 2), let day = CalendarDate(iso: parts[0]), let last = UUIDText.parse(parts[1]) else {
                throw Cursor.invalid
            }
            conditions.append("(a.starts_on, a.id) > (\(day), \(last))")
        }
        let rows = try await database.read(principal, """
            SELECT \(Self.columns) FROM activities a WHERE \(PQQuery.joined(conditions, separator: " AND "))
            ORDER BY a.starts_on, a.id\(PQQuery.limit(limit + 1))
            """).all(Activity.self)
        return Page.keyset(rows, limit: limit) { [$0.startsOn.description, $0.id.description] }
    }

    /// Every activity in scope starting in `year` (participation figures, club plans).
    package func all(_ principal: Principal, year: Int) async throws -> [Activity] {
        try Policy.require(principal, .readBranchData)
        guard let first = CalendarDate(year: year, month: 1, day: 1), let next = CalendarDate(year: year + 1, month: 1, day: 1) else { return [] }
        return try await database.read(principal, """
            SELECT \(Self.columns) FROM activities a WHERE a.starts_on >= \(first) AND a.starts_on < \(next) ORDER BY a.starts_on, a.id
            """).all(Activity.self)
    }

    /// 参与人次 of `year` per organising office and kind, over the activities the caller sees.
    package func participation(_ principal: Principal, year: Int) async throws -> [ParticipationFigure] {
        ParticipationFigure.figures(try await all(principal, year: year), year: year)
    }

    package func participants(_ principal: Principal, id: Activity.ID) async throws -> [ActivityParticipant] {
        _ = try await get(principal, id: id)
        // The name joins under workers' row-level security: another branch's worker shows
        // without one.
        return try await database.read(principal, """
            SELECT p.worker_id, w.name, p.result FROM activity_participants p LEFT JOIN workers w ON w.id = p.worker_id
            WHERE p.activity_id = \(id) ORDER BY w.name COLLATE "C" NULLS LAST, p.worker_id
            """).map { row in
            ActivityParticipant(workerID: try row.decode(at: 0), name: try row.decodeIfPresent(at: 1), result: try row.decodeIfPresent(at: 2))
        }
    }

    /// Names participants (the organiser only): each line a worker by id, or by name and ID
    /// number from a roster. A worker already named has their result replaced, so nobody is
    /// counted twice; lines that match no visible worker are refused, with their line numbers,
    /// and nothing is written.
    package func addParticipants(_ principal: Principal, id: Activity.ID, _ lines: [(line: Int, ParticipantLine)]) async throws -> Activity {
        var validator = Validator()
        for (line, item) in lines where item.workerID == nil && item.idNumber == nil { validator.add(.required("line \(line): id_number")) }
        for (line, item) in lines where (item.result?.count ?? 0) > 100 { validator.add(.tooLong("line \(line): result", max: 100)) }
        try validator.finish()
        return try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            guard let office = try await session.query("SELECT office_id FROM activities WHERE id = \(id) FOR UPDATE").scalar(Office.ID.self) else {
                throw StoreError.notFound
            }
            try session.require(.writeBranchData, office: office)
            let numbers = lines.compactMap { $0.1.workerID == nil ? $0.1.idNumber : nil }
            var byNumber: [String: (Worker.ID, String)] = [:]
            if !numbers.isEmpty {
                for row in try await session.query("SELECT id, id_number, name FROM workers WHERE id_number = ANY (\(numbers))").rows {
                    byNumber[try row.decode(String.self, at: 1)] = (try row.decode(at: 0), try row.decode(String.self, at: 2))
                }
            }
            var errors: [FieldError] = []
            var resolved: [(Worker.ID, String?)] = []
            for (line, item) in lines {
                if let worker = item.workerID {
                    resolved.append((worker, item.result))
                } else if let number = item.idNumber, let match = byNumber[number] {
                    if let given = item.name, !given.isEmpty, given != match.1 {
                        errors.append(FieldError(field: "line \(line): name", code: "mismatch", message: "does not match the ID number's worker",
                                                 messageZH: "与身份证号对应的职工姓名不符"))
                    } else {
                        resolved.append((match.0, item.result))
                    }
                } else {
                    errors.append(FieldError(field: "line \(line): id_number", code: "unknown_worker",
                                             message: "is not a registered worker you can see", messageZH: "不是您可见的已登记职工"))
                }
            }
            if !errors.isEmpty { throw ValidationFailure(errors) }
            // Later lines win for a worker named twice in one list.
            var results: [Worker.ID: String?] = [:]
            var order: [Worker.ID] = []
            for (worker, result) in resolved {
                if results[worker] == nil { order.append(worker) }
                results[worker] = .some(result)
            }
            let ids = order.map(\.description)
            let texts = order.map { (results[$0] ?? nil) ?? "" }
            do {
                try await session.query("""
                    INSERT INTO activity_participants (activity_id, office_id, worker_id, result)
                    SELECT \(id), \(office), w, nullif(r, '') FROM unnest(\(ids)::uuid[], \(texts)::text[]) AS t (w, r)
                    ON CONFLICT (activity_id, worker_id) DO UPDATE SET result = EXCLUDED.result
                    """)
            } catch let error as PQError where error.sqlState == .insufficientPrivilege {
                // A worker id the organiser can't see (another branch's): as if it didn't exist.
                throw ValidationFailure([FieldError(field: "worker_id", code: "unknown_worker", message: "is not a registered worker you can see",
                                                    messageZH: "不是您可见的已登记职工")])
            }
            return try await fetch(session, id)
        }
    }

    private func fetch(_ session: Session, _ id: Activity.ID) async throws -> Activity {
        guard let row = try await session.query("SELECT \(Self.columns) FROM activities a WHERE a.id = \(id)").one(Activity.self) else {
            throw StoreError.notFound
        }
        return row
    }
}

extension Activity: RowDecodable {
    /// A row of `ActivityStore.columns`.
    init(row: PQRow) throws {
        var column = row.cursor()
        self.init(id: try column.next(), officeID: try column.next(), kind: try column.next(), title: try column.next(), startsOn: try column.next(),
                  endsOn: try column.next(), industry: try column.nextIfPresent(), place: try column.nextIfPresent(), partners: try column.next(),
                  headCount: Int(try column.next(Int32.self)), competition: try column.next(), clubID: try column.nextIfPresent(),
                  coOrganisers: try column.next([String].self).compactMap(Office.ID.init(uuidString:)), namedCount: try column.next())
    }
}
