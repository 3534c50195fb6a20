import Foundation
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// The rollup's distinct-household counters are upserts under row locks: 36 disbursements and
/// reversals on two programs of one kind (so one household's key is moved by several of them
/// at once) leave the rollup equal to the cases, and equal to a rebuild.
@Suite("Reporting rollup: concurrency")
struct ReportingConcurrencyTests {
    /// Runs `body` again when the database asks for a retry (a deadlock between a payment and
    /// a reversal taking the program's and the fund's rows in opposite order), as a client would.
    static func retrying(_ body: @Sendable () async throws -> Void) async throws {
        var attempt = 0
        while true {
            attempt += 1
            do {
                try await body()
                return
            } catch StoreError.retryable where attempt < 20 {
                continue
            } catch StoreError.unavailable where attempt < 20 {
                // No connection free in time (a 503 to a client): the others hold theirs while
                // they wait on the fund's row.
                continue
            } catch let error as PQError where attempt < 20 && (error.sqlState == .deadlockDetected || error.sqlState == .serializationFailure) {
                continue
            }
        }
    }

    @Test func concurrentDisbursementsAndReversalsKeepTheRollup() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let admin = federation.admin
            let reviewer = try await federation.principal("reviewer")
            let officers = [try await federation.principal("officer_a"), try await federation.principal("officer_b")]
            let funds = FundStore(database: federation.database)
            let fund = try await funds.create(admin, try FundFields(name: "并发测试拨款", source: "district_allocation"))
            _ = try await funds.receive(admin, fund: fund.id, try ReceiptFields(amount: "500000.00", date: nil, payer: "丰台区总工会", memo: nil,
                                                                              today: .today()))
            let programs = AidProgramStore(database: federation.database)
            var programIDs: [AidProgram.ID] = []
            for name in ["并发意外救助一", "并发意外救助二"] {
                programIDs.append(try await programs.create(admin, try AidProgramFields(AidProgramInput(
                    kind: "emergency_relief", name: name, year: CalendarDate.today().year, fundID: fund.id.description, budget: "300000.00",
                    standards: ["flat": "1000.00"]))).id)
            }
            let cases = AidCaseStore(database: federation.database)
            var people = DemoPeople(seed: 36)
            // Workers 0–23 in the first program, 0–11 in the second as well.
            var first: [AidCase.ID] = []
            var second: [AidCase.ID] = []
            for index in 0..<24 {
                let officer = officers[index % 2]
                let office = index % 2 == 0 ? federation.branchA.id : federation.branchB.id
                let worker = try await WorkerStore(database: federation.database).create(officer, office: office, try WorkerFields(WorkerInput(
                    name: people.name(sex: .female), idNumber: TestIDNumbers.make(serial: 800 + index))))
                for (which, program) in programIDs.enumerated() where which == 0 || first.count <= 12 {
                    let created = try await cases.create(officer, try AidCaseFields(AidCaseInput(
                        workerID: worker.id.description, programID: program.description, reason: "突发疾病")))
                    _ = try await cases.transition(officer, id: created.id, .submit)
                    _ = try await cases.transition(reviewer, id: created.id, .approve)
                    if which == 0 { first.append(created.id) } else { second.append(created.id) }
                }
            }
            #expect(first.count == 24 && second.count == 12)
            // Paid beforehand and reversed during the run: four households with a second case,
            // four without.
            let reversed = [0, 1, 2, 3, 12, 13, 14, 15].map { first[$0] }
            let payment = try DisbursementFields(cashPaid: nil, method: "bank", date: nil, today: .today())
            for id in reversed { _ = try await cases.disburse(reviewer, id: id, payment) }
            let paidDuringRun = first.filter { !reversed.contains($0) } + second
            // A pool of its own, big enough that the payments meet in the database, not in the pool.
            let pool = PQPool(configuration: PQConfiguration(connectionString: database.conninfo(user: "unionhall_app"), maximumConnections: 12))
            let concurrent = AidCaseStore(database: Database(pool: pool, hasher: PasswordHasher(cost: 4)))
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (id, pays) in (paidDuringRun.map { ($0, true) } + reversed.map { ($0, false) }).shuffled() {
                        group.addTask {
                            try await Self.retrying {
                                if pays {
                                    _ = try await concurrent.disburse(reviewer, id: id, payment)
                                } else {
                                    _ = try await concurrent.reverse(admin, id: id, reason: "重复发放，冲正")
                                }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            } catch {
                await pool.close()
                throw error
            }
            await pool.close()

            let expected = ReportingExpectations(rows: try await ReportingBaseRows.read(database), today: .today())
            let summary = try await ReportingViewsTests.aidSummary(database)
            ReportingViewsTests.expectSame(summary, expected.aidSummary(), "aid_summary")
            ReportingViewsTests.expectSame(try await ReportingViewsTests.annual(database), expected.annualSummary(), "annual_summary")
            let area = try #require(summary["\(CalendarDate.today().year) area area emergency_relief"])
            #expect(area.cases == 28 && area.households == 20 && area.people == 20 && area.cash == Money(fen: 28 * 1000 * 100))

            try await database.ownerPool.query("SELECT rollup.aid_rebuild()")
            ReportingViewsTests.expectSame(try await ReportingViewsTests.aidSummary(database), summary, "aid_summary after aid_rebuild")
        }
    }
}
