import Foundation
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// The aid tables' second wall, as hand-written SQL over the app role: the ledger is
/// append-only, a balance moves only with its ledger and never below zero, and a branch sees
/// and touches only its own cases.
@Suite("Aid row-level security")
struct AidRowLevelSecurityTests {
    static func scoped(_ offices: [Office.ID], user: User.ID) -> PQQuery {
        let literal = "{" + offices.map(\.description).joined(separator: ",") + "}"
        return "SELECT set_config('unionhall.office_ids', \(literal), true), set_config('unionhall.user_id', \(user.description), true)"
    }

    struct Books {
        let fund: Fund
        let program: AidProgram
        let aidCase: AidCase
    }

    /// A fund of 1,000.00, an emergency program, and a disbursed case of 300.00 in branch A.
    static func books(_ federation: Federation) async throws -> Books {
        let admin = federation.admin
        let funds = FundStore(database: federation.database)
        let fund = try await funds.create(admin, try FundFields(name: "乡政府拨款", source: "township_government"))
        _ = try await funds.receive(admin, fund: fund.id, try ReceiptFields(amount: "1000.00", date: nil, payer: "乡政府", memo: nil, today: .today()))
        let program = try await AidProgramStore(database: federation.database).create(admin, try AidProgramFields(AidProgramInput(
            kind: "emergency_relief", name: "意外救助", year: CalendarDate.today().year, fundID: fund.id.description, budget: "5000.00",
            standards: ["flat": "300.00"])))
        let officer = try await federation.principal("officer_a")
        let worker = try await WorkerStore(database: federation.database).create(
            officer, office: federation.branchA.id, try WorkerFields(WorkerInput(name: "李某", idNumber: TestIDNumbers.make(serial: 500))))
        let cases = AidCaseStore(database: federation.database)
        let filed = try await cases.create(officer, try AidCaseFields(AidCaseInput(
            workerID: worker.id.description, programID: program.id.description, reason: "丈夫病故")))
        _ = try await cases.transition(officer, id: filed.id, .submit)
        _ = try await cases.transition(try await federation.principal("reviewer"), id: filed.id, .approve)
        guard case .done(let paid, _) = try await cases.disburse(admin, id: filed.id, try DisbursementFields(cashPaid: nil, method: "cash", date: nil, today: .today())) else {
            throw StoreError.notFound
        }
        return Books(fund: fund, program: program, aidCase: paid)
    }

