import Foundation
import PQ
import UnionDomain
import UUIDText

/// Workers: registration, lookup, keyset lists, updates and transfers between branches.
package struct WorkerStore: Sendable {
    let database: Database
    package init(database: Database) { self.database = database }

    package struct Filter: Sendable {
        package var office: Office.ID?
        package var status: MembershipStatus?
        package var tier: HardshipTier?
        package var modelWorker: Bool?
        package var name: String?
        package var idNumber: String?
        package init(office: Office.ID? = nil, status: MembershipStatus? = nil, tier: HardshipTier? = nil, modelWorker: Bool? = nil,
                     name: String? = nil, idNumber: String? = nil) {
            self.office = office
            self.status = status
            self.tier = tier
            self.modelWorker = modelWorker
            self.name = name
            self.idNumber = idNumber
        }
    }

    static let select: PQQuery = """
        SELECT w.id, w.office_id, w.name, w.id_number, w.sex, w.birth_date, w.phone, w.hukou, w.employer, w.occupation,
               w.membership_status, w.member_since, w.member_card_number, w.is_model_worker, w.hardship_tier, w.employer_id
        FROM workers w
        """

    /// A row of `select`, column by column in its order. By hand rather than `Decodable`:
    /// this runs for every worker every endpoint returns.
    static func worker(_ row: PQRow) throws -> Worker {
        var column = row.cursor()
        return Worker(
            id: try column.next(), officeID: try column.next(), name: try column.next(), idNumber: try column.next(),
            sex: try column.next(), birthDate: try column.next(), phone: try column.nextIfPresent(), hukou: try column.nextIfPresent(),
            employer: try column.nextIfPresent(), occupation: try column.nextIfPresent(), membershipStatus: try column.next(),
            memberSince: try column.nextIfPresent(), memberCardNumber: try column.nextIfPresent(), isModelWorker: try column.next(),
            hardshipTier: try column.nextIfPresent(), employerID: try row.decode(Enterprise.ID?.self, column: "employer_id"))
    }

    /// Registers a worker in `office`, which must be a branch (422 on `office_id`). A second
    /// registration of the same ID number (or member card number) anywhere in the area is a
    /// conflict with code `duplicate_id_number` (`duplicate_member_card_number`), which names no office.
    package func create(_ principal: Principal, office: Office.ID, _ fields: WorkerFields) async throws -> Worker {
        try await database.withSession(principal) { session in
            try session.require(.writeBranchData, office: office)
            try await Self.requireBranch(session, office)
            try await EmployerCheck.require(session, fields.employerID)
            guard let id = try await session.query("""
                INSERT INTO workers (office_id, name, id_number, sex, birth_date, phone, hukou, employer, occupation,
                                     membership_status, member_since, member_card_number, employer_id, created_by)
                VALUES (\(office), \(fields.name), \(fields.idNumber.value), \(fields.idNumber.sex.rawValue), \(fields.idNumber.birthDate),
                        \(fields.phone), \(fields.hukou?.rawValue), \(fields.employer), \(fields.occupation),
                        \(fields.membershipStatus.rawValue), \(fields.memberSince), \(fields.memberCardNumber), \(fields.employerID), \(principal.userID))
                RETURNING id
                """).scalar(Worker.ID.self) else { throw StoreError.notFound }
            return try await fetch(session, id: id)
        }
    }

    package func get(_ principal: Principal, id: Worker.ID) async throws -> Worker {
        try Policy.require(principal, .readBranchData)
        guard let worker = try await database.read(principal, "\(Self.select) WHERE w.id = \(id)").map(Self.worker).first else {
            throw StoreError.notFound
        }
        return worker
    }

    func fetch(_ session: Session, id: Worker.ID) async throws -> Worker {
        guard let worker = try await session.query("\(Self.select) WHERE w.id = \(id)").map(Self.worker).first else {
            throw StoreError.notFound
        }
        return worker
    }

    /// Applies a PATCH: locks the row, lays the patch over what is stored now, validates the
    /// whole (`ValidationFailure`, nothing written) and writes it, all in one transaction, so a
    /// concurrent PATCH of other fields is applied after this one rather than overwritten.
    package func update(_ principal: Principal, id: Worker.ID, _ patch: WorkerPatch) async throws -> Worker {
        try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            guard let current = try await session.query("\(Self.select) WHERE w.id = \(id) FOR UPDATE").map(Self.worker).first else {
                throw StoreError.notFound
            }
            let fields = try current.applying(patch)
            if fields.idNumber.value != current.idNumber { try await Self.checkNotInOwnHousehold(session, worker: id, fields.idNumber.value) }
            try await EmployerCheck.require(session, fields.employerID, stored: current.employerID)
            let updated = try await session.query("""
                UPDATE workers SET name = \(fields.name), id_number = \(fields.idNumber.value), sex = \(fields.idNumber.sex.rawValue),
                       birth_date = \(fields.idNumber.birthDate), phone = \(fields.phone), hukou = \(fields.hukou?.rawValue),
                       employer = \(fields.employer), occupation = \(fields.occupation),
                       membership_status = \(fields.membershipStatus.rawValue), member_since = \(fields.memberSince),
                       member_card_number = \(fields.memberCardNumber), employer_id = \(fields.employerID), updated_at = now()
                WHERE id = \(id)
                """).affectedRows
            guard updated == 1 else { throw StoreError.notFound }
            return try await fetch(session, id: id)
        }
    }

    /// One page of workers in scope, ordered by name then id; `after` is the previous page's `next`.
    package func list(_ principal: Principal, filter: Filter, limit: Int, after: String?) async throws -> Page<Worker> {
        try Policy.require(principal, .readBranchData, office: filter.office)
        var conditions: [PQQuery] = ["true"]
        if let office = filter.office ?? ScopeSettings.onlyOffice(of: principal) { conditions.append("w.office_id = \(office)") }
        if let status = filter.status { conditions.append("w.membership_status = \(status.rawValue)") }
        if let tier = filter.tier {
            conditions.append("w.hardship_tier = \(tier.rawValue)")
        }
        if let model = filter.modelWorker {
            conditions.append("w.is_model_worker = \(model)")
        }
        if let name = filter.name { conditions.append("strpos(w.name, \(name)) > 0") }
        if let idNumber = filter.idNumber { conditions.append("w.id_number = \(idNumber.uppercased())") }
        if let after {
            guard let parts = Cursor.decode(after, count: 2), let lastID = UUIDText.parse(parts[1]) else { throw Cursor.invalid }
            conditions.append("(w.name COLLATE \"C\", w.id) > (\(parts[0]) COLLATE \"C\", \(lastID))")
        }
        let rows = try await database.read(principal, """
            \(Self.select) WHERE \(PQQuery.joined(conditions, separator: " AND "))
            ORDER BY w.name COLLATE "C", w.id\(PQQuery.limit(limit + 1))
            """).map(Self.worker)
        return Page.keyset(rows, limit: limit) { [$0.name, $0.id.description] }
    }

    /// 会员关系转移: moves the worker (with household, honours and open hardship file) to
    /// another branch, named by id or by code. The old branch keeps seeing what it filed and
    /// closed, no longer the person or the open file.
    package func transfer(_ principal: Principal, id: Worker.ID, to target: TransferTarget, on date: CalendarDate, reason: String) async throws {
        var validator = Validator()
        let reason = validator.text(reason, field: "reason", max: 200)
        try validator.finish()
        let field: String
        switch target {
        case .office: field = "to_office"
        case .code: field = "to_office_code"
        }
        try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            do {
                switch target {
                case .office(let office):
                    try await session.query("SELECT transfer_worker(\(id), \(office), \(date), \(reason ?? ""))")
                case .code(let code):
                    try await session.query("SELECT transfer_worker_by_code(\(id), \(code), \(date), \(reason ?? ""))")
                }
            } catch let error as PQError where error.hint == "worker_not_found" {
                throw StoreError.notFound
            } catch let error as PQError where error.hint == "office_not_found" {
                throw ValidationFailure([FieldError(field: field, code: "unknown_office", message: "is not an active branch",
                                                    messageZH: "不是有效的基层工会")])
            } catch let error as PQError where error.hint == "same_office" {
                throw ValidationFailure([FieldError(field: field, code: "same_office", message: "is the worker's current branch",
                                                    messageZH: "与当前所在工会相同")])
            }
        }
    }

    package func transfer(_ principal: Principal, id: Worker.ID, to office: Office.ID, on date: CalendarDate, reason: String) async throws {
        try await transfer(principal, id: id, to: .office(office), on: date, reason: reason)
    }

    /// The worker's transfers the caller may see, oldest first (`worker_transfer_history`, 0008):
    /// each branch at either end of a move reads it, the worker's current branch reads them all.
    /// Not found when the caller sees neither the worker nor any of its moves.
    package func transfers(_ principal: Principal, id: Worker.ID) async throws -> [WorkerTransfer] {
        try Policy.require(principal, .readBranchData)
        return try await database.withSession(principal, readOnly: true) { session in
            let rows = try await session.query("""
                SELECT transfer_date, from_code, from_name, to_code, to_name, reason, made_by FROM worker_transfer_history(\(id))
                """).all(WorkerTransfer.self)
            if rows.isEmpty, try await session.query("SELECT 1 FROM workers WHERE id = \(id)").rowCount == 0 {
                throw StoreError.notFound
            }
            return rows
        }
    }
}

extension WorkerTransfer: RowDecodable {
    init(row: PQRow) throws {
        var column = row.cursor()
        self.init(date: try column.next(), fromOfficeCode: try column.next(), fromOfficeName: try column.next(), toOfficeCode: try column.next(),
                  toOfficeName: try column.next(), reason: try column.next(), madeBy: try column.nextIfPresent())
    }
}
