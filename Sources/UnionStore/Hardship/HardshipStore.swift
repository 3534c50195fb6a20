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

    /// Every read and every RETURNING of a file. The worker's name and the office's code are
    /// read through the caller's row-level security, so they are null where the caller can't
    /// see that worker or office.
    static let columns: PQQuery = """
        id, worker_id, office_id, status, tier, household_size, annual_income, essential_spending, hardship_costs,
        main_cause, secondary_causes, evidence, reviewed_on, confirmed_on, closing_reason,
        dibao, submitted_by_username, submitted_on, confirmed_by_username, reviewed_by_username,
        returned_by_username, returned_on, return_reason,
        (SELECT w.name FROM workers w WHERE w.id = hardship_files.worker_id),
        (SELECT o.code FROM offices o WHERE o.id = hardship_files.office_id)
        """

    package static let notQualifying = ValidationFailure([FieldError(
        field: "annual_income", code: "not_qualifying",
        message: "the household is above twice the minimum living standard and no accident rule applies",
        messageZH: "家庭人均收入超过低保标准两倍，且不符合意外致困条件")])
    package static let noDibao = ValidationFailure([FieldError(
        field: "dibao", code: "not_set", message: "no minimum living standard is set for today (unionctl setting set dibao …)",
        messageZH: "尚未设置当前低保标准")])

    /// Opens a draft file on a worker; the tier is computed here. One open file per household:
    /// a second file on the same head is refused by `hardship_files_one_open_per_worker`, one
    /// covering a person (head or household member, by ID number) another open file covers by
    /// `hardship_file_people_one_open_file` (migration 0008), whichever branch holds the other
    /// file. Both are conflicts whose sentences name no file, office or person.
    package func create(_ principal: Principal, worker: Worker.ID, _ fields: HardshipFields) async throws -> HardshipFile {
        let today = today()
        return try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            guard let office = try await session.query("SELECT office_id FROM workers WHERE id = \(worker)").scalar(Office.ID.self) else {
                throw StoreError.notFound
            }
            try await checkHouseholdSize(session, worker: worker, fields)
            let (tier, dibao) = try await computeTier(session, fields, on: today)
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
            try await checkHouseholdSize(session, worker: current.workerID, fields)
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

    /// submit (branch), confirm (area), return {text} (area), close {reason}. A transition from
    /// the wrong status is a conflict; the row lock makes two concurrent transitions take turns.
    /// Each step keeps who took it (username) and when.
    package func transition(_ principal: Principal, id: HardshipFile.ID, _ transition: HardshipTransition,
                            reason: HardshipFile.ClosingReason? = nil, returnReason: String? = nil) async throws -> HardshipFile {
        if transition == .close, reason == nil {
            throw ValidationFailure([FieldError.unknownValue("reason", allowed: HardshipFile.ClosingReason.allCases.map(\.rawValue))])
        }
        var validator = Validator()
        let returnText = transition == .returnToBranch ? validator.text(returnReason, field: "reason", max: 200) : nil
        try validator.finish()
        let today = today()
        return try await database.withSession(principal) { session in
            try session.require(transition.action)
            let current = try await lock(session, id)
            guard transition.from.contains(current.status) else { throw StoreError.conflict(.invalidTransition) }
            var assignments: PQQuery = "status = \(transition.to.rawValue), updated_at = now()"
            switch transition {
            case .submit:
                assignments.append(", submitted_by = \(principal.userID), submitted_by_username = \(principal.username), submitted_on = \(today)")
            case .confirm:
                assignments.append(", confirmed_by = \(principal.userID), confirmed_by_username = \(principal.username), confirmed_on = \(today)")
            case .returnToBranch:
                assignments.append("""
                    , returned_by = \(principal.userID), returned_by_username = \(principal.username), returned_on = \(today),
                    return_reason = \(returnText)
                    """)
            case .close: assignments.append(", closing_reason = \(reason?.rawValue)")
            }
            guard let row = try await session.query(
                "UPDATE hardship_files SET \(assignments) WHERE id = \(id) RETURNING \(Self.columns)"
            ).one(HardshipFile.self) else { throw StoreError.notFound }
            return row
        }
    }

    /// Files in scope, by id; `overdue` keeps active files not reviewed for 12 months, `office`
    /// one office's files (an office outside the caller's scope is not found, as for workers).
    package func list(_ principal: Principal, overdue: Bool, status: HardshipFile.Status?, office: Office.ID? = nil,
                      limit: Int, after: String?) async throws -> Page<HardshipFile> {
        try Policy.require(principal, .readBranchData, office: office)
        var conditions: [PQQuery] = ["true"]
        if overdue {
            let cutoff = today().adding(months: -12)
            conditions.append("status = 'active' AND coalesce(reviewed_on, confirmed_on) <= \(cutoff)")
        }
        if let status { conditions.append("status = \(status.rawValue)") }
        if let office { conditions.append("office_id = \(office)") }
        if let after {
            guard let parts = Cursor.decode(after, count: 1), let last = UUIDText.parse(parts[0]) else { throw Cursor.invalid }
            conditions.append("id > \(last)")
        }
        let rows = try await database.read(principal, """
            SELECT \(Self.columns) FROM hardship_files WHERE \(PQQuery.joined(conditions, separator: " AND ")) ORDER BY id\(PQQuery.limit(limit + 1))
            """).all(HardshipFile.self)
        return Page.keyset(rows, limit: limit) { [$0.id.description] }
    }

    func lock(_ session: Session, _ id: HardshipFile.ID) async throws -> HardshipFile {
        guard let row = try await session.query("SELECT \(Self.columns) FROM hardship_files WHERE id = \(id) FOR UPDATE").one(HardshipFile.self) else {
            throw StoreError.notFound
        }
        return row
    }

    /// The household counts at least the worker and the recorded members who are alive. The
    /// `deceased` flag of household members comes with migration 0009 (registry rules); read
    /// through the row's JSON it is simply absent before that, and every member counts.
    func checkHouseholdSize(_ session: Session, worker: Worker.ID, _ fields: HardshipFields) async throws {
        let members = try await session.query("""
            SELECT count(*) FROM household_members m
            WHERE m.worker_id = \(worker) AND NOT coalesce((to_jsonb(m) ->> 'deceased')::boolean, false)
            """).scalar(Int.self) ?? 0
        try HardshipRules.checkHouseholdSize(fields.finances.size, recordedMembers: members)
    }

    func computeTier(_ session: Session, _ fields: HardshipFields, on date: CalendarDate) async throws -> (HardshipTier, Money) {
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
            reviewedOn: try column.nextIfPresent(), confirmedOn: try column.nextIfPresent(), closingReason: try column.nextIfPresent(),
            dibao: try column.next(),
            trail: HardshipTrail(submittedBy: try column.nextIfPresent(), submittedOn: try column.nextIfPresent(),
                                 confirmedBy: try column.nextIfPresent(), reviewedBy: try column.nextIfPresent(),
                                 returnedBy: try column.nextIfPresent(), returnedOn: try column.nextIfPresent(),
                                 returnReason: try column.nextIfPresent()),
            workerName: try column.nextIfPresent(), officeCode: try column.nextIfPresent())
    }
}