    @Test func theLedgerIsAppendOnlyAndTheBalanceFollowsIt() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let books = try await Self.books(federation)
            let area = Self.scoped(Array(federation.admin.scope), user: federation.admin.userID)
            for statement in ["UPDATE fund_ledger SET amount = 1", "DELETE FROM fund_ledger", "UPDATE funds SET balance = 1000000",
                              "DELETE FROM funds", "DELETE FROM aid_cases", "INSERT INTO funds (office_id, name, source, balance) VALUES ('\(federation.area.id)', 'x', 'other', 5)"] {
                await #expect(throws: PQError.self, "\(statement)") {
                    try await database.appPool.withTransaction { connection in
                        try await connection.query(area)
                        try await connection.query(PQQuery(unsafeSQL: statement))
                    }
                }
            }
            // An overdraft is refused by the database itself.
            await #expect(throws: PQError.self) {
                try await database.appPool.withTransaction { connection in
                    try await connection.query(area)
                    try await connection.query("""
                        INSERT INTO fund_ledger (fund_id, office_id, seq, balance_after, kind, amount, entry_date, case_id)
                        VALUES (\(books.fund.id), \(federation.area.id), 0, 0, 'disbursement', -700.01, current_date, \(books.aidCase.id))
                        """)
                }
            }
            // A reversal must mirror what it reverses, and only once.
            let disbursement = try #require(try await database.ownerPool.query(
                "SELECT id FROM fund_ledger WHERE kind = 'disbursement'").scalar(UUID.self))
            await #expect(throws: PQError.self) {
                try await database.appPool.withTransaction { connection in
                    try await connection.query(area)
                    try await connection.query("""
                        INSERT INTO fund_ledger (fund_id, office_id, seq, balance_after, kind, amount, entry_date, reverses)
                        VALUES (\(books.fund.id), \(federation.area.id), 0, 0, 'reversal', 999.00, current_date, \(disbursement))
                        """)
                }
            }
            let balance = try await database.ownerPool.query("SELECT balance FROM funds WHERE id = \(books.fund.id)").scalar(Money.self)
            let sum = try await database.ownerPool.query("SELECT sum(amount) FROM fund_ledger WHERE fund_id = \(books.fund.id)").scalar(Money.self)
            #expect(balance == Money(fen: 70_000))
            #expect(sum == balance)
            #expect(try await database.appPool.query("SELECT has_table_privilege('unionhall_app', 'fund_ledger', 'UPDATE')").scalar(Bool.self) == false)
            let audits = try await FundStore(database: federation.database).check(federation.admin)
            #expect(audits.allSatisfy { $0.holds })
        }
    }

    @Test func aBranchSeesAndTouchesOnlyItsOwnCases() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let books = try await Self.books(federation)
            let officerB = try #require(federation.users["officer_b"])
            let officerA = try #require(federation.users["officer_a"])
            try await database.appPool.withTransaction { connection in
                try await connection.query(Self.scoped([federation.branchB.id], user: officerB.id))
                #expect(try await connection.query("SELECT count(*) FROM aid_cases").scalar(Int.self) == 0)
                #expect(try await connection.query("SELECT count(*) FROM aid_case_goods").scalar(Int.self) == 0)
                #expect(try await connection.query("SELECT count(*) FROM funds").scalar(Int.self) == 0)
                #expect(try await connection.query("SELECT count(*) FROM fund_ledger").scalar(Int.self) == 0)
                #expect(try await connection.query("UPDATE aid_cases SET reason = 'hijacked'").affectedRows == 0)
                // Programs are the area's catalogue: readable by every signed-in user.
                #expect(try await connection.query("SELECT count(*) FROM aid_programs").scalar(Int.self) == 1)
                #expect(try await connection.query("UPDATE aid_programs SET budget = 0").affectedRows == 0)
            }
            // Filing a case on branch A's worker from branch B: the WITH CHECK refuses it.
            await #expect(throws: PQError.self) {
                try await database.appPool.withTransaction { connection in
                    try await connection.query(Self.scoped([federation.branchB.id], user: officerB.id))
                    try await connection.query("""
                        INSERT INTO aid_cases (office_id, worker_id, program_id, year, reason, cash_requested, standard_amount, once_key)
                        VALUES (\(federation.branchB.id), \(books.aidCase.workerID), \(books.program.id), 2026, 'x', 1, 1, 'sneaky')
                        """)
                }
            }
            try await database.appPool.withTransaction { connection in
                try await connection.query(Self.scoped([federation.branchA.id], user: officerA.id))
                #expect(try await connection.query("SELECT count(*) FROM aid_cases").scalar(Int.self) == 1)
                #expect(try await connection.query("SELECT count(*) FROM idempotency_keys").scalar(Int.self) == 0)
            }
            for table in ["funds", "fund_ledger", "aid_cases", "aid_programs", "aid_case_goods", "idempotency_keys"] {
                #expect(try await database.appPool.query(PQQuery(unsafeSQL: "SELECT count(*) FROM \(table)")).scalar(Int.self) == 0, "\(table)")
            }
            let audited = try await database.ownerPool.query(
                "SELECT count(*) FROM audit_log WHERE table_name IN ('aid_cases', 'fund_ledger', 'funds', 'aid_programs')").scalar(Int.self) ?? 0
            #expect(audited >= 7)
        }
    }
}
