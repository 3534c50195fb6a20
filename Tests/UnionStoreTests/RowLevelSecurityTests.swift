import Foundation
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// The second wall: connected as `unionhall_app`, hand-written SQL with branch A's settings
/// can't see or touch branch B's rows, and with no settings sees nothing at all.
@Suite("Row-level security")
struct RowLevelSecurityTests {
    static func scoped(_ office: Office.ID, user: User.ID) -> PQQuery {
        "SELECT set_config('unionhall.office_ids', \("{\(office)}"), true), set_config('unionhall.user_id', \(user.description), true)"
    }

    @Test func branchASettingsTouchNothingOfBranchB() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let officerA = try #require(federation.users["officer_a"])
            let officerB = try #require(federation.users["officer_b"])
            try await database.appPool.withTransaction { connection in
                try await connection.query(Self.scoped(federation.branchA.id, user: officerA.id))
                let seen = try await connection.query("SELECT username FROM users ORDER BY username").rows.map { try $0.decode(String.self, at: 0) }
                #expect(seen == ["officer_a", "viewer_a"])
                #expect(try await connection.query("SELECT count(*) FROM users WHERE id = \(officerB.id)").scalar(Int.self) == 0)
                #expect(try await connection.query("SELECT count(*) FROM offices WHERE id = \(federation.branchB.id)").scalar(Int.self) == 0)
                let updated = try await connection.query("UPDATE users SET display_name = 'hijacked' WHERE id = \(officerB.id)").affectedRows
                #expect(updated == 0)
                let renamed = try await connection.query("UPDATE offices SET name = 'hijacked' WHERE id = \(federation.branchB.id)").affectedRows
                #expect(renamed == 0)
                let tokens = try await connection.query("UPDATE api_tokens SET revoked_at = now() WHERE user_id = \(officerB.id)").affectedRows
                #expect(tokens == 0)
            }
            // DELETE is not granted on users at all; on audit rows neither.
            await #expect(throws: PQError.self) {
                try await database.appPool.withTransaction { connection in
                    try await connection.query(Self.scoped(federation.branchA.id, user: officerA.id))
                    try await connection.query("DELETE FROM users WHERE id = \(officerB.id)")
                }
            }
            // Moving one's own row into branch B is refused by the policy's WITH CHECK.
            await #expect(throws: PQError.self) {
                try await database.appPool.withTransaction { connection in
                    try await connection.query(Self.scoped(federation.branchA.id, user: officerA.id))
                    try await connection.query("INSERT INTO offices (code, name, kind, parent_id) VALUES ('sneaky', 'x', 'branch', \(federation.branchB.id))")
                }
            }
            let intact = try await database.ownerPool.query("SELECT display_name FROM users WHERE id = \(officerB.id)").scalar(String.self)
            #expect(intact == "张强")
        }
    }

    @Test func withoutSettingsTheAppRoleSeesNoRows() async throws {
        try await TestDatabase.with { database in
            _ = try await Federation.make(database)
            for table in ["offices", "api_tokens", "audit_log"] {
                let count = try await database.appPool.query(PQQuery(unsafeSQL: "SELECT count(*) FROM \(table)")).scalar(Int.self)
                #expect(count == 0, "\(table)")
            }
            #expect(try await database.appPool.query("SELECT count(id) FROM users").scalar(Int.self) == 0)
            #expect(try await database.ownerPool.query("SELECT count(*) FROM users").scalar(Int.self) == 6)
        }
    }

    @Test func theAppRoleCanNeitherChangeNorDeleteTheAuditLog() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            for statement in ["UPDATE audit_log SET action = 'DELETE'", "DELETE FROM audit_log", "INSERT INTO audit_log (table_name, row_id, action) VALUES ('x', 'y', 'INSERT')"] {
                await #expect(throws: PQError.self, "\(statement)") {
                    try await database.appPool.withTransaction { connection in
                        try await connection.query(Self.scoped(federation.area.id, user: federation.admin.userID))
                        try await connection.query(PQQuery(unsafeSQL: statement))
                    }
                }
            }
            #expect(try await database.appPool.query("SELECT has_table_privilege('unionhall_app', 'audit_log', 'UPDATE')").scalar(Bool.self) == false)
        }
    }

    @Test func everyWriteIsAuditedWithoutSecrets() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let viewer = try #require(federation.users["viewer_a"])
            _ = try await UserStore(database: federation.database).setRole(federation.admin, id: viewer.id, role: .branchOfficer)
            let page = try await AuditStore(database: federation.database).list(
                federation.admin, filter: .init(table: "users", rowID: viewer.id.description), limit: 10, after: nil)
            #expect(page.items.map(\.action) == ["UPDATE", "INSERT"])
            let update = try #require(page.items.first)
            #expect(update.userID == federation.admin.userID)
            #expect(update.officeID == federation.branchA.id)
            #expect(update.before?.contains("branch_viewer") == true)
            #expect(update.after?.contains("branch_officer") == true)
            #expect(update.after?.contains("password_hash") == false)
            let tokenEntries = try await AuditStore(database: federation.database).list(
                federation.admin, filter: .init(table: "api_tokens"), limit: 50, after: nil)
            #expect(!tokenEntries.items.isEmpty)
            #expect(tokenEntries.items.allSatisfy { $0.after?.contains("token_hash") == false })
        }
    }

    @Test func auditMasksIDNumbers() async throws {
        try await TestDatabase.with { database in
            let masked = try await database.ownerPool.query(
                "SELECT audit_redact(jsonb_build_object('id_number', '11010519491231002X', 'password_hash', 'x'))::text"
            ).scalar(String.self)
            #expect(masked == #"{"id_number": "110105********002X"}"#)
        }
    }
}
