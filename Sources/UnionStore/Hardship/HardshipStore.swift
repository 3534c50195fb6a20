import Foundation
import PQ
import UnionDomain
import UUIDText

/// Hardship files: opening, editing, the submit → confirm → close workflow, yearly reviews.
package struct HardshipStore: Sendable {
    let database: Database
    /// "Today" in Beijing; injected so tests can move the clock.
    let today: @Sendable () -> CalendarDate

    package init(database: Database, today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() }) {
        self.database = database
        self.today = today
    }

    static let columns: PQQuery = """
        id, worker_id, office_id, status, tier, household_size, annual_income, essential_spending, hardship_costs,
        main_cause, secondary_causes, evidence, reviewed_on, confirmed_on, closing_reason
        """

    package static let notQualifying = ValidationFailure([FieldError(
        field: "annual_income", code: "not_qualifying",
        message: "the household is above twice the minimum living standard and no accident rule applies",
        messageZH: "家庭人均收入超过低保标准两倍，且不符合意外致困条件")])
    package static let noDibao = ValidationFailure([FieldError(
        field: "dibao", code: "not_set", message: "no minimum living standard is set for today (unionctl setting set dibao …)",
        messageZH: "尚未设置当前低保标准")])

    /// Opens a draft file on a worker (one open file per household); the tier is computed here.
    package func create(_ principal: Principal, worker: Worker.ID, _ fields: HardshipFields) async throws -> HardshipFile {
        let today = today()
        return try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            guard let office = try await session.query("SELECT office_id FROM workers WHERE id = \(worker)").scalar(Office.ID.self) else {
                throw StoreError.notFound
            }
            let (tier, dibao) = try await computeTier(session, fields, on: today)
            // A second open file for the household is refused by hardship_files_one_open_per_worker
            // (conflict `open_hardship_file_exists`).
            guard let row = try await session.query("""
                INSERT INTO hardship_files (worker_id, office_id, tier, household_size, annual_income, essential_spending, hardship_costs,
                                            per_capita_monthly, dibao, main_cause, secondary_causes, evidence, created_by)
                VALUES (\(worker), \(office), \(tier.rawValue), \(Int32(fields.finances.size)), \(fields.finances.annualIncome),
                        \(fields.finances.essentialSpending), \(fields.finances.hardshipCosts), \(fields.finances.perCapitaMonthly), \(dibao),
                        \(fields.mainCause.rawValue), \(fields.secondaryCauses.map(\.rawValue)), \(fields.evidence.map(\.rawValue)), \(principal.userID))
                RETURNING \(Self.columns)
                """).one(HardshipFile.self) else { throw StoreError.notFound }
            return row
        }
    }

    package func get(_ principal: Principal, id: HardshipFile.ID) async throws -> HardshipFile {
        try Policy.require(principal, .readBranchData)
        guard let row = try await database.read(principal, "SELECT \(Self.columns) FROM hardship_files WHERE id = \(id)").one(HardshipFile.self) else {
            throw StoreError.notFound
        }
        return row
    }

    /// Applies a PATCH to the figures of a draft or submitted file and recomputes its tier: the
    /// row is locked, the patch laid over what is stored now and validated whole
    /// (`ValidationFailure`, nothing written), all in one transaction.
    package func update(_ principal: Principal, id: HardshipFile.ID, _ patch: HardshipPatch) async throws -> HardshipFile {
        let today = today()
        return try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            let current = try await lock(session, id)
            guard current.status == .draft || current.status == .submitted else {
                throw StoreError.conflict(.fileNotEditable)
            }
            let fields = try current.applying(patch)
            let (tier, dibao) = try await computeTier(session, fields, on: today)
            guard let row = try await session.query("""
                UPDATE hardship_files SET tier = \(tier.rawValue), household_size = \(Int32(fields.finances.size)),
                       annual_income = \(fields.finances.annualIncome), essential_spending = \(fields.finances.essentialSpending),
                       hardship_costs = \(fields.finances.hardshipCosts), per_capita_monthly = \(fields.finances.perCapitaMonthly),
                       dibao = \(dibao), main_cause = \(fields.mainCause.rawValue), secondary_causes = \(fields.secondaryCauses.map(\.rawValue)),
                       evidence = \(fields.evidence.map(\.rawValue)), updated_at = now()
                WHERE id = \(id) RETURNING \(Self.columns)
                """).one(HardshipFile.self) else { throw StoreError.notFound }
            return row
        }
    }

    /// submit (branch), confirm (area), close {reason}. A transition from the wrong status is a
    /// conflict; the row lock makes two concurrent transitions take turns.
    package func transition(_ principal: Principal, id: HardshipFile.ID, _ transition: HardshipTransition,
                            reason: HardshipFile.ClosingReason? = nil) async throws -> HardshipFile {
        if transition == .close, reason == nil {
            throw ValidationFailure([FieldError.unknownValue("reason", allowed: HardshipFile.ClosingReason.allCases.map(\.rawValue))])
        }
        let today = today()
        return try await database.withSession(principal) { session in
            try session.require(transition.action)
            let current = try await lock(session, id)
            guard transition.from.contains(current.status) else { throw StoreError.conflict(.invalidTransition) }
            var assignments: PQQuery = "status = \(transition.to.rawValue), updated_at = now()"
            switch transition {
            case .submit: assignments.append(", submitted_by = \(principal.userID)")
            case .confirm: assignments.append(", confirmed_by = \(principal.userID), confirmed_on = \(today)")
            case .close: assignments.append(", closing_reason = \(reason?.rawValue)")
            }
            guard let row = try await session.query(
                "UPDATE hardship_files SET \(assignments) WHERE id = \(id) RETURNING \(Self.columns)"
            ).one(HardshipFile.self) else { throw StoreError.notFound }
            return row
        }
    }

    /// The yearly review: recomputes the tier against today's minimum living standard and
    /// stamps reviewer and date.
    package func review(_ principal: Principal, id: HardshipFile.ID) async throws -> HardshipFile {
        let today = today()
        return try await database.withSession(principal) { session in
            guard Policy.decide(principal, .writeBranchData) == .allow || Policy.decide(principal, .reviewCases) == .allow else {
                throw StoreError.forbidden
            }
            let current = try await lock(session, id)
            guard current.status == .active else { throw StoreError.conflict(.fileNotActive) }
            guard let dibao = try await SettingStore(database: database).value(session, key: SettingStore.dibao, on: today) else {
                throw Self.noDibao
            }
            // A household that no longer qualifies keeps its tier until it is closed as lifted.
            let tier = HardshipRules.tier(for: current.finances, dibao: dibao, mainCause: current.mainCause) ?? current.tier
            guard let row = try await session.query("""
                UPDATE hardship_files SET tier = \(tier.rawValue), dibao = \(dibao), reviewed_by = \(principal.userID),
                       reviewed_on = \(today), updated_at = now()
                WHERE id = \(id) RETURNING \(Self.columns)
                """).one(HardshipFile.self) else { throw StoreError.notFound }
            return row
        }
    }

    /// Files in scope, newest first by id; `overdue` keeps active files not reviewed for 12 months.
    package func list(_ principal: Principal, overdue: Bool, status: HardshipFile.Status?, limit: Int, after: String?) async throws -> Page<HardshipFile> {
        try Policy.require(principal, .readBranchData)
        var conditions: [PQQuery] = ["true"]
        if overdue {
            let cutoff = today().adding(months: -12)
            conditions.append("status = 'active' AND coalesce(reviewed_on, confirmed_on) <= \(cutoff)")
        }
        if let status { conditions.append("status = \(status.rawValue)") }
        if let after {
            guard let parts = Cursor.decode(after, count: 1), let last = UUIDText.parse(parts[0]) else { throw Cursor.invalid }
            conditions.append("id > \(last)")
        }
        let rows = try await database.read(principal, """
            SELECT \(Self.columns) FROM hardship_files WHERE \(PQQuery.joined(conditions, separator: " AND ")) ORDER BY id\(PQQuery.limit(limit + 1))
            """).all(HardshipFile.self)
        return Page.keyset(rows, limit: limit) { [$0.id.description] }
    }

    private func lock(_ session: Session, _ id: HardshipFile.ID) async throws -> HardshipFile {
        guard let row = try await session.query("SELECT \(Self.columns) FROM hardship_files WHERE id = \(id) FOR UPDATE").one(HardshipFile.self) else {
            throw StoreError.notFound
        }
        return row
    }

    private func computeTier(_ session: Session, _ fields: HardshipFields, on date: CalendarDate) async throws -> (HardshipTier, Money) {
        guard let dibao = try await SettingStore(database: database).value(session, key: SettingStore.dibao, on: date) else {
            throw Self.noDibao
        }
        guard let tier = HardshipRules.tier(for: fields.finances, dibao: dibao, mainCause: fields.mainCause) else {
            throw Self.notQualifying
        }
        return (tier, dibao)
    }
}

extension HardshipFile: RowDecodable {
    /// A row of `HardshipStore.columns`.
    init(row: PQRow) throws {
        var column = row.cursor()
        self.init(
            id: try column.next(), workerID: try column.next(), officeID: try column.next(), status: try column.next(), tier: try column.next(),
            finances: HouseholdFinances(size: Int(try column.next(Int32.self)), annualIncome: try column.next(),
                                        essentialSpending: try column.next(), hardshipCosts: try column.next()),
            mainCause: try column.next(), secondaryCauses: try enumerations(try column.next([String].self), as: HardshipCause.self),
            evidence: try enumerations(try column.next([String].self), as: HardshipEvidence.self),
            reviewedOn: try column.nextIfPresent(), confirmedOn: try column.nextIfPresent(), closingReason: try column.nextIfPresent())
    }
}
