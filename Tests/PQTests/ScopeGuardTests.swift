import PQ
import Testing
import UnionTestSupport

/// The invariant of `PQSessionState`: a batched unit never runs under a scope it didn't ask
/// for. The scope statement and its unit succeed or fail together; a failure, or a whole
/// lease, leaves the connection's settings unknown until the next unit resets them.
@Suite("PQ scope guards")
struct ScopeGuardTests {
    static func state(_ value: String) -> PQSessionState { SessionStateTests.state(value) }
    static var who: PQQuery { SessionStateTests.who }

    static func seen(_ pool: PQPool, as state: PQSessionState?) async throws -> String? {
        try await pool.run(unit: [Self.who], session: state)[0].scalar(String.self)
    }

    @Test func aFailingScopeStatementKeepsItsWriteFromRunning() async throws {
        let pool = SessionStateTests.onePool()
        _ = try await pool.query("CREATE TEMP TABLE pqtest_guarded (who text)")
        // The connection carries alice's settings: an unguarded insert would run as alice.
        #expect(try await Self.seen(pool, as: Self.state("alice")) == "alice")
        let broken = PQSessionState(key: "broken", statement: "SELECT set_config('pqtest.who', (1 / 0)::text, false)")
        await #expect {
            try await pool.run(unit: ["INSERT INTO pqtest_guarded VALUES (current_setting('pqtest.who', true))"], session: broken)
        } throws: { error in
            (error as? PQError)?.sqlState == SQLState("22012")
        }
        #expect(try await pool.query("SELECT count(*) FROM pqtest_guarded").scalar(Int.self) == 0)
        // And the failure left nothing half-set: the next units see exactly their own state.
        #expect(try await Self.seen(pool, as: Self.state("bob")) == "bob")
        #expect(try await Self.seen(pool, as: nil) == "")
        await pool.close()
    }

    @Test func aFailingUnitRightAfterAScopeChangeLeavesNoScopeBehind() async throws {
        let pool = SessionStateTests.onePool()
        #expect(try await Self.seen(pool, as: Self.state("alice")) == "alice")
        // bob's setting travels in the failing unit's transaction and is rolled back with it:
        // the connection still says alice. A pool that believed bob would skip the setting.
        await #expect(throws: PQError.self) {
            try await pool.run(unit: ["SELECT 1 / 0"], session: Self.state("bob"))
        }
        #expect(try await Self.seen(pool, as: Self.state("bob")) == "bob")
        await #expect(throws: PQError.self) {
            try await pool.run(unit: ["SELECT 1 / 0"], session: Self.state("carol"))
        }
        #expect(try await Self.seen(pool, as: nil) == "")
        #expect(try await Self.seen(pool, as: Self.state("alice")) == "alice")
        await pool.close()
    }

    @Test func aFailingReadSharingATransactionLeavesNoScopeBehind() async throws {
        let pool = SessionStateTests.onePool()
        // Read-only units share a transaction per flight: a failure rolls back every setting
        // made in it, and the reads after it go again under their own settings.
        let seen = try await withThrowingTaskGroup(of: (String, String?).self) { group in
            for index in 0..<60 {
                let name = ["alice", "bob", "carol"][index % 3]
                group.addTask {
                    let divisor = index % 5 == 0 ? 0 : 1
                    do {
                        let result = try await pool.run(unit: ["SELECT coalesce(current_setting('pqtest.who', true), '') || (1 / \(divisor))::text"],
                                                        session: Self.state(name), readOnly: true)
                        return (name + "1", try result[0].scalar(String.self))
                    } catch let error as PQError where error.sqlState == SQLState("22012") {
                        return (name + "1", name + "1")
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(seen.count == 60)
        for (expected, got) in seen { #expect(got == expected) }
        #expect(try await Self.seen(pool, as: Self.state("bob")) == "bob")
        await pool.close()
    }

    @Test func aWholeLeaseCannotLeakSessionSettingsIntoBatchedUnits() async throws {
        let pool = SessionStateTests.onePool()
        #expect(try await Self.seen(pool, as: Self.state("alice")) == "alice")
        try await pool.withConnection { connection in
            // A lease starts clean, whatever the batched units left.
            #expect(try await connection.query(Self.who).scalar(String.self) == "")
            try await connection.query("SET pqtest.who = 'leaked'")
            try await connection.query("SELECT set_config('pqtest.other', 'leaked', false)")
        }
        #expect(try await Self.seen(pool, as: nil) == "")
        try await pool.withConnection { connection in
            try await connection.query("SET pqtest.who = 'leaked'")
            try await connection.query("SELECT set_config('pqtest.other', 'leaked', false)")
        }
        let other = PQSessionState(key: "alice", statement: "SELECT set_config('pqtest.who', 'alice', false)")
        let both = try await pool.run(unit: ["SELECT current_setting('pqtest.who', true), coalesce(current_setting('pqtest.other', true), '')"],
                                      session: other)[0]
        #expect(try both.rows[0].decode(String.self, at: 0) == "alice")
        #expect(try both.rows[0].decode(String.self, at: 1) == "")
        // And the next lease starts clean again.
        #expect(try await pool.withConnection { try await $0.query(Self.who).scalar(String.self) } == "")
        await pool.close()
    }

    @Test func aLeaseWhoseFirstTransactionRollsBackStillStartsClean() async throws {
        let pool = SessionStateTests.onePool()
        #expect(try await Self.seen(pool, as: Self.state("alice")) == "alice")
        let seen = try await pool.withConnection { connection in
            // The lease's RESET ALL rides with BEGIN; the rollback undoes it, so the next
            // statement must carry it again.
            _ = try? await connection.withTransaction { connection in
                try await connection.query("SELECT 1 / 0")
            }
            return try await connection.query(Self.who).scalar(String.self)
        }
        #expect(seen == "")
        await pool.close()
    }

    @Test func sixPrincipalsOfReadersAndWritersNeverSeeAnotherScope() async throws {
        try await TestDatabase.with { database in
            let pool = PQPool(configuration: PQConfiguration(
                connectionString: database.conninfo(user: "unionhall_owner"), applicationName: "scope-mix", maximumConnections: 3))
            try await pool.query("CREATE TABLE pqtest_scoped (who text NOT NULL, expected text NOT NULL)")
            let names = ["p0", "p1", "p2", "p3", "p4", "p5"]
            let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<600 {
                    let name = names[index % names.count]
                    let state = Self.state(name)
                    group.addTask {
                        switch index % 10 {
                        case 0:
                            // A failing unit now and then: its scope must not stick.
                            _ = try? await pool.run(unit: ["SELECT 1 / 0"], session: state, readOnly: index % 20 == 0)
                            return 0
                        case 1, 2, 3:
                            let rows = try await pool.run(unit: [
                                "INSERT INTO pqtest_scoped SELECT current_setting('pqtest.who'), \(name) RETURNING who"
                            ], session: state)[0].rows
                            return try rows.filter { try $0.decode(String.self, at: 0) != name }.count + (rows.count == 1 ? 0 : 1)
                        case 4:
                            // Some units without a scope: they must see none.
                            let seen = try await pool.query("SELECT coalesce(current_setting('pqtest.who', true), '')").scalar(String.self)
                            return seen == "" ? 0 : 1
                        default:
                            let rows = try await pool.run(unit: [
                                "SELECT current_setting('pqtest.who'), g FROM generate_series(1, 5) g"
                            ], session: state, readOnly: true)[0].rows
                            return try rows.filter { try $0.decode(String.self, at: 0) != name }.count + (rows.count == 5 ? 0 : 1)
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(mismatches == 0)
            #expect(try await pool.query("SELECT count(*) FROM pqtest_scoped").scalar(Int.self) == 180)
            #expect(try await pool.query("SELECT count(*) FROM pqtest_scoped WHERE who <> expected").scalar(Int.self) == 0)
            await pool.close()
        }
    }
}
