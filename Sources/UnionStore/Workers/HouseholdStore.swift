import Foundation
import PQ
import UnionDomain

/// A worker's household members and model-worker record.
package struct HouseholdStore: Sendable {
    let database: Database
    package init(database: Database) { self.database = database }

    static let columns: PQQuery = "id, relation, name, id_number, school, level, admission_year, deceased"

    package func list(_ principal: Principal, worker: Worker.ID) async throws -> [HouseholdMember] {
        try Policy.require(principal, .readBranchData)
        return try await database.withSession(principal, readOnly: true) { session in
            _ = try await workerOffice(session, worker)  // notFound outside scope, not an empty list
            return try await session.query("SELECT \(Self.columns) FROM household_members WHERE worker_id = \(worker) ORDER BY created_at, id")
                .all(HouseholdMember.self)
        }
    }

    package func add(_ principal: Principal, worker: Worker.ID, _ fields: HouseholdMemberFields) async throws -> HouseholdMember {
        try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            let office = try await workerOffice(session, worker)
            try await checkPlacement(session, worker: worker, fields, except: nil)
            guard let row = try await session.query("""
                INSERT INTO household_members (worker_id, office_id, relation, name, id_number, school, level, admission_year, deceased)
                VALUES (\(worker), \(office), \(fields.relation.rawValue), \(fields.name), \(fields.idNumber), \(fields.school),
                        \(fields.level?.rawValue), \(fields.admissionYear.map(Int32.init)), \(fields.deceased))
                RETURNING \(Self.columns)
                """).one(HouseholdMember.self) else { throw StoreError.notFound }
            return row
        }
    }

    /// Applies a PATCH: locks the member's row, lays the patch over what is stored now,
    /// validates the whole (`ValidationFailure`, nothing written) and writes it, in one transaction.
    package func update(_ principal: Principal, worker: Worker.ID, member: HouseholdMember.ID, _ patch: HouseholdMemberPatch) async throws -> HouseholdMember {
        try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            guard let current = try await session.query("""
                SELECT \(Self.columns) FROM household_members WHERE id = \(member) AND worker_id = \(worker) FOR UPDATE
                """).one(HouseholdMember.self) else { throw StoreError.notFound }
            let fields = try current.applying(patch)
            try await checkPlacement(session, worker: worker, fields, except: member)
            guard let row = try await session.query("""
                UPDATE household_members SET relation = \(fields.relation.rawValue), name = \(fields.name), id_number = \(fields.idNumber),
                       school = \(fields.school), level = \(fields.level?.rawValue), admission_year = \(fields.admissionYear.map(Int32.init)),
                       deceased = \(fields.deceased)
                WHERE id = \(member) AND worker_id = \(worker)
                RETURNING \(Self.columns)
                """).one(HouseholdMember.self) else { throw StoreError.notFound }
            return row
        }
    }

    package func remove(_ principal: Principal, worker: Worker.ID, member: HouseholdMember.ID) async throws {
        try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            guard try await session.query("DELETE FROM household_members WHERE id = \(member) AND worker_id = \(worker)").affectedRows == 1 else {
                throw StoreError.notFound
            }
        }
    }

    package func modelWorker(_ principal: Principal, worker: Worker.ID) async throws -> ModelWorkerRecord {
        try Policy.require(principal, .readBranchData)
        return try await database.withSession(principal, readOnly: true) { session in
            _ = try await workerOffice(session, worker)
            guard let row = try await session.query(
                "SELECT level, title, year_awarded, retired FROM model_worker_records WHERE worker_id = \(worker)"
            ).rows.first else { throw StoreError.notFound }
            return ModelWorkerRecord(level: ModelWorkerRecord.Level(rawValue: try row.decode(String.self, column: "level")) ?? .other,
                                     title: try row.decode(String.self, column: "title"),
                                     yearAwarded: Int(try row.decode(Int32.self, column: "year_awarded")),
                                     retired: try row.decode(Bool.self, column: "retired"))
        }
    }

    /// Creates or replaces the worker's model-worker record.
    package func setModelWorker(_ principal: Principal, worker: Worker.ID, _ record: ModelWorkerRecord) async throws -> ModelWorkerRecord {
        try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            let office = try await workerOffice(session, worker)
            try await session.query("""
                INSERT INTO model_worker_records (worker_id, office_id, level, title, year_awarded, retired)
                VALUES (\(worker), \(office), \(record.level.rawValue), \(record.title), \(Int32(record.yearAwarded)), \(record.retired))
                ON CONFLICT (worker_id) DO UPDATE SET level = excluded.level, title = excluded.title,
                    year_awarded = excluded.year_awarded, retired = excluded.retired, updated_at = now()
                """)
            return record
        }
    }

    /// Removes a model-worker record entered by mistake (audited as a DELETE; the worker's
    /// `is_model_worker` flag follows through its trigger). `notFound` when there is none.
    package func removeModelWorker(_ principal: Principal, worker: Worker.ID) async throws {
        try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            _ = try await workerOffice(session, worker)
            guard try await session.query("DELETE FROM model_worker_records WHERE worker_id = \(worker)").affectedRows == 1 else {
                throw StoreError.notFound
            }
        }
    }

    /// The domain's household rules against what is stored: the worker's own ID number is a 422,
    /// someone already in the household a 409 (the unique indexes catch a concurrent twin).
    private func checkPlacement(_ session: Session, worker: Worker.ID, _ fields: HouseholdMemberFields, except member: HouseholdMember.ID?) async throws {
        if fields.idNumber != nil,
           let own = try await session.query("SELECT id_number FROM workers WHERE id = \(worker)").scalar(String.self) {
            try fields.checkNotTheWorker(workerIDNumber: own)
        }
        let household = try await session.query("SELECT \(Self.columns) FROM household_members WHERE worker_id = \(worker)")
            .all(HouseholdMember.self)
        if fields.repeats(in: household, except: member) != nil { throw StoreError.conflict(.duplicateHouseholdMember) }
    }

    /// The worker's office, or `notFound` when the worker is outside the caller's scope.
    private func workerOffice(_ session: Session, _ worker: Worker.ID) async throws -> Office.ID {
        guard let office = try await session.query("SELECT office_id FROM workers WHERE id = \(worker)").scalar(Office.ID.self) else {
            throw StoreError.notFound
        }
        return office
    }
}

extension HouseholdMember: RowDecodable {
    /// A row of `HouseholdStore.columns`.
    init(row: PQRow) throws {
        var column = row.cursor()
        self.init(id: try column.next(), relation: try column.next(), name: try column.next(), idNumber: try column.nextIfPresent(),
                  school: try column.nextIfPresent(), level: try column.nextIfPresent(), admissionYear: try column.nextIfPresent(),
                  deceased: try column.next())
    }
}

extension StoreMessage {
    /// The same sentence whether the store's check or the unique index refuses.
    package static let duplicateHouseholdMember = ConstraintMessages.message(for: "household_members_one_id_number", kind: .unique)
}
