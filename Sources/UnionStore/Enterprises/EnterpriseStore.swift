import Foundation
import PQ
import UnionDomain
import UUIDText

/// Enterprises in the area: registered by the branch that looks after them (or by the area
/// for a branch it names), one per unified social credit code area-wide.
package struct EnterpriseStore: Sendable {
    let database: Database

    package init(database: Database) { self.database = database }

    static let columns: PQQuery = "id, office_id, union_office_id, name, credit_code, ownership, industry, headcount, has_union"

    /// `office` is the looking-after branch: a branch officer's own office when nil.
    package func create(_ principal: Principal, office: Office.ID?, _ fields: EnterpriseFields) async throws -> Enterprise {
        let office = try Self.targetOffice(principal, office)
        return try await database.withSession(principal) { session in
            try session.require(.writeBranchData, office: office)
            do {
                guard let row = try await session.query("""
                    INSERT INTO enterprises (office_id, union_office_id, name, credit_code, ownership, industry, headcount, has_union, created_by)
                    VALUES (\(office), \(fields.unionOfficeID), \(fields.name), \(fields.creditCode), \(fields.ownership.rawValue),
                            \(fields.industry), \(Int32(fields.headcount)), \(fields.hasUnion), \(principal.userID))
                    RETURNING \(Self.columns)
                    """).one(Enterprise.self) else { throw StoreError.notFound }
                return row
            } catch let error as PQError where error.sqlState == .insufficientPrivilege && fields.unionOfficeID != nil {
                // Row-level security refused the union office: one the writer can't see, or
                // not an enterprise office.
                throw Self.invalidUnionOffice
            }
        }
    }

    package func get(_ principal: Principal, id: Enterprise.ID) async throws -> Enterprise {
        try Policy.require(principal, .readBranchData)
        guard let row = try await database.read(principal, "SELECT \(Self.columns) FROM enterprises WHERE id = \(id)").one(Enterprise.self) else {
            throw StoreError.notFound
        }
        return row
    }

    /// A PATCH laid over the row as it is now (under its lock) and validated whole.
    package func update(_ principal: Principal, id: Enterprise.ID, _ patch: EnterpriseInput) async throws -> Enterprise {
        try await database.withSession(principal) { session in
            try session.require(.writeBranchData)
            guard let current = try await session.query("SELECT \(Self.columns) FROM enterprises WHERE id = \(id) FOR UPDATE")
                .one(Enterprise.self) else { throw StoreError.notFound }
            try session.require(.writeBranchData, office: current.officeID)
            let fields = try EnterpriseFields(patch.applied(to: EnterpriseInput(current)))
            guard fields.creditCode == current.creditCode else {
                // The code identifies the enterprise; a wrong one is corrected by the area.
                throw ValidationFailure([FieldError(field: "credit_code", code: "fixed", message: "can't be changed",
                                                    messageZH: "不可修改")])
            }
            do {
                guard let row = try await session.query("""
                    UPDATE enterprises SET name = \(fields.name), ownership = \(fields.ownership.rawValue), industry = \(fields.industry),
                           headcount = \(Int32(fields.headcount)), has_union = \(fields.hasUnion), union_office_id = \(fields.unionOfficeID),
                           updated_at = now()
                    WHERE id = \(id) RETURNING \(Self.columns)
                    """).one(Enterprise.self) else { throw StoreError.notFound }
                return row
            } catch let error as PQError where error.sqlState == .insufficientPrivilege && fields.unionOfficeID != nil {
                throw Self.invalidUnionOffice
            }
        }
    }

    /// Enterprises in scope by name; `office` narrows to one looking-after office.
    package func list(_ principal: Principal, office: Office.ID?, ownership: Enterprise.Ownership?, limit: Int, after: String?) async throws -> Page<Enterprise> {
        try Policy.require(principal, .readBranchData, office: office)
        var conditions: [PQQuery] = ["true"]
        if let office { conditions.append("office_id = \(office)") }
        if let ownership { conditions.append("ownership = \(ownership.rawValue)") }
        if let after {
            guard let parts = Cursor.decode(after, count: 2), let last = UUIDText.parse(parts[1]) else { throw Cursor.invalid }
            conditions.append("(name COLLATE \"C\", id) > (\(parts[0]) COLLATE \"C\", \(last))")
        }
        let rows = try await database.read(principal, """
            SELECT \(Self.columns) FROM enterprises WHERE \(PQQuery.joined(conditions, separator: " AND "))
            ORDER BY name COLLATE "C", id\(PQQuery.limit(limit + 1))
            """).all(Enterprise.self)
        return Page.keyset(rows, limit: limit) { [$0.name, $0.id.description] }
    }

    /// Every enterprise in scope (attention and coverage read them whole).
    func all(_ session: Session) async throws -> [Enterprise] {
        try await session.query("SELECT \(Self.columns) FROM enterprises ORDER BY name COLLATE \"C\", id").all(Enterprise.self)
    }

    static let invalidUnionOffice = ValidationFailure([FieldError(
        field: "union_office_id", code: "invalid_union_office", message: "must be an enterprise union office in your scope",
        messageZH: "须为您管辖范围内的企业工会")])

    /// Branch users write for their own office; area users name the branch.
    static func targetOffice(_ principal: Principal, _ office: Office.ID?) throws -> Office.ID {
        if let office { return office }
        guard !principal.role.isAreaRole else { throw ValidationFailure([.required("office_id")]) }
        return principal.officeID
    }
}

extension Enterprise: RowDecodable {
    /// A row of `EnterpriseStore.columns`.
    init(row: PQRow) throws {
        var column = row.cursor()
        self.init(id: try column.next(), officeID: try column.next(), unionOfficeID: try column.nextIfPresent(), name: try column.next(),
                  creditCode: try column.next(), ownership: try column.next(), industry: try column.nextIfPresent(),
                  headcount: Int(try column.next(Int32.self)), hasUnion: try column.next())
    }
}
