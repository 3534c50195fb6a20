import Foundation
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// Row-level security checks what a row points at (0006): with branch B's settings, hand-written
/// SQL as `unionhall_app` can't attach a row to branch A's worker (or user), can't re-point a
/// row, and can't write a transfer; the same statements for B's own worker go through. And
/// without any scope the app role reads nothing from any table.
@Suite("Row-level security: references")
struct ReferenceSecurityTests {
    struct Fixture {
        let federation: Federation
        let workerA: Worker
        let workerB: Worker

        var database: TestDatabase { federation.testDatabase }
        var a: Office.ID { federation.branchA.id }
        var b: Office.ID { federation.branchB.id }
    }

    static func fixture(_ database: TestDatabase) async throws -> Fixture {
        let federation = try await Federation.make(database)
        let workers = WorkerStore(database: federation.database)
        let workerA = try await workers.create(try await federation.principal("officer_a"), office: federation.branchA.id,
                                               try WorkerFields(WorkerInput(name: "王芳", idNumber: TestIDNumbers.make(serial: 1))))
        let workerB = try await workers.create(try await federation.principal("officer_b"), office: federation.branchB.id,
                                               try WorkerFields(WorkerInput(name: "张强", idNumber: TestIDNumbers.make(serial: 2, sex: .male))))
        return Fixture(federation: federation, workerA: workerA, workerB: workerB)
    }

    /// Runs `statement` as the app role with `office`'s scope, in a transaction of its own.
    static func run(_ database: TestDatabase, scope office: Office.ID, _ statement: PQQuery) async throws {
        try await database.appPool.withTransaction { connection in
            try await connection.query(RowLevelSecurityTests.scoped(office, user: User.ID(UUID())))
            try await connection.query(statement)
        }
    }

