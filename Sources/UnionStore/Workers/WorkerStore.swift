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

    /// Registers a worker in `office`. A second registration of the same ID number anywhere
    /// in the area is a conflict with code `duplicate_id_number`, which names no office.
    package func create(_ principal: Principal, office: Office.ID, _ fields: WorkerFields) async throws -> Worker {
        try await database.withSession(principal) { session in
            try session.require(.writeBranchData, office: office)
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

    /// 会员关系转移: moves the worker (with household and honours) to another branch. The old
    /// branch keeps seeing what it filed, no longer the person.
    package func transfer(_ principal: Principal, id: Worker.ID, to office: Office.ID, on date: CalendarDate, reason: String) async throws {
        var validator = Validator()
        let reason = validator.text(reason, field: "reason", max: 200)
        try validator.finish()
        try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            do {
                try await session.query("SELECT transfer_worker(\(id), \(office), \(date), \(reason ?? ""))")
            } catch let error as PQError where error.hint == "worker_not_found" {
                throw StoreError.notFound
            } catch let error as PQError where error.hint == "office_not_found" {
                throw ValidationFailure([FieldError(field: "to_office", code: "unknown_office", message: "is not an active branch",
                                                    messageZH: "不是有效的基层工会")])
            } catch let error as PQError where error.hint == "same_office" {
                throw ValidationFailure([FieldError(field: "to_office", code: "same_office", message: "is the worker's current branch",
                                                    messageZH: "与当前所在工会相同")])
            }
        }
    }
}
