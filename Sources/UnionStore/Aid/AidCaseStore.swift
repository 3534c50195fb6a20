import Foundation
import PQ
import UnionDomain
import UUIDText

/// Aid cases: filing (with the program's rules checked in the same transaction), the review
/// workflow, and the worker's aid across branches. Money moves in `AidCaseStore+Money.swift`.
package struct AidCaseStore: Sendable {
    let database: Database
    let today: @Sendable () -> CalendarDate

    package init(database: Database, today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() }) {
        self.database = database
        self.today = today
    }

    /// Files a draft: the worker must be the caller's to see, the program open and the person
    /// eligible; the amount defaults to the standard and more needs a justification; the
    /// once-per rule holds across branches and its refusal names no branch.
    package func create(_ principal: Principal, _ fields: AidCaseFields) async throws -> AidCase {
        let today = today()
        return try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            let terms = try await self.terms(session, worker: fields.workerID, programID: fields.programID, fields: fields, today: today)
            let id: AidCase.ID
            do {
                guard let inserted = try await session.query("""
                    INSERT INTO aid_cases (office_id, worker_id, program_id, year, reason, cash_requested, standard_amount, justification,
                                           student_id, school_year, once_key, created_by)
                    VALUES (\(terms.office), \(fields.workerID), \(fields.programID), \(Int32(terms.program.year)), \(fields.reason), \(terms.cash),
                            \(terms.standard), \(fields.justification), \(fields.studentID), \(fields.schoolYear.map(Int32.init)), \(terms.onceKey),
                            \(principal.userID))
                    RETURNING id
                    """).scalar(AidCase.ID.self) else { throw StoreError.notFound }
                id = inserted
            } catch let error as PQError where error.constraint == "aid_cases_once" {
                throw StoreError.conflict(.aid("already_granted"))
            }
            try await writeGoods(session, case: id, office: terms.office, fields.goods)
            return try await Self.load(session, id)
        }
    }

    /// A branch changes a draft or returned case (a holiday visit records its cash and goods here).
    package func update(_ principal: Principal, id: AidCase.ID, _ fields: AidCaseFields) async throws -> AidCase {
        let today = today()
        return try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            let current = try await Self.load(session, id, lock: true)
            guard current.status == .draft || current.status == .returned else { throw StoreError.conflict(.aid("case_not_editable")) }
            guard current.workerID == fields.workerID, current.programID == fields.programID else {
                throw ValidationFailure([FieldError(field: "worker_id", code: "immutable", message: "can't change", messageZH: "不可修改")])
            }
            let terms = try await self.terms(session, worker: fields.workerID, programID: fields.programID, fields: fields, today: today)
            do {
                try await session.query("""
                    UPDATE aid_cases SET reason = \(fields.reason), cash_requested = \(terms.cash), standard_amount = \(terms.standard),
                           justification = \(fields.justification), student_id = \(fields.studentID), school_year = \(fields.schoolYear.map(Int32.init)),
                           once_key = \(terms.onceKey), updated_at = now()
                    WHERE id = \(id)
                    """)
            } catch let error as PQError where error.constraint == "aid_cases_once" {
                throw StoreError.conflict(.aid("already_granted"))
            }
            try await session.query("DELETE FROM aid_case_goods WHERE case_id = \(id)")
            try await writeGoods(session, case: id, office: current.officeID, fields.goods)
            return try await Self.load(session, id)
        }
    }

    struct Terms {
        let office: Office.ID
        let program: AidProgram
        let standard: Money
        let cash: Money
        let onceKey: String
    }

    /// The program's rules applied to this person, read in the caller's transaction.
    private func terms(_ session: Session, worker: Worker.ID, programID: AidProgram.ID, fields: AidCaseFields, today: CalendarDate) async throws -> Terms {
        struct WorkerRow: Decodable {
            let officeId: UUID
            let hardshipTier: String?
            let isModelWorker: Bool
            let honour: String?
        }
        guard let person = try await session.query("""
            SELECT w.office_id, w.hardship_tier, w.is_model_worker, (SELECT m.level FROM model_worker_records m WHERE m.worker_id = w.id) AS honour
            FROM workers w WHERE w.id = \(worker)
            """).first(WorkerRow.self) else { throw StoreError.notFound }
        let program: AidProgram
        do {
            program = try await AidProgramStore.load(session, programID)
        } catch StoreError.notFound {
            throw ValidationFailure([FieldError(field: "program_id", code: "unknown_reference", message: "refers to no program", messageZH: "帮扶项目不存在")])
        }
        guard program.isOpen(on: today) else { throw StoreError.conflict(.aid("program_closed")) }
        guard AidRules.isEligible(program, hasActiveHardshipFile: person.hardshipTier != nil, isModelWorker: person.isModelWorker) else {
            throw StoreError.conflict(.aid("not_eligible"))
        }
        var schoolLevel: HouseholdMember.SchoolLevel?
        var studentKey: String?
        let needsStudent = program.oncePer == .studentSchoolYear || program.standardBasis == .schoolLevel
        if needsStudent, fields.studentID == nil {
            throw ValidationFailure([.required("student_id"), .required("school_year")])
        }
        if let student = fields.studentID {
            struct StudentRow: Decodable {
                let id: UUID
                let idNumber: String?
                let level: String?
            }
            guard let row = try await session.query("""
                SELECT id, id_number, level FROM household_members WHERE id = \(student) AND worker_id = \(worker)
                """).first(StudentRow.self) else {
                throw ValidationFailure([FieldError(field: "student_id", code: "unknown_reference", message: "is not a member of the worker's household",
                                                    messageZH: "不是该职工的家庭成员")])
            }
            schoolLevel = row.level.flatMap(HouseholdMember.SchoolLevel.init(rawValue:))
            // The ID number when known, so a student filed by both parents' branches is one student.
            studentKey = row.idNumber ?? row.id.uuidString.lowercased()
        }
        let key = AidRules.standardKey(program.standardBasis, tier: person.hardshipTier.flatMap(HardshipTier.init(rawValue:)),
                                       honour: person.honour.flatMap(ModelWorkerRecord.Level.init(rawValue:)), schoolLevel: schoolLevel)
        guard let key, let standard = program.standards[key] else { throw StoreError.conflict(.aid("no_standard_applies")) }
        let cash = fields.cashRequested ?? standard
        if cash > standard, fields.justification == nil { throw AidRules.justificationRequired }
        return Terms(office: Office.ID(person.officeId), program: program, standard: standard, cash: cash,
                     onceKey: AidRules.onceKey(program.oncePer, worker: worker, student: studentKey, schoolYear: fields.schoolYear))
    }

    private func writeGoods(_ session: Session, case id: AidCase.ID, office: Office.ID, _ goods: [AidGoods]) async throws {
        for (line, item) in goods.enumerated() {
            try await session.query("""
                INSERT INTO aid_case_goods (case_id, office_id, line, item, quantity, unit, unit_value, source)
                VALUES (\(id), \(office), \(Int32(line)), \(item.item), \(Int32(item.quantity)), \(item.unit), \(item.unitValue), \(item.source.rawValue))
                """)
        }
    }

    package func get(_ principal: Principal, id: AidCase.ID) async throws -> AidCase {
        try Policy.require(principal, .readBranchData)
        guard let row = try await database.read(principal, "SELECT \(AidCaseRow.columns) FROM \(AidCaseRow.from) WHERE c.id = \(id)")
            .first(AidCaseRow.Row.self) else { throw StoreError.notFound }
        return row.aidCase()
    }

    package struct Filter: Sendable {
        package var program: AidProgram.ID?
        package var status: AidCase.Status?
        package var office: Office.ID?
        package var worker: Worker.ID?
        package var year: Int?
        package init(program: AidProgram.ID? = nil, status: AidCase.Status? = nil, office: Office.ID? = nil, worker: Worker.ID? = nil, year: Int? = nil) {
            self.program = program
            self.status = status
            self.office = office
            self.worker = worker
            self.year = year
        }
    }

    /// Cases in scope by id; an office filter outside the scope is 404, as for workers.
    package func list(_ principal: Principal, filter: Filter, limit: Int, after: String?) async throws -> Page<AidCase> {
        try Policy.require(principal, .readBranchData, office: filter.office)
        var conditions: [PQQuery] = ["true"]
        if let program = filter.program { conditions.append("c.program_id = \(program)") }
        if let status = filter.status { conditions.append("c.status = \(status.rawValue)") }
        if let office = filter.office { conditions.append("c.office_id = \(office)") }
        if let worker = filter.worker { conditions.append("c.worker_id = \(worker)") }
        if let year = filter.year { conditions.append("c.year = \(Int32(year))") }
        if let after {
            guard let parts = Cursor.decode(after, count: 1), let last = UUIDText.parse(parts[0]) else { throw Cursor.invalid }
            conditions.append("c.id > \(last)")
        }
        let rows = try await database.read(principal, """
            SELECT \(AidCaseRow.columns) FROM \(AidCaseRow.from) WHERE \(PQQuery.joined(conditions, separator: " AND "))
            ORDER BY c.id\(PQQuery.limit(limit + 1))
            """).decode(AidCaseRow.Row.self)
        return Page.keyset(rows.map { $0.aidCase() }, limit: limit) { [$0.id.description] }
    }

    /// submit (branch), approve | reject | return (area, never the submitter; reject and
    /// return with a reason). A step from the wrong status is a conflict; the row lock makes
    /// concurrent steps take turns.
    package func transition(_ principal: Principal, id: AidCase.ID, _ step: AidTransition, reason: String? = nil) async throws -> AidCase {
        precondition(step != .disburse && step != .reverse, "money moves through disburse(…) and reverse(…)")
        if step == .reject || step == .returnToBranch, reason == nil { throw ValidationFailure([.required("reason")]) }
        return try await database.withSession(principal) { session in
            try session.require(step.action)
            let current = try await Self.load(session, id, lock: true)
            if step.isDecision {
                let decision = Policy.decideApproval(principal, submittedBy: current.submittedBy ?? User.ID(), office: current.officeID)
                guard decision == .allow else { throw PolicyDenial(decision: decision, action: step.action) }
            }
            guard step.from.contains(current.status) else { throw StoreError.conflict(.aid("invalid_transition")) }
            let assignments: PQQuery = switch step {
            case .submit: "submitted_by = \(principal.userID), submitted_at = now(), decided_by = NULL, decided_at = NULL"
            default: "decided_by = \(principal.userID), decided_at = now(), decision_reason = \(reason)"
            }
            try await session.query("UPDATE aid_cases SET status = \(step.to.rawValue), \(assignments), updated_at = now() WHERE id = \(id)")
            return try await Self.load(session, id)
        }
    }

    static func load(_ session: Session, _ id: AidCase.ID, lock: Bool = false) async throws -> AidCase {
        let suffix: PQQuery = lock ? " FOR UPDATE OF c" : ""
        guard let row = try await session.query("SELECT \(AidCaseRow.columns) FROM \(AidCaseRow.from) WHERE c.id = \(id)\(suffix)")
            .first(AidCaseRow.Row.self) else { throw StoreError.notFound }
        return row.aidCase()
    }
}