    /// `statement` is refused with SQLSTATE 42501 (a policy's WITH CHECK, or a privilege).
    static func expectRefused(_ database: TestDatabase, scope office: Office.ID, _ statement: PQQuery,
                              sourceLocation: SourceLocation = #_sourceLocation) async {
        do {
            try await run(database, scope: office, statement)
            Issue.record("not refused: \(statement.sql)", sourceLocation: sourceLocation)
        } catch let error as PQError {
            #expect(error.sqlState == .insufficientPrivilege, "\(statement.sql): \(error.debugDescription)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    static func flags(_ fixture: Fixture, _ worker: Worker.ID) async throws -> (Bool, String?) {
        let row = try #require(try await fixture.database.ownerPool.query(
            "SELECT is_model_worker, hardship_tier FROM workers WHERE id = \(worker)").rows.first)
        return (try row.decode(Bool.self, at: 0), try row.decodeIfPresent(String.self, at: 1))
    }

    static func hardshipInsert(worker: Worker.ID, office: Office.ID) -> PQQuery {
        """
        INSERT INTO hardship_files (worker_id, office_id, status, tier, household_size, annual_income, essential_spending,
                                    per_capita_monthly, dibao, main_cause)
        VALUES (\(worker), \(office), 'active', 'deep', 1, 0, 0, 0, 1395, 'illness')
        """
    }

    @Test func householdMembersPointOnlyAtVisibleWorkersOfTheirOwnOffice() async throws {
        try await TestDatabase.with { database in
            let fixture = try await Self.fixture(database)
            let (a, b, workerA, workerB) = (fixture.a, fixture.b, fixture.workerA.id, fixture.workerB.id)
            // B's office on A's worker; A's office on A's worker (outside B's scope).
            await Self.expectRefused(database, scope: b, """
                INSERT INTO household_members (worker_id, office_id, relation, name) VALUES (\(workerA), \(b), 'spouse', '李明')
                """)
            await Self.expectRefused(database, scope: b, """
                INSERT INTO household_members (worker_id, office_id, relation, name) VALUES (\(workerA), \(a), 'spouse', '李明')
                """)
            // B's own worker: fine.
            try await Self.run(database, scope: b, """
                INSERT INTO household_members (worker_id, office_id, relation, name) VALUES (\(workerB), \(b), 'spouse', '李明')
                """)
            // Re-pointing B's row at A's worker (or at A's office) is refused.
            await Self.expectRefused(database, scope: b, "UPDATE household_members SET worker_id = \(workerA) WHERE worker_id = \(workerB)")
            await Self.expectRefused(database, scope: b, "UPDATE household_members SET office_id = \(a) WHERE worker_id = \(workerB)")
            try await Self.run(database, scope: b, "UPDATE household_members SET name = '李小明' WHERE worker_id = \(workerB)")
            let rows = try await database.ownerPool.query("SELECT worker_id, office_id, name FROM household_members").rows
            #expect(rows.count == 1)
            #expect(try rows.first?.decode(UUID.self, at: 0) == workerB.rawValue)
            #expect(try rows.first?.decode(String.self, at: 2) == "李小明")
        }
    }

    @Test func modelWorkerRecordsPointOnlyAtVisibleWorkersOfTheirOwnOffice() async throws {
        try await TestDatabase.with { database in
            let fixture = try await Self.fixture(database)
            let (a, b, workerA, workerB) = (fixture.a, fixture.b, fixture.workerA.id, fixture.workerB.id)
            await Self.expectRefused(database, scope: b, """
                INSERT INTO model_worker_records (worker_id, office_id, level, title, year_awarded)
                VALUES (\(workerA), \(b), 'national', '全国劳动模范', 2020)
                """)
            #expect(try await Self.flags(fixture, workerA).0 == false)  // the flag trigger never ran for A's worker
            try await Self.run(database, scope: b, """
                INSERT INTO model_worker_records (worker_id, office_id, level, title, year_awarded)
                VALUES (\(workerB), \(b), 'national', '全国劳动模范', 2020)
                """)
            #expect(try await Self.flags(fixture, workerB).0 == true)
            await Self.expectRefused(database, scope: b, "UPDATE model_worker_records SET worker_id = \(workerA) WHERE worker_id = \(workerB)")
            await Self.expectRefused(database, scope: b, "UPDATE model_worker_records SET office_id = \(a) WHERE worker_id = \(workerB)")
            try await Self.run(database, scope: b, "UPDATE model_worker_records SET retired = true WHERE worker_id = \(workerB)")
            #expect(try await Self.flags(fixture, workerA).0 == false)
        }
    }

    @Test func hardshipFilesOpenOnlyOnVisibleWorkersOfTheirOwnOffice() async throws {
        try await TestDatabase.with { database in
            let fixture = try await Self.fixture(database)
            let (a, b, workerA, workerB) = (fixture.a, fixture.b, fixture.workerA.id, fixture.workerB.id)
            await Self.expectRefused(database, scope: b, Self.hardshipInsert(worker: workerA, office: b))
            await Self.expectRefused(database, scope: b, Self.hardshipInsert(worker: workerA, office: a))
            // A's worker is not marked, and A can still open the household's one file.
            #expect(try await Self.flags(fixture, workerA).1 == nil)
            try await Self.run(database, scope: a, Self.hardshipInsert(worker: workerA, office: a))
            try await Self.run(database, scope: b, Self.hardshipInsert(worker: workerB, office: b))
            // Worker and office of a file are fixed once written.
            await Self.expectRefused(database, scope: b, "UPDATE hardship_files SET worker_id = \(workerA) WHERE worker_id = \(workerB)")
            await Self.expectRefused(database, scope: b, "UPDATE hardship_files SET office_id = \(a) WHERE worker_id = \(workerB)")
            try await Self.run(database, scope: b, "UPDATE hardship_files SET tier = 'relative' WHERE worker_id = \(workerB)")
            #expect(try await Self.flags(fixture, workerA).1 == "deep")
            #expect(try await Self.flags(fixture, workerB).1 == "relative")
        }
    }

    @Test func transfersAreWrittenOnlyByTheTransferFunction() async throws {
        try await TestDatabase.with { database in
            let fixture = try await Self.fixture(database)
            let (a, b, workerA, workerB) = (fixture.a, fixture.b, fixture.workerA.id, fixture.workerB.id)
            await Self.expectRefused(database, scope: b, """
                INSERT INTO worker_transfers (worker_id, from_office_id, to_office_id, transfer_date, reason)
                VALUES (\(workerA), \(a), \(b), '2026-01-01', 'x')
                """)
            await Self.expectRefused(database, scope: b, """
                INSERT INTO worker_transfers (worker_id, from_office_id, to_office_id, transfer_date, reason)
                VALUES (\(workerB), \(b), \(a), '2026-01-01', 'x')
                """)
            #expect(try await database.ownerPool.query("SELECT count(*) FROM worker_transfers").scalar(Int.self) == 0)
        }
    }

    @Test func tokensNameAUserOfTheirOwnOffice() async throws {
        try await TestDatabase.with { database in
            let fixture = try await Self.fixture(database)
            let officerA = try #require(fixture.federation.users["officer_a"])
            let officerB = try #require(fixture.federation.users["officer_b"])
            func insert(_ user: User.ID, _ office: Office.ID) -> PQQuery {
                """
                INSERT INTO api_tokens (user_id, office_id, token_hash, kind, expires_at)
                VALUES (\(user), \(office), sha256(convert_to(\(UUID().uuidString), 'UTF8')), 'api', now() + interval '1 hour')
                """
            }
            // A token for A's officer carrying B's office would let B's scope act as A's officer.
            await Self.expectRefused(database, scope: fixture.b, insert(officerA.id, fixture.b))
            try await Self.run(database, scope: fixture.b, insert(officerB.id, fixture.b))
        }
    }

    /// A transfer still carries household and honours to the new branch (now by the composite
    /// foreign keys' cascade), and the file stays with the branch that filed it.
    @Test func transfersStillMoveHouseholdAndHonours() async throws {
        try await TestDatabase.with { database in
            let fixture = try await Self.fixture(database)
            let store = fixture.federation.database
            let officerB = try await fixture.federation.principal("officer_b")
            let officerA = try await fixture.federation.principal("officer_a")
            let worker = fixture.workerB.id
            let household = HouseholdStore(database: store)
            _ = try await household.add(officerB, worker: worker, try HouseholdMemberFields(HouseholdMemberInput(relation: "spouse", name: "李明")))
            _ = try await household.setModelWorker(officerB, worker: worker, ModelWorkerRecord(level: .municipal, title: "市劳模", yearAwarded: 2019, retired: false))
            _ = try await SettingStore(database: store).set(fixture.federation.admin, key: SettingStore.dibao, value: Money(fen: 139_500),
                                                            from: CalendarDate(year: 2020, month: 1, day: 1) ?? .today())
            let file = try await HardshipStore(database: store).create(officerB, worker: worker, try HardshipFields(HardshipInput(
                householdSize: 3, annualIncome: "20000", essentialSpending: "0", mainCause: "illness")))

            try await WorkerStore(database: store).transfer(officerB, id: worker, to: fixture.a, on: .today(), reason: "搬家")

            let owner = database.ownerPool
            #expect(try await owner.query("SELECT office_id FROM household_members WHERE worker_id = \(worker)").scalar(UUID.self) == fixture.a.rawValue)
            #expect(try await owner.query("SELECT office_id FROM model_worker_records WHERE worker_id = \(worker)").scalar(UUID.self) == fixture.a.rawValue)
            // The open file goes along too (0008); closed ones stay where they were filed.
            #expect(try await owner.query("SELECT office_id FROM hardship_files WHERE id = \(file.id)").scalar(UUID.self) == fixture.a.rawValue)
            #expect(try await household.list(officerA, worker: worker).map(\.name) == ["李明"])
            #expect(try await household.modelWorker(officerA, worker: worker).title == "市劳模")
            await #expect(throws: StoreError.notFound) { try await household.list(officerB, worker: worker) }
            // One audit entry per moved row, not two.
            #expect(try await owner.query("""
                SELECT count(*) FROM audit_log WHERE table_name = 'household_members' AND action = 'UPDATE'
                """).scalar(Int.self) == 1)
        }
    }

    /// Without a scope the app role reads no row of any table it may read at all, settings
    /// included; with any scope, settings (the area's 低保) are readable by every branch.
    @Test func withoutAScopeEveryTableReadsEmpty() async throws {
        try await TestDatabase.with { database in
            let fixture = try await Self.fixture(database)
            let store = fixture.federation.database
            let officerB = try await fixture.federation.principal("officer_b")
            _ = try await SettingStore(database: store).set(fixture.federation.admin, key: SettingStore.dibao, value: Money(fen: 139_500),
                                                            from: CalendarDate(year: 2020, month: 1, day: 1) ?? .today())
            let household = HouseholdStore(database: store)
            _ = try await household.add(officerB, worker: fixture.workerB.id,
                                        try HouseholdMemberFields(HouseholdMemberInput(relation: "spouse", name: "李明")))
            _ = try await household.setModelWorker(officerB, worker: fixture.workerB.id,
                                                   ModelWorkerRecord(level: .other, title: "先进工作者", yearAwarded: 2021, retired: false))
            _ = try await HardshipStore(database: store).create(officerB, worker: fixture.workerB.id, try HardshipFields(HardshipInput(
                householdSize: 3, annualIncome: "20000", essentialSpending: "0", mainCause: "illness")))
            try await ContractSecurityTests.fillEveryTable(store, officerB, worker: fixture.workerB.id, coOrganiser: fixture.a)
            try await WorkerStore(database: store).transfer(officerB, id: fixture.workerB.id, to: fixture.a, on: .today(), reason: "搬家")
            try await database.ownerPool.query("INSERT INTO login_throttle (username, failures) VALUES ('nobody', 1)")
            // Aid (0010): a fund with a receipt, a program with a standard, a case with goods, an idempotency key.
            let (area, branchA, workerA, admin) = (fixture.federation.area.id, fixture.a, fixture.workerA.id, fixture.federation.admin.userID)
            let fund = try await database.ownerPool.query(
                "INSERT INTO funds (office_id, name, source) VALUES (\(area), '测试资金', 'donation') RETURNING id").scalar(UUID.self)
            try await database.ownerPool.query("""
                INSERT INTO fund_ledger (fund_id, office_id, seq, balance_after, kind, amount, entry_date, payer)
                VALUES (\(fund), \(area), 0, 0, 'receipt', 100, current_date, '捐赠人')
                """)
            let program = try await database.ownerPool.query("""
                INSERT INTO aid_programs (office_id, kind, name, year, fund_id, budget, standard_basis, once_per, eligibility)
                VALUES (\(area), 'emergency_relief', '意外救助', 2026, \(fund), 1000, 'flat', 'person', 'none') RETURNING id
                """).scalar(UUID.self)
            try await database.ownerPool.query(
                "INSERT INTO aid_program_standards (program_id, office_id, key, amount) VALUES (\(program), \(area), 'flat', 500)")
            let aidCase = try await database.ownerPool.query("""
                INSERT INTO aid_cases (office_id, worker_id, program_id, year, reason, cash_requested, standard_amount, once_key)
                VALUES (\(branchA), \(workerA), \(program), 2026, '意外', 500, 500, 'person') RETURNING id
                """).scalar(UUID.self)
            try await database.ownerPool.query("""
                INSERT INTO aid_case_goods (case_id, office_id, line, item, quantity, unit, unit_value, source)
                VALUES (\(aidCase), \(branchA), 1, '大米', 1, '袋', 50, 'donated')
                """)
            try await database.ownerPool.query(
                "INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES (\(admin), 'k1', '\\x00'::bytea)")
            // Insurance (0014): a plan, a period, a member-paid enrolment, a claim.
            let plan = try await database.ownerPool.query("""
                INSERT INTO insurance_plans (office_id, code, name, insurer, premium_per_share, max_shares, payout_percent, cap_per_share)
                VALUES (\(area), 'rls-test', '住院互助', '职工互助会', 25, 1, 100, 15000) RETURNING id
                """).scalar(UUID.self)
            let period = try await database.ownerPool.query("""
                INSERT INTO insurance_periods (plan_id, office_id, starts_on, ends_on, enrol_opens_on, enrol_closes_on)
                VALUES (\(plan), \(area), '2026-01-01', '2026-12-31', '2025-12-01', '2026-01-31') RETURNING id
                """).scalar(UUID.self)
            let enrolment = try await database.ownerPool.query("""
                INSERT INTO insurance_enrolments (period_id, worker_id, office_id, shares, premium, payer, cap_total)
                VALUES (\(period), \(workerA), \(branchA), 1, 25, 'member', 15000) RETURNING id
                """).scalar(UUID.self)
            try await database.ownerPool.query("""
                INSERT INTO insurance_claims (enrolment_id, office_id, incident_on, kind, amount_claimed, submitted_by)
                VALUES (\(enrolment), \(branchA), '2026-03-01', 'hospitalisation', 1000, \(admin))
                """)

            let owner = database.ownerPool
            let tables = try await owner.query("""
                SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2
                """).rows.map { (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1)) }
            let publicTables = Set(tables.filter { $0.0 == "public" }.map(\.1))
            #expect(publicTables.isSuperset(of: ["offices", "users", "api_tokens", "login_throttle", "audit_log", "workers", "worker_transfers",
                                                 "household_members", "model_worker_records", "settings", "hardship_files"]))
            for (schema, table) in tables {
                let name = "\(schema).\(table)"
                if schema == "public" {
                    let rows = try await owner.query(PQQuery(unsafeSQL: "SELECT count(*) FROM \(name)")).scalar(Int.self) ?? 0
                    #expect(rows > 0, "\(name) has no rows: the check would prove nothing")
                }
                // A column the app role may read, if any (users and api_tokens grant some columns only).
                let column = try await owner.query("""
                    SELECT a.attname FROM pg_attribute a
                    WHERE a.attrelid = \(name)::regclass AND a.attnum > 0 AND NOT a.attisdropped
                      AND has_schema_privilege('unionhall_app', \(schema), 'USAGE')
                      AND has_column_privilege('unionhall_app', a.attrelid, a.attnum, 'SELECT')
                    ORDER BY a.attnum LIMIT 1
                    """).scalar(String.self)
                guard let column else { continue }  // not readable by the app role at all
                let seen = try await database.appPool.withTransaction { connection in
                    try await connection.query(PQQuery(unsafeSQL: "SELECT count(*) FROM (SELECT \(column) FROM \(name)) r")).scalar(Int.self)
                }
                #expect(seen == 0, "\(name) shows \(seen ?? -1) rows without a scope")
            }
            // With a branch's scope the area-wide figures are there (and only they, of the area's rows).
            let settings = try await database.appPool.withTransaction { connection in
                try await connection.query(RowLevelSecurityTests.scoped(fixture.b, user: officerB.userID))
                return try await connection.query("SELECT count(*) FROM settings").scalar(Int.self)
            }
            #expect(settings == 1)
            #expect(try await SettingStore(database: store).value(officerB, key: SettingStore.dibao, on: .today()) == Money(fen: 139_500))
        }
    }
}
