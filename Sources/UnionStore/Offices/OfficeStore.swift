import Foundation
import PQ
import UnionDomain

/// Offices, within the caller's scope.
package struct OfficeStore: Sendable {
    let database: Database
    package init(database: Database) { self.database = database }

    private static let columns: PQQuery = "id, code, name, kind, parent_id, active"

    /// The offices the principal may see, root first, then by code.
    package func list(_ principal: Principal) async throws -> [Office] {
        try Policy.require(principal, .readOffices)
        return try await database.read(principal, """
            SELECT \(Self.columns) FROM offices ORDER BY parent_id IS NOT NULL, code
            """).all(Office.self)
    }

    /// One office; `notFound` outside the scope, whether or not it exists.
    package func get(_ principal: Principal, id: Office.ID) async throws -> Office {
        do { try Policy.require(principal, .readOffices, office: id) } catch { throw StoreError.map(error) }
        guard let row = try await database.read(principal, "SELECT \(Self.columns) FROM offices WHERE id = \(id)").one(Office.self) else {
            throw StoreError.notFound
        }
        return row
    }

    package func find(_ principal: Principal, code: String) async throws -> Office {
        guard let row = try await database.read(principal, "SELECT \(Self.columns) FROM offices WHERE code = \(code)").one(Office.self) else {
            throw StoreError.notFound
        }
        return row
    }

    /// Opens an office below one in scope (area_admin).
    package func create(_ principal: Principal, _ office: NewOffice) async throws -> Office {
        try await database.withSession(principal) { session in
            try session.require(.manageOffices, office: office.parentID)
            guard let parent = try await session.query(
                "SELECT kind, active FROM offices WHERE id = \(office.parentID) FOR UPDATE"
            ).rows.first else { throw StoreError.notFound }
            guard !(Office.Kind(rawValue: try parent.decode(String.self, column: "kind"))?.isBranchLevel ?? true),
                  try parent.decode(Bool.self, column: "active") else {
                throw ValidationFailure([FieldError(field: "parent_id", code: "invalid_parent",
                                                    message: "must be an active area or district office",
                                                    messageZH: "上级必须是有效的地区或区级工会")])
            }
            do {
                guard let row = try await session.query("""
                    INSERT INTO offices (code, name, kind, parent_id) VALUES (\(office.code), \(office.name), \(office.kind.rawValue), \(office.parentID))
                    RETURNING \(Self.columns)
                    """).one(Office.self) else { throw StoreError.notFound }
                return row
            } catch {
                throw StoreError.map(error, writing: office.code)
            }
        }
    }

    package func rename(_ principal: Principal, id: Office.ID, to name: String) async throws -> Office {
        var validator = Validator()
        let name = validator.text(name, field: "name", max: NewOffice.maxNameLength)
        try validator.finish()
        return try await update(principal, id: id, "name = \(name ?? "")")
    }

    package func deactivate(_ principal: Principal, id: Office.ID) async throws -> Office {
        guard id != principal.officeID else {
            throw ValidationFailure([FieldError(field: "office", code: "own_office",
                                                message: "you cannot deactivate your own office", messageZH: "不能停用本人所在的工会")])
        }
        return try await update(principal, id: id, "active = false")
    }

    private func update(_ principal: Principal, id: Office.ID, _ assignment: PQQuery) async throws -> Office {
        try await database.withSession(principal) { session in
            try session.require(.manageOffices, office: id)
            guard let row = try await session.query(
                "UPDATE offices SET \(assignment) WHERE id = \(id) RETURNING \(Self.columns)"
            ).one(Office.self) else { throw StoreError.notFound }
            return row
        }
    }
}

extension Office: RowDecodable {
    /// A row of `OfficeStore.columns`.
    init(row: PQRow) throws {
        var column = row.cursor()
        self.init(id: try column.next(), code: try column.next(), name: try column.next(), kind: try column.next(),
                  parentID: try column.nextIfPresent(), active: try column.next())
    }
}
