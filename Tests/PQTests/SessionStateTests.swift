import PQ
import Testing
import UnionTestSupport

/// `PQSessionState`: batched units carry session-level settings that a connection keeps
/// between units, and nothing ever runs under settings it didn't ask for.
@Suite("PQ session state")
struct SessionStateTests {
    static func state(_ value: String) -> PQSessionState {
        PQSessionState(key: value, statement: "SELECT set_config('pqtest.who', \(value), false)")
    }

    static let who: PQQuery = "SELECT coalesce(current_setting('pqtest.who', true), '')"

    /// One connection, so every unit below shares it and the state really is carried over.
    static func onePool() -> PQPool {
        PoolTests.makePool(size: 1, name: "session-state-test")
    }

    @Test func unitsSeeTheirOwnStateAndUnitsWithoutOneSeeACleanSession() async throws {
        let pool = Self.onePool()
        #expect(try await pool.run(unit: [Self.who], session: Self.state("alice"))[0].scalar(String.self) == "alice")
        #expect(try await pool.run(unit: [Self.who], session: Self.state("alice"))[0].scalar(String.self) == "alice")
        #expect(try await pool.query(Self.who).scalar(String.self) == "")
        #expect(try await pool.run(unit: [Self.who], session: Self.state("bob"))[0].scalar(String.self) == "bob")
        // A whole lease starts clean, whatever the last batched unit left.
        let leased = try await pool.withConnection { try await $0.query(Self.who).scalar(String.self) }
        #expect(leased == "")
        await pool.close()
    }

    @Test func statesAreSetOncePerConnectionNotPerUnit() async throws {
        let pool = Self.onePool()
        // Counts the setting statements the server ran, through a sequence it advances.
        _ = try await pool.query("CREATE TEMP SEQUENCE IF NOT EXISTS pqtest_sets")
        let counting = PQSessionState(key: "counted", statement: "SELECT set_config('pqtest.who', 'counted' || nextval('pqtest_sets'), false)")
        for _ in 0..<5 {
            #expect(try await pool.run(unit: [Self.who], session: counting)[0].scalar(String.self) == "counted1")
        }
        await pool.close()
    }

    @Test func manyCallersInOneFlightEachGetTheirState() async throws {
        let pool = Self.onePool()
        let answers = try await withThrowingTaskGroup(of: (String, String?).self) { group in
            for index in 0..<120 {
                let name = ["alice", "bob", "carol"][index % 3]
                group.addTask {
                    if index % 7 == 0 { return ("", try await pool.query(Self.who).scalar(String.self)) }
                    return (name, try await pool.run(unit: [Self.who], session: Self.state(name))[0].scalar(String.self))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.count == 120)
        for (expected, seen) in answers { #expect(seen == expected) }
        await pool.close()
    }

    @Test func aFailingUnitDoesNotUndoTheStateForTheUnitsAfterIt() async throws {
        let pool = Self.onePool()
        async let failing = Self.fails { try await pool.run(unit: ["SELECT 1 / 0"], session: Self.state("alice")) }
        async let following = pool.run(unit: [Self.who], session: Self.state("alice"))
        #expect(await failing)
        #expect(try await following[0].scalar(String.self) == "alice")
        #expect(try await pool.run(unit: [Self.who], session: Self.state("alice"))[0].scalar(String.self) == "alice")
        await pool.close()
    }

    static func fails(_ body: () async throws -> some Any) async -> Bool {
        do {
            _ = try await body()
            return false
        } catch {
            return true
        }
    }

    @Test func aStateWhoseSettingFailsFailsItsUnitsInsteadOfRunningThemUnderAnother() async throws {
        let pool = Self.onePool()
        #expect(try await pool.run(unit: [Self.who], session: Self.state("alice"))[0].scalar(String.self) == "alice")
        let broken = PQSessionState(key: "broken", statement: "SELECT set_config('pqtest.who', (1 / 0)::text, false)")
        await #expect(throws: PQError.self) {
            try await pool.run(unit: [Self.who], session: broken)
        }
        #expect(try await pool.run(unit: [Self.who], session: Self.state("alice"))[0].scalar(String.self) == "alice")
        await pool.close()
    }
}

/// Read-only units share a transaction per flight; a failing one costs the others nothing.
@Suite("PQ shared transactions for reads")
struct SharedReadTests {
    @Test func aFailingReadNeitherFailsNorDropsTheReadsAroundIt() async throws {
        let pool = PoolTests.makePool(size: 1, name: "shared-read-test")
        let outcomes = try await withThrowingTaskGroup(of: (Int, Int?).self) { group in
            for index in 0..<90 {
                group.addTask {
                    // Every seventh divides by zero; the rest return their own number.
                    let divisor = index % 7 == 0 ? 0 : 1
                    do {
                        let result = try await pool.run(unit: ["SELECT \(index) / \(divisor)"], readOnly: true)
                        return (index, try result[0].scalar(Int.self))
                    } catch let error as PQError where error.sqlState == SQLState("22012") {
                        return (index, nil)
                    }
                }
            }
            return try await group.reduce(into: [Int: Int?]()) { $0.updateValue($1.1, forKey: $1.0) }
        }
        #expect(outcomes.count == 90)
        for (index, value) in outcomes {
            #expect(value == (index % 7 == 0 ? nil : index))
        }
        await pool.close()
    }

    @Test func aWriteNeverSharesATransaction() async throws {
        let pool = PoolTests.makePool(size: 1, name: "shared-write-test")
        _ = try await pool.query("CREATE TEMP TABLE pqtest_writes (n int)")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    if index % 5 == 0 {
                        _ = try? await pool.run(unit: ["SELECT 1 / 0"], readOnly: true)
                    } else {
                        _ = try await pool.run(unit: ["INSERT INTO pqtest_writes VALUES (\(index))"])
                    }
                }
            }
            try await group.waitForAll()
        }
        // Every write survived the failing reads queued beside it.
        #expect(try await pool.query("SELECT count(*) FROM pqtest_writes").scalar(Int.self) == 32)
        await pool.close()
    }
}
