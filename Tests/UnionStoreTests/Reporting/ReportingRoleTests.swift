import Foundation
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// `unionhall_reporting` reads the `reporting` views and nothing else, writes nothing, and the
/// views carry no one's ID number, phone number or name. The objects are listed from the
/// catalog, so a table or view added later is covered without touching this test.
@Suite("Reporting role: limits and personal data")
struct ReportingRoleTests {
    struct Relation: Decodable, Hashable {
        let schema: String
        let name: String
        var quoted: String { "\"\(schema)\".\"\(name)\"" }
    }

    struct Column: Decodable {
        let view: String
        let column: String
        let dataType: String
    }

    /// Every relation (table, view, materialized view, foreign table) of `schemas`.
    static func relations(_ database: TestDatabase, in schemas: [String]) async throws -> [Relation] {
        try await database.ownerPool.query("""
            SELECT n.nspname AS schema, c.relname AS name
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname = ANY(\(schemas)::text[])
            ORDER BY 1, 2
            """).decode(Relation.self)
    }

    /// `sql` fails for `pool`'s role with 42501 (insufficient privilege), or, where `orNotUpdatable`,
    /// with 55000 (PostgreSQL refuses a write to a view that joins before it looks at privileges;
    /// the privileges themselves are checked in the catalog).
    static func expectRefused(_ pool: PQPool, _ sql: String, orNotUpdatable: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) async {
        do {
            _ = try await pool.query(PQQuery(unsafeSQL: sql))
            Issue.record("allowed: \(sql)", sourceLocation: sourceLocation)
        } catch let error as PQError {
            let expected: [SQLState] = orNotUpdatable ? [.insufficientPrivilege, SQLState("55000")] : [.insufficientPrivilege]
            #expect(error.sqlState.map(expected.contains) == true, "\(sql): \(error.debugDescription)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(sql): \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Runs `body` with a pool logged in as `user` to the test database, closed afterwards.
    static func connected<T: Sendable>(_ database: TestDatabase, as user: String, _ body: (PQPool) async throws -> T) async throws -> T {
        let pool = PQPool(configuration: PQConfiguration(connectionString: database.conninfo(user: user), maximumConnections: 1))
        do {
            let value = try await body(pool)
            await pool.close()
            return value
        } catch {
            await pool.close()
            throw error
        }
    }

    @Test func readsTheViewsAndNothingElse() async throws {
        try await TestDatabase.with { database in
            _ = try await ReportingScenario.make(database)
            let views = try await Self.relations(database, in: ["reporting"])
            let hidden = try await Self.relations(database, in: ["public", "rollup", "unionhall_meta"])
            #expect(views.count >= 10)
            #expect(hidden.contains(Relation(schema: "public", name: "workers")) && hidden.contains(Relation(schema: "rollup", name: "aid_money"))
                && hidden.contains(Relation(schema: "unionhall_meta", name: "schema_migrations")))
            let kinds = try await database.ownerPool.query("""
                SELECT DISTINCT c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'reporting' AND c.relkind <> 'i'
                """).decode(Kind.self)
            #expect(kinds.map(\.relkind) == ["v"], "the schema holds views only")
            try await Self.connected(database, as: "unionhall_reporting") { reporting in
                for view in views {
                    let rows = try await reporting.query(PQQuery(unsafeSQL: "SELECT count(*) FROM \(view.quoted)")).scalar(Int.self) ?? 0
                    #expect(rows > 0, "\(view.name) has rows on the scenario")
                    await Self.expectRefused(reporting, "INSERT INTO \(view.quoted) DEFAULT VALUES", orNotUpdatable: true)
                    await Self.expectRefused(reporting, "DELETE FROM \(view.quoted)", orNotUpdatable: true)
                    let column = try await database.ownerPool.query("""
                        SELECT column_name FROM information_schema.columns
                        WHERE table_schema = 'reporting' AND table_name = \(view.name) ORDER BY ordinal_position LIMIT 1
                        """).scalar(String.self) ?? "?"
                    await Self.expectRefused(reporting, "UPDATE \(view.quoted) SET \"\(column)\" = NULL", orNotUpdatable: true)
                }
                // Granted SELECT and nothing else, whatever the views' shape.
                let writable = try await database.ownerPool.query("""
                    SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'reporting' AND c.relkind = 'v'
                      AND has_table_privilege('unionhall_reporting', c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
                    """).scalar(Int.self)
                #expect(writable == 0)
                for relation in hidden {
                    await Self.expectRefused(reporting, "SELECT 1 FROM \(relation.quoted) LIMIT 1")
                }
                await Self.expectRefused(reporting, "SELECT rollup.aid_rebuild()")
                await Self.expectRefused(reporting, "CREATE TABLE reporting.scratch (n integer)")
                await Self.expectRefused(reporting, "CREATE VIEW reporting.scratch AS SELECT 1 AS n")
            }
            // The app role reads the annual summary (for the API) and no other view.
            try await Self.connected(database, as: "unionhall_app") { app in
                let rows = try await app.query("SELECT count(*) FROM reporting.annual_summary").scalar(Int.self) ?? 0
                #expect(rows > 0)
                for view in views where view.name != "annual_summary" {
                    await Self.expectRefused(app, "SELECT 1 FROM \(view.quoted) LIMIT 1")
                }
            }
        }
    }

    struct Kind: Decodable { let relkind: String }

    /// No column names a person's ID number, phone or name (office, plan, program and fund
    /// names only) or carries a row id; no text in any row of any view is or contains a
    /// worker's, household member's or user's ID number, phone or name; no key equals an id.
    @Test func noPersonalDataInAnyView() async throws {
        try await TestDatabase.with { database in
            _ = try await ReportingScenario.make(database)
            let owner = database.ownerPool
            let columns = try await owner.query("""
                SELECT table_name AS view, column_name AS column, data_type FROM information_schema.columns
                WHERE table_schema = 'reporting' ORDER BY table_name, ordinal_position
                """).decode(Column.self)
            let allowedNames: Set<String> = ["office_name", "program_name", "plan_name", "fund_name"]
            for column in columns {
                let name = column.column
                let words = name.split(separator: "_")
                #expect(!["id_number", "phone", "mobile", "birth", "address"].contains { name.contains($0) } && words.last != "id"
                        && (!words.contains("name") || allowedNames.contains(name)), "\(column.view).\(name)")
            }

            struct Person: Decodable {
                let name: String?
                let idNumber: String?
                let phone: String?
                let id: UUID
            }
            let people = try await owner.query("""
                SELECT name, id_number, phone, id FROM workers
                UNION ALL SELECT name, id_number, NULL, id FROM household_members
                UNION ALL SELECT display_name, NULL, NULL, id FROM users
                """).decode(Person.self)
            let secrets = Set(people.flatMap { [$0.name, $0.idNumber, $0.phone].compactMap(\.self) }.filter { $0.count >= 2 })
            let ids = Set(people.map { $0.id.uuidString.lowercased() })
            #expect(secrets.count > 150)
            var scanned = 0
            try await Self.connected(database, as: "unionhall_reporting") { reporting in
                for (view, viewColumns) in Dictionary(grouping: columns, by: \.view).sorted(by: { $0.key < $1.key }) {
                    let texts = viewColumns.filter { ["text", "character varying", "character", "uuid"].contains($0.dataType) }
                    guard !texts.isEmpty else { continue }
                    let list = texts.map { "\"\($0.column)\"::text" }.joined(separator: ", ")
                    for row in try await reporting.query(PQQuery(unsafeSQL: "SELECT \(list) FROM reporting.\"\(view)\"")).rows {
                        for (index, column) in texts.enumerated() {
                            guard let value = try row.decodeIfPresent(String.self, at: index) else { continue }
                            scanned += 1
                            #expect(!ids.contains(value), "\(view).\(column.column) holds a person's id")
                            if let secret = secrets.first(where: { value.contains($0) }) {
                                Issue.record("\(view).\(column.column) = \(value) contains personal data (\(secret.count) characters)")
                            }
                        }
                    }
                }
            }
            #expect(scanned > 500)
        }
    }
}
