import Foundation
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// Insurance at the store: a roster of 10,000 in one call, and the tables' second wall.
@Suite("Insurance store")
struct InsuranceStoreTests {
    static func scoped(_ offices: [Office.ID], user: User.ID) -> PQQuery {
        let literal = "{" + offices.map(\.description).joined(separator: ",") + "}"
        return "SELECT set_config('unionhall.office_ids', \(literal), true), set_config('unionhall.user_id', \(user.description), true)"
    }

    static func planAndPeriod(_ federation: Federation, code: String) async throws -> (InsurancePlan, InsurancePeriod) {
        let plan = try await InsurancePlanStore(database: federation.database).create(federation.admin, try InsurancePlanFields(InsurancePlanInput(
            code: code, name: "在职职工住院医疗互助保障", insurer: "北京市职工互助保障会", premiumPerShare: "25.00", capPerShare: "15000.00")))
        let year = CalendarDate.today().year
        let period = try await InsurancePeriodStore(database: federation.database).create(federation.admin, try InsurancePeriodFields(
            planID: plan.id.description, startsOn: "\(year)-01-01", endsOn: "\(year)-12-31", enrolOpensOn: "\(year)-01-01",
            enrolClosesOn: "\(year)-12-31"))
        return (plan, period)
    }

    /// 10,000 active members of one branch, enrolled by one call with one INSERT … SELECT and
    /// one premium entry of 250,000.00 drawn from the fund.
    @Test func aRosterOfTenThousandInOneCall() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            try await database.ownerPool.query("""
                INSERT INTO workers (office_id, name, id_number, sex, birth_date)
                SELECT \(federation.branchA.id), '职工' || g, '1101051980' || lpad(g::text, 8, '0'), 'female', '1980-01-01'
                FROM generate_series(1, 10000) AS g
                """)
            let funds = FundStore(database: federation.database)
            let fund = try await funds.create(federation.admin, try FundFields(name: "会费", source: "union_dues"))
            _ = try await funds.receive(federation.admin, fund: fund.id, try ReceiptFields(amount: "300000.00", date: nil, payer: "会员", memo: nil,
                                                                                            today: .today()))
            let (_, period) = try await Self.planAndPeriod(federation, code: "roster-10000")
            let outcome = try await EnrolmentStore(database: federation.database).enrolRoster(
                federation.admin, period: period.id, try RosterEnrolmentFields(shares: 1, fundID: fund.id.description,
                                                                              officeIDs: [federation.branchA.id.description]))
            guard case .done(let result, _) = outcome else { throw StoreError.notFound }
            #expect(result.enrolled == 10000)
            #expect(result.skipped.isEmpty)
            #expect(result.premiumTotal == Money(fen: 25_000_000))
            #expect(try await funds.get(federation.admin, id: fund.id).balance == Money(fen: 5_000_000))
            let premiums = try await database.ownerPool.query("""
                SELECT count(*) FROM fund_ledger WHERE fund_id = \(fund.id) AND kind = 'premium' AND period_id = \(period.id)
                """).scalar(Int.self)
            #expect(premiums == 1)
            let entry = try #require(try await database.ownerPool.query("SELECT id FROM fund_ledger WHERE kind = 'premium' AND fund_id = \(fund.id)")
                .scalar(LedgerEntry.ID.self))
            do {
                _ = try await funds.reverseEntry(federation.admin, fund: fund.id, entry: entry, memo: "退费")
                Issue.record("a premium for standing enrolments was reversed")
            } catch StoreError.conflict(let message) {
                #expect(message.code == "premium_not_reversible")
            }
            #expect(try await database.ownerPool.query("SELECT count(DISTINCT ledger_entry_id) FROM insurance_enrolments WHERE period_id = \(period.id)")
                .scalar(Int.self) == 1)
        }
    }

    /// The app role can't delete an enrolment or claim, can't change what was sold or claimed,
    /// can't lift approvals past the cap, and a
    /// branch sees only its own enrolments and claims; each write is audited.
    @Test func theSecondWall() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let (_, period) = try await Self.planAndPeriod(federation, code: "wall")
            let officerA = try await federation.principal("officer_a")
            let worker = try await WorkerStore(database: federation.database).create(
                officerA, office: federation.branchA.id, try WorkerFields(WorkerInput(name: "王芳", idNumber: TestIDNumbers.make(serial: 600))))
            guard case .done(let enrolment, _) = try await EnrolmentStore(database: federation.database).enrol(
                officerA, try EnrolmentFields(periodID: period.id.description, workerID: worker.id.description, shares: 1, fundID: nil)) else {
                throw StoreError.notFound
            }
            _ = try await InsuranceClaimStore(database: federation.database).submit(officerA, try InsuranceClaimFields(
                enrolmentID: enrolment.id.description, incidentOn: "\(CalendarDate.today().year)-02-01", kind: "hospitalisation",
                amountClaimed: "100.00", documents: nil))
            let area = Self.scoped(Array(federation.admin.scope), user: federation.admin.userID)
            for statement in ["DELETE FROM insurance_enrolments", "DELETE FROM insurance_claims", "DELETE FROM insurance_plans",
                              "UPDATE insurance_enrolments SET approved_total = cap_total + 1", "UPDATE insurance_enrolments SET premium = 0.01",
                              "UPDATE insurance_enrolments SET roster_change = 'left'", "UPDATE insurance_claims SET amount_claimed = 999999"] {
                await #expect(throws: PQError.self, "\(statement)") {
                    try await database.appPool.withTransaction { connection in
                        try await connection.query(area)
                        try await connection.query(PQQuery(unsafeSQL: statement))
                    }
                }
            }
            let branchB = Self.scoped([federation.branchB.id], user: federation.users["officer_b"]?.id ?? User.ID())
            let seen = try await database.appPool.withTransaction { connection in
                try await connection.query(branchB)
                let enrolments = try await connection.query("SELECT count(*) FROM insurance_enrolments").scalar(Int.self) ?? -1
                let claims = try await connection.query("SELECT count(*) FROM insurance_claims").scalar(Int.self) ?? -1
                return enrolments + claims
            }
            #expect(seen == 0)
            for table in ["insurance_plans", "insurance_periods", "insurance_enrolments", "insurance_claims"] {
                let audited = try await database.ownerPool.query("SELECT count(*) FROM audit_log WHERE table_name = \(table)").scalar(Int.self) ?? 0
                #expect(audited > 0, "\(table)")
            }
            let forced = try await database.ownerPool.query("""
                SELECT count(*) FROM pg_class WHERE relname LIKE 'insurance_%' AND relkind = 'r' AND relrowsecurity AND relforcerowsecurity
                """).scalar(Int.self)
            #expect(forced == 4)
        }
    }
}
