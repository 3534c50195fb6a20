import Foundation
import PQ
import UnionDomain
import UUIDText

/// Aid programs (the area's catalogue) and holiday campaigns' visit lists.
package struct AidProgramStore: Sendable {
    let database: Database

    package init(database: Database) { self.database = database }

    /// Standards travel as `key=amount` text so one statement reads a program whole.
    static let columns: PQQuery = """
        p.id, p.office_id, p.kind, p.name, p.year, p.fund_id, p.budget, p.spent, p.standard_basis, p.opens_on, p.closes_on, p.once_per,
        p.eligibility, p.festival, p.includes_model_workers,
        coalesce((SELECT array_agg(s.key || '=' || s.amount::text ORDER BY s.key) FROM aid_program_standards s WHERE s.program_id = p.id),
                 '{}') AS standards
        """

    struct Row: Decodable {
        let id: UUID
        let officeId: UUID
        let kind: String
        let name: String
        let year: Int32
        let fundId: UUID
        let budget: Money
        let spent: Money
        let standardBasis: String
        let opensOn: CalendarDate?
        let closesOn: CalendarDate?
        let oncePer: String
        let eligibility: String
        let festival: String?
        let includesModelWorkers: Bool
        let standards: [String]

        func program() -> AidProgram {
            var table: [String: Money] = [:]
            for pair in standards {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, let amount = Money(String(parts[1])) { table[String(parts[0])] = amount }
            }
            let kind = AidProgram.Kind(rawValue: kind) ?? .emergencyRelief
            return AidProgram(
                id: AidProgram.ID(id), officeID: Office.ID(officeId), kind: kind, name: name, year: Int(year), fundID: Fund.ID(fundId),
                budget: budget, spent: spent, standardBasis: AidProgram.StandardBasis(rawValue: standardBasis) ?? kind.defaults.basis,
                standards: table, opensOn: opensOn, closesOn: closesOn, oncePer: AidProgram.OncePer(rawValue: oncePer) ?? kind.defaults.oncePer,
                eligibility: AidProgram.Eligibility(rawValue: eligibility) ?? kind.defaults.eligibility,
                festival: festival.flatMap(AidProgram.Festival.init(rawValue:)), includesModelWorkers: includesModelWorkers)
        }
    }

    package func create(_ principal: Principal, _ fields: AidProgramFields) async throws -> AidProgram {
        try await database.withSession(principal) { session in
            try session.require(.manageAid)
            try await requireFund(session, fields.fundID)
            guard let id = try await session.query("""
                INSERT INTO aid_programs (office_id, kind, name, year, fund_id, budget, standard_basis, opens_on, closes_on, once_per,
                                          eligibility, festival, includes_model_workers, created_by)
                VALUES (\(principal.officeID), \(fields.kind.rawValue), \(fields.name), \(Int32(fields.year)), \(fields.fundID), \(fields.budget),
                        \(fields.standardBasis.rawValue), \(fields.opensOn), \(fields.closesOn), \(fields.oncePer.rawValue),
                        \(fields.eligibility.rawValue), \(fields.festival?.rawValue), \(fields.includesModelWorkers), \(principal.userID))
                RETURNING id
                """).scalar(AidProgram.ID.self) else { throw StoreError.notFound }
            try await writeStandards(session, program: id, office: principal.officeID, fields.standards)
            return try await Self.load(session, id)
        }
    }

    /// Replaces a program's terms. A budget below what it already spent is a conflict.
    package func update(_ principal: Principal, id: AidProgram.ID, _ fields: AidProgramFields) async throws -> AidProgram {
        try await database.withSession(principal) { session in
            try session.require(.manageAid)
            let current = try await Self.load(session, id, lock: true)
            guard current.kind == fields.kind else {
                throw ValidationFailure([FieldError(field: "kind", code: "immutable", message: "can't change", messageZH: "不可修改")])
            }
            try await requireFund(session, fields.fundID)
            do {
                try await session.query("""
                    UPDATE aid_programs SET name = \(fields.name), year = \(Int32(fields.year)), fund_id = \(fields.fundID), budget = \(fields.budget),
                           standard_basis = \(fields.standardBasis.rawValue), opens_on = \(fields.opensOn), closes_on = \(fields.closesOn),
                           once_per = \(fields.oncePer.rawValue), eligibility = \(fields.eligibility.rawValue), festival = \(fields.festival?.rawValue),
                           includes_model_workers = \(fields.includesModelWorkers), updated_at = now()
                    WHERE id = \(id)
                    """)
            } catch let error as PQError where error.constraint == "aid_programs_within_budget" {
                throw StoreError.conflict(.aid("budget_below_spent"))
            }
            if fields.standards != current.standards {
                try await session.query("DELETE FROM aid_program_standards WHERE program_id = \(id)")
                try await writeStandards(session, program: id, office: current.officeID, fields.standards)
            }
            return try await Self.load(session, id)
        }
    }

    package func get(_ principal: Principal, id: AidProgram.ID) async throws -> AidProgram {
        try Policy.require(principal, .readBranchData)
        guard let row = try await database.read(principal, "SELECT \(Self.columns) FROM aid_programs p WHERE p.id = \(id)").first(Row.self) else {
            throw StoreError.notFound
        }
        return row.program()
    }

    package func list(_ principal: Principal, year: Int?, kind: AidProgram.Kind?, limit: Int, after: String?) async throws -> Page<AidProgram> {
        try Policy.require(principal, .readBranchData)
        var conditions: [PQQuery] = ["true"]
        if let year { conditions.append("p.year = \(Int32(year))") }
        if let kind { conditions.append("p.kind = \(kind.rawValue)") }
        if let after {
            guard let parts = Cursor.decode(after, count: 1), let last = UUIDText.parse(parts[0]) else { throw Cursor.invalid }
            conditions.append("p.id > \(last)")
        }
        let rows = try await database.read(principal, """
            SELECT \(Self.columns) FROM aid_programs p WHERE \(PQQuery.joined(conditions, separator: " AND ")) ORDER BY p.id\(PQQuery.limit(limit + 1))
            """).decode(Row.self)
        return Page.keyset(rows.map { $0.program() }, limit: limit) { [$0.id.description] }
    }

    /// What a visit list did: cases drafted, and households already on the campaign.
    package struct VisitList: Sendable, Hashable {
        package let created: Int
        package let skipped: Int
    }

    /// Drafts a case for every household in the caller's scope with an active hardship file
    /// (and every model worker, if the program takes them), at the program's flat standard,
    /// skipping households already on the campaign (the once-per index decides, across branches).
    package func visitList(_ principal: Principal, program id: AidProgram.ID) async throws -> VisitList {
        try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            let program = try await Self.load(session, id)
            guard program.kind == .holidayWarmth else { throw StoreError.conflict(.aid("not_a_campaign")) }
            let amount = program.standards["flat"] ?? program.standards.values.min() ?? .zero
            let eligible = try await session.query("""
                SELECT count(*) FROM workers w
                WHERE w.membership_status <> 'deceased'
                  AND (w.hardship_tier IS NOT NULL OR (\(program.includesModelWorkers) AND w.is_model_worker))
                """).scalar(Int.self) ?? 0
            let inserted = try await session.query("""
                INSERT INTO aid_cases (office_id, worker_id, program_id, year, reason, cash_requested, standard_amount, once_key, created_by)
                SELECT w.office_id, w.id, \(id), \(Int32(program.year)), \(program.name), \(amount), \(amount), 'household:' || w.id, \(principal.userID)
                FROM workers w
                WHERE w.membership_status <> 'deceased'
                  AND (w.hardship_tier IS NOT NULL OR (\(program.includesModelWorkers) AND w.is_model_worker))
                ORDER BY w.id
                ON CONFLICT (program_id, once_key) WHERE status NOT IN ('rejected', 'reversed') DO NOTHING
                """).affectedRows
            return VisitList(created: inserted, skipped: eligible - inserted)
        }
    }

    static func load(_ session: Session, _ id: AidProgram.ID, lock: Bool = false) async throws -> AidProgram {
        let suffix: PQQuery = lock ? " FOR UPDATE OF p" : ""
        guard let row = try await session.query("SELECT \(columns) FROM aid_programs p WHERE p.id = \(id)\(suffix)").first(Row.self) else {
            throw StoreError.notFound
        }
        return row.program()
    }

    private func requireFund(_ session: Session, _ fund: Fund.ID) async throws {
        guard try await session.query("SELECT 1 FROM funds WHERE id = \(fund)").scalar(Int32.self) != nil else {
            throw ValidationFailure([FieldError(field: "fund_id", code: "unknown_reference", message: "refers to no fund you can see",
                                                messageZH: "资金不存在")])
        }
    }

    private func writeStandards(_ session: Session, program: AidProgram.ID, office: Office.ID, _ standards: [String: Money]) async throws {
        for (key, amount) in standards.sorted(by: { $0.key < $1.key }) {
            try await session.query("""
                INSERT INTO aid_program_standards (program_id, office_id, key, amount) VALUES (\(program), \(office), \(key), \(amount))
                """)
        }
    }
}
