import Foundation
import PQ
import Testing
import UnionTestSupport

@Suite("PQ connections, errors and transactions")
struct ConnectionTests {
    @Test func malformedURLIsAClearError() async throws {
        #expect {
            try PQConfiguration.validate(connectionString: "postgresql://user@[::1/db?bogus_parameter=1")
        } throws: { error in
            (error as? PQError)?.code == .invalidConnectionString
        }
        let pool = PQPool(configuration: PQConfiguration(connectionString: "host=/tmp port=5432 nonsense_key=1"))
        await #expect {
            try await pool.query("SELECT 1")
        } throws: { error in
            (error as? PQError)?.code == .invalidConnectionString
        }
        await pool.close()
    }

    @Test func refusedConnectionIsAClearError() async throws {
        let pool = PQPool(configuration: PQConfiguration(connectionString: "postgresql://nobody@127.0.0.1:1/none"))
        await #expect {
            try await pool.query("SELECT 1")
        } throws: { error in
            guard let error = error as? PQError else { return false }
            return error.code == .connectionFailed && error.message.contains("refused")
        }
        await pool.close()
    }

    @Test func wrongPasswordIsAnAuthenticationError() async throws {
        let url = "postgresql://unionhall_app:wrong-password@127.0.0.1:\(TestCluster.port)/postgres"
        let pool = PQPool(configuration: PQConfiguration(connectionString: url))
        await #expect {
            try await pool.query("SELECT 1")
        } throws: { error in
            (error as? PQError)?.code == .authenticationFailed
        }
        await pool.close()
    }

    @Test func uniqueViolationCarriesSQLStateAndConstraint() async throws {
        try await TestDatabase.with { database in
            try await database.ownerPool.query("CREATE TABLE things (id int PRIMARY KEY, code text CONSTRAINT things_code_key UNIQUE)")
            try await database.ownerPool.query("INSERT INTO things VALUES (1, \("a"))")
            await #expect {
                try await database.ownerPool.query("INSERT INTO things VALUES (2, \("a"))")
            } throws: { error in
                guard let error = error as? PQError else { return false }
                return error.sqlState == .uniqueViolation && error.constraint == "things_code_key"
                    && error.code == .server && error.table == "things"
                    && !error.description.contains("things_code_key")  // the short form leaks nothing
            }
        }
    }

    @Test func throwingTransactionLeavesNothingBehind() async throws {
        struct Abort: Error {}
        try await TestDatabase.with { database in
            let pool = database.ownerPool
            try await pool.query("CREATE TABLE notes (body text)")
            await #expect(throws: Abort.self) {
                try await pool.withTransaction { connection in
                    try await connection.query("INSERT INTO notes VALUES (\("first"))")
                    try await connection.query("INSERT INTO notes VALUES (\("second"))")
                    throw Abort()
                }
            }
            #expect(try await pool.query("SELECT count(*) FROM notes").scalar(Int.self) == 0)
            try await pool.withTransaction { connection in
                try await connection.query("INSERT INTO notes VALUES (\("kept"))")
            }
            #expect(try await pool.query("SELECT count(*) FROM notes").scalar(Int.self) == 1)
        }
    }

    @Test func swallowedErrorMakesCommitFail() async throws {
        try await TestDatabase.with { database in
            let pool = database.ownerPool
            try await pool.query("CREATE TABLE notes (body text NOT NULL)")
            await #expect {
                try await pool.withTransaction { connection in
                    try await connection.query("INSERT INTO notes VALUES (\("one"))")
                    _ = try? await connection.query("INSERT INTO notes VALUES (\(String?.none))")
                }
            } throws: { error in
                (error as? PQError)?.code == .transactionRolledBack
            }
            #expect(try await pool.query("SELECT count(*) FROM notes").scalar(Int.self) == 0)
        }
    }

    @Test func readOnlyAndIsolationOptions() async throws {
        try await TestDatabase.with { database in
            let pool = database.ownerPool
            try await pool.query("CREATE TABLE notes (body text)")
            await #expect {
                try await pool.withTransaction(.init(readOnly: true)) { connection in
                    try await connection.query("INSERT INTO notes VALUES ('x')")
                }
            } throws: { error in
                (error as? PQError)?.sqlState == SQLState("25006")
            }
            let level = try await pool.withTransaction(.init(isolation: .serializable, readOnly: true)) { connection in
                try await connection.query("SHOW transaction_isolation").scalar(String.self)
            }
            #expect(level == "serializable")
        }
    }

    @Test func pipelineSendsATransactionInOneFlight() async throws {
        let pool = PQPool(configuration: PQConfiguration(connectionString: TestCluster.conninfo(user: "postgres", database: "postgres")))
        let results = try await pool.withConnection { connection in
            try await connection.pipeline([
                "BEGIN",
                "SELECT set_config('unionhall.scope', \("office-a"), true)",
                "SELECT current_setting('unionhall.scope') AS scope, \(7) AS n",
                "COMMIT",
            ])
        }
        #expect(results.count == 4)
        #expect(try results[2].rows.first?.decode(String.self, column: "scope") == "office-a")
        // A failing statement aborts the rest and leaves the connection usable.
        let failure = await #expect(throws: PQError.self) {
            try await pool.withConnection { connection in
                try await connection.pipeline(["BEGIN", "SELECT 1/0", "COMMIT"])
            }
        }
        #expect(failure?.sqlState == SQLState("22012"))
        #expect(try await pool.query("SELECT 1").scalar(Int.self) == 1)
        await pool.close()
    }

    @Test func copyFromStdinLoadsRows() async throws {
        try await TestDatabase.with { database in
            let pool = database.ownerPool
            try await pool.query("CREATE TABLE people (name text, note text)")
            let copied = try await pool.withConnection { connection in
                try await connection.copyIn("COPY people (name, note) FROM STDIN") { writer in
                    for index in 0..<1000 {
                        try writer.write(PQCopyText.row(["工人\(index)", index % 2 == 0 ? nil : "tab\there\\"]))
                    }
                }
            }
            #expect(copied == 1000)
            #expect(try await pool.query("SELECT count(*) FROM people WHERE note IS NULL").scalar(Int.self) == 500)
            #expect(try await pool.query("SELECT note FROM people WHERE name = '工人1'").scalar(String.self) == "tab\there\\")
        }
    }

    @Test func failedCopyLoadsNothing() async throws {
        struct Stop: Error {}
        try await TestDatabase.with { database in
            let pool = database.ownerPool
            try await pool.query("CREATE TABLE people (age int)")
            await #expect(throws: PQError.self) {
                try await pool.withConnection { connection in
                    try await connection.copyIn("COPY people FROM STDIN") { writer in
                        try writer.write("1\nnot-a-number\n")
                    }
                }
            }
            await #expect(throws: Stop.self) {
                try await pool.withConnection { connection in
                    try await connection.copyIn("COPY people FROM STDIN") { writer in
                        try writer.write("1\n")
                        throw Stop()
                    }
                }
            }
            #expect(try await pool.query("SELECT count(*) FROM people").scalar(Int.self) == 0)
        }
    }
}
