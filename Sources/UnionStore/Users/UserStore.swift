import Foundation
import PQ
import UnionDomain

/// Users, within the caller's scope. Passwords are stored as bcrypt hashes only.
package struct UserStore: Sendable {
    let database: Database
    package init(database: Database) { self.database = database }

    private static let columns: PQQuery = "id, username, display_name, office_id, role, active"

    package func list(_ principal: Principal, office: Office.ID? = nil) async throws -> [User] {
        do { try Policy.require(principal, .readUsers, office: office) } catch { throw StoreError.map(error) }
        var query: PQQuery = "SELECT \(Self.columns) FROM users"
        if let office { query.append(" WHERE office_id = \(office)") }
        query.append(" ORDER BY username")
        return try await database.read(principal, query).all(User.self)
    }

    package func get(_ principal: Principal, id: User.ID) async throws -> User {
        if id != principal.userID {
            do { try Policy.require(principal, .readUsers) } catch { throw StoreError.map(error) }
        }
        guard let row = try await database.read(principal, "SELECT \(Self.columns) FROM users WHERE id = \(id)").one(User.self) else {
            throw StoreError.notFound
        }
        return row
    }

    package func find(_ principal: Principal, username: String) async throws -> User {
        do { try Policy.require(principal, .readUsers) } catch { throw StoreError.map(error) }
        guard let row = try await database.read(
            principal, "SELECT \(Self.columns) FROM users WHERE username = \(username.lowercased())"
        ).one(User.self) else { throw StoreError.notFound }
        return row
    }

    /// Creates a user in an office within scope; the role must fit the office's kind.
    package func create(_ principal: Principal, _ user: NewUser) async throws -> User {
        let hash = try await database.hasher.hash(user.password)
        return try await database.withSession(principal) { session in
            try session.require(.manageUsers, office: user.officeID)
            try await checkRoleFits(session, role: user.role, office: user.officeID)
            do {
                guard let row = try await session.query("""
                    INSERT INTO users (username, display_name, office_id, role, password_hash)
                    VALUES (\(user.username), \(user.displayName), \(user.officeID), \(user.role.rawValue), \(hash))
                    RETURNING \(Self.columns)
                    """).one(User.self) else { throw StoreError.notFound }
                return row
            } catch {
                throw StoreError.map(error, writing: user.username)
            }
        }
    }

    package func setRole(_ principal: Principal, id: User.ID, role: Role) async throws -> User {
        try await database.withSession(principal) { session in
            try session.require(.manageUsers)
            guard let office = try await session.query("SELECT office_id FROM users WHERE id = \(id)").scalar(Office.ID.self) else {
                throw StoreError.notFound
            }
            try await checkRoleFits(session, role: role, office: office)
            return try await update(session, id: id, "role = \(role.rawValue)")
        }
    }

    package func deactivate(_ principal: Principal, id: User.ID) async throws -> User {
        guard id != principal.userID else {
            throw ValidationFailure([FieldError(field: "user", code: "self", message: "you cannot deactivate yourself",
                                                messageZH: "不能停用自己的账号")])
        }
        return try await database.withSession(principal) { session in
            try session.require(.manageUsers)
            let user = try await update(session, id: id, "active = false")
            try await session.query("UPDATE api_tokens SET revoked_at = now() WHERE user_id = \(id) AND revoked_at IS NULL")
            return user
        }
    }

    /// Sets a new password and revokes the user's tokens, so old sessions end.
    package func resetPassword(_ principal: Principal, id: User.ID, to password: String) async throws -> User {
        try PasswordRule.validate(password)
        let hash = try await database.hasher.hash(password)
        return try await database.withSession(principal) { session in
            try session.require(.manageUsers)
            let user = try await update(session, id: id, "password_hash = \(hash)")
            try await session.query("UPDATE api_tokens SET revoked_at = now() WHERE user_id = \(id) AND revoked_at IS NULL")
            return user
        }
    }

    private func update(_ session: Session, id: User.ID, _ assignment: PQQuery) async throws -> User {
        guard let row = try await session.query(
            "UPDATE users SET \(assignment), updated_at = now() WHERE id = \(id) RETURNING \(Self.columns)"
        ).one(User.self) else { throw StoreError.notFound }
        return row
    }

    private func checkRoleFits(_ session: Session, role: Role, office: Office.ID) async throws {
        guard let kindText = try await session.query("SELECT kind FROM offices WHERE id = \(office)").scalar(String.self),
              let kind = Office.Kind(rawValue: kindText) else { throw StoreError.notFound }
        guard Policy.role(role, fits: kind) else {
            throw ValidationFailure([FieldError(field: "role", code: "role_office_mismatch",
                                                message: "\(role.rawValue) does not fit a \(kind.rawValue) office",
                                                messageZH: "该角色与工会类型不符")])
        }
    }
}

extension User: RowDecodable {
    /// A row of `UserStore.columns`.
    init(row: PQRow) throws {
        var column = row.cursor()
        self.init(id: try column.next(), username: try column.next(), displayName: try column.next(), officeID: try column.next(),
                  role: try column.next(), active: try column.next())
    }
}
