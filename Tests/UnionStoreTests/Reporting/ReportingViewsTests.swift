import Foundation
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// The reporting views reconcile with what was paid: on the scenario's data (made through the
/// stores), every figure of every view equals the one computed here from the amounts the test
/// paid and from the base tables and the ledger read as owner, never from a view.
@Suite("Reporting views: reconciliation")
struct ReportingViewsTests {
    /// Every key on both sides, and each row equal; a difference names the key and both rows.
    static func expectSame<Row: Hashable>(_ actual: [String: Row], _ expected: [String: Row], _ what: String,
                                          sourceLocation: SourceLocation = #_sourceLocation) {
        for key in Set(actual.keys).union(expected.keys).sorted() where actual[key] != expected[key] {
            Issue.record("\(what) \(key):\n  view     \(actual[key].map { "\($0)" } ?? "missing")\n  expected \(expected[key].map { "\($0)" } ?? "missing")",
                         sourceLocation: sourceLocation)
        }
    }

    static func keyed<Row>(_ rows: [Row], _ key: (Row) -> String) -> [String: Row] {
        Dictionary(rows.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func annual(_ database: TestDatabase, where condition: PQQuery = "true") async throws -> [String: AnnualRow] {
        keyed(try await database.ownerPool.query("SELECT * FROM reporting.annual_summary WHERE \(condition)").decode(AnnualRow.self), \.key)
    }

    static func aidSummary(_ database: TestDatabase, where condition: PQQuery = "true") async throws -> [String: AidSummaryRow] {
        keyed(try await database.ownerPool.query("SELECT * FROM reporting.aid_summary WHERE \(condition)").decode(AidSummaryRow.self), \.key)
    }

    /// The annual summary and the aid summary, office and area rows, over every year; the two
    /// offices of the scenario also against what it paid; the rebuilt rollup the same; a range
    /// of years without data gives zeros or nothing.
    @Test func aidFiguresReconcile() async throws {
        try await TestDatabase.with { database in
            let scenario = try await ReportingScenario.make(database)
            let expected = ReportingExpectations(rows: try await ReportingBaseRows.read(database), today: .today())
            let annual = try await Self.annual(database)
            Self.expectSame(annual, expected.annualSummary(), "annual_summary")
            Self.expectSame(try await Self.aidSummary(database), expected.aidSummary(), "aid_summary")
            #expect(annual.count > 6 * scenario.years.count, "every office and the area, every year")

            // East's and west's money, year by year, as the scenario paid and reversed it.
            for year in scenario.years {
                for office in [scenario.east, scenario.west] {
                    let paid = scenario.events.filter { $0.year == year && $0.office == office.id }
                    func sum(_ kinds: Set<AidProgram.Kind>, _ amount: (ReportingScenario.Event) -> Money) -> Money {
                        paid.filter { kinds.contains($0.kind) }.reduce(.zero) { $0 + Money(fen: Int64($1.sign) * amount($1).fen) }
                    }
                    let row = try #require(annual["\(year) office \(office.code)"])
                    #expect(row.reliefCash == sum([.hardshipRelief, .emergencyRelief], \.cash), "\(year) \(office.code)")
                    #expect(row.reliefGoods == sum([.hardshipRelief, .emergencyRelief], \.goods), "\(year) \(office.code)")
                    #expect(row.educationCash == sum([.educationAid], \.cash), "\(year) \(office.code)")
                    #expect(row.modelWorkerGoods == sum([.modelWorkerAid], \.goods), "\(year) \(office.code)")
                    #expect(row.holidayTotal == sum([.holidayWarmth], \.cash) + sum([.holidayWarmth], \.goods), "\(year) \(office.code)")
                    #expect(row.holidayVisits == paid.filter { $0.kind == .holidayWarmth }.reduce(0) { $0 + $1.sign }, "\(year) \(office.code)")
                    #expect(row.aidTotal == sum(Set(AidProgram.Kind.allCases), \.cash) + sum(Set(AidProgram.Kind.allCases), \.goods))
                }
            }
            // The household helped by hardship and emergency relief counts once; its two
            // students twice; its two festivals are two visits to one household.
            let thisYear = ReportingScenario.thisYear
            let east = try #require(annual["\(thisYear) office east"])
            #expect(east.reliefHouseholds == 3, "e1 (both kinds), e2, e5 (paid again after its older payment was reversed); not e4 (reversed)")
            #expect(east.educationStudents == 2)
            #expect(east.holidayHouseholds == 2 && east.holidayVisits == 3)
            #expect(east.modelWorkers == 1)
            // Two years back keeps e5's emergency; this year carries its reversal.
            let early = try #require(annual["\(scenario.years[0]) office east"])
            #expect(early.reliefHouseholds == 3 && early.reliefCash == Money(fen: (2000 + 800 + 3000 + 3000) * 100))
            let reversedThisYear = try #require(try await Self.aidSummary(database)["\(thisYear) office east emergency_relief"])
            #expect(reversedThisYear.cases == 1, "e1, e4 and e5 paid this year; e4's reversed, and e5's of two years back reversed this year")
            #expect(reversedThisYear.households == 2 && reversedThisYear.cash == Money(fen: 3000 * 100))

            // The rollup rebuilt from the cases is the one the triggers kept.
            let before = (annual, try await Self.aidSummary(database))
            try await database.ownerPool.query("SELECT rollup.aid_rebuild()")
            Self.expectSame(try await Self.annual(database), before.0, "annual_summary after aid_rebuild")
            Self.expectSame(try await Self.aidSummary(database), before.1, "aid_summary after aid_rebuild")

            // Years without data: zeros in the years listed, nothing past this year, no error.
            let quiet = try await Self.annual(database, where: "year BETWEEN 2016 AND 2018")
            #expect(quiet.count == 3 * (expected.rows.offices.count + 1))
            for row in quiet.values {
                var zero = AnnualRow(year: row.year, level: row.level, officeCode: row.officeCode)
                zero.activeMembers = row.activeMembers
                zero.insuranceCoverageRate = "0.0000"
                #expect(row == zero)
            }
            #expect(try await Self.annual(database, where: "year BETWEEN \(Int32(thisYear + 5)) AND \(Int32(thisYear + 6))").isEmpty)
            #expect(try await Self.aidSummary(database, where: "year BETWEEN 2016 AND 2018").isEmpty)
        }
    }

    /// Cases inserted already paid (old records migrated in bulk) are counted per statement by
    /// the insert trigger, the same as the app's payments and as a rebuild.
    @Test func casesInsertedPaidAreCounted() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let admin = federation.admin
            let fund = try await FundStore(database: federation.database).create(admin, try FundFields(name: "历史记录", source: "other"))
            let year = ReportingScenario.thisYear - 1
            let program = try await AidProgramStore(database: federation.database).create(admin, try AidProgramFields(AidProgramInput(
                kind: "hardship_relief", name: "\(year)年困难救助（补录）", year: year, fundID: fund.id.description, budget: "100000.00",
                standards: ["deep": "1000.00"])))
            let officer = try await federation.principal("officer_a")
            for index in 0..<6 {
                _ = try await WorkerStore(database: federation.database).create(officer, office: federation.branchA.id, try WorkerFields(WorkerInput(
                    name: "补录职工", idNumber: TestIDNumbers.make(serial: 900 + index))))
            }
            // Six paid: one reversed the same year, one in the year after (it still counts in its own).
            let insert: PQQuery = """
                INSERT INTO aid_cases (office_id, worker_id, program_id, year, status, reason, cash_requested, standard_amount, once_key,
                                       cash_paid, payment_method, disbursed_on, drawn, reversed_at, reversal_reason)
                SELECT w.office_id, w.id, \(program.id), \(Int32(year)), CASE WHEN n IN (2, 3) THEN 'reversed' ELSE 'disbursed' END, '补录',
                       1000.00, 1000.00, w.id::text, 1000.00, 'cash', make_date(\(Int32(year)), 1 + n, 10), 1000.00,
                       CASE n WHEN 2 THEN make_date(\(Int32(year)), 12, 1)::timestamptz WHEN 3 THEN make_date(\(Int32(year)) + 1, 2, 1)::timestamptz END,
                       CASE WHEN n IN (2, 3) THEN '补录冲正' END
                FROM (SELECT id, office_id, (row_number() OVER (ORDER BY id))::integer AS n FROM workers) w
                """
            try await database.ownerPool.query(insert)
            let expected = ReportingExpectations(rows: try await ReportingBaseRows.read(database), today: .today())
            let summary = try await Self.aidSummary(database)
            Self.expectSame(summary, expected.aidSummary(), "aid_summary")
            Self.expectSame(try await Self.annual(database), expected.annualSummary(), "annual_summary")
            let paid = try #require(summary["\(year) office guozhuangzi hardship_relief"])
            #expect(paid.cases == 5 && paid.households == 5 && paid.cash == Money(fen: 5000 * 100))
            try await database.ownerPool.query("SELECT rollup.aid_rebuild()")
            Self.expectSame(try await Self.aidSummary(database), summary, "aid_summary after aid_rebuild")
        }
    }

    /// One row per disbursement and one per reversal; per fund, what the rows say was drawn is
    /// what the ledger's aid entries took; fund balances equal their ledgers.
    @Test func disbursementsAndFundsReconcileWithTheLedger() async throws {
        try await TestDatabase.with { database in
            _ = try await ReportingScenario.make(database)
            let base = try await ReportingBaseRows.read(database)
            let expectations = ReportingExpectations(rows: base, today: .today())
            struct Line: Decodable, Hashable {
                let event: String
                let date: CalendarDate
                let officeCode: String
                let programKind: String
                let programName: String
                let programYear: Int
                let cash: Money
                let goodsValue: Money
                let total: Money
                let drawnFromFund: Money
            }
            struct Keys: Decodable {
                let programName: String
                let event: String
                let caseKey: UUID
                let householdKey: UUID
                let beneficiaryKey: UUID
            }
            let lines = try await database.ownerPool.query("SELECT * FROM reporting.aid_disbursements").decode(Line.self)
            var expected: [Line] = []
            for event in expectations.events {
                let date = event.sign > 0 ? event.row.disbursedOn : try #require(event.row.reversedOn)
                expected.append(Line(event: event.sign > 0 ? "disbursement" : "reversal", date: date, officeCode: base.code(event.row.officeId),
                                     programKind: event.row.kind, programName: event.row.programName, programYear: event.row.programYear,
                                     cash: event.cash, goodsValue: event.signedGoods, total: event.cash + event.signedGoods, drawnFromFund: event.drawn))
            }
            func counted(_ lines: [Line]) -> [Line: Int] { lines.reduce(into: [:]) { $0[$1, default: 0] += 1 } }
            #expect(counted(lines) == counted(expected))
            #expect(lines.contains { $0.event == "reversal" && $0.date.year == ReportingScenario.thisYear && $0.programYear < $0.date.year - 1 })

            // Per fund: Σ drawn_from_fund = −(Σ disbursement entries + Σ reversals of aid payments).
            let fundOfProgram = Dictionary(base.cases.map { ($0.programName, $0.fundId) }, uniquingKeysWith: { first, _ in first })
            var drawn: [UUID: Money] = [:]
            for line in lines {
                let fund = try #require(fundOfProgram[line.programName])
                drawn[fund, default: .zero] = drawn[fund, default: .zero] + line.drawnFromFund
            }
            var ledger: [UUID: Money] = [:]
            for entry in base.ledger where entry.kind == "disbursement" || (entry.kind == "reversal" && entry.caseId != nil) {
                ledger[entry.fundId, default: .zero] = ledger[entry.fundId, default: .zero] - entry.amount
            }
            #expect(drawn.filter { $0.value != .zero } == ledger.filter { $0.value != .zero })
            #expect(drawn.count >= 5, "every fund that paid aid")

            // Keys: a case's reversal carries its disbursement's key; one household, one key;
            // never an id that exists elsewhere.
            let keys = try await database.ownerPool.query("SELECT * FROM reporting.aid_disbursements").decode(Keys.self)
            let reversedKeys = Set(keys.filter { $0.event == "reversal" }.map(\.caseKey))
            #expect(reversedKeys.isSubset(of: Set(keys.filter { $0.event == "disbursement" }.map(\.caseKey))))
            #expect(Set(keys.map(\.householdKey)).count == Set(base.cases.map(\.workerId)).count)
            #expect(Set(keys.map(\.beneficiaryKey)).count == Set(base.cases.map { $0.studentId ?? $0.workerId }).count)
            let ids = Set(base.cases.flatMap { [$0.id, $0.workerId, $0.studentId].compactMap(\.self) })
            #expect(keys.allSatisfy { !ids.contains($0.caseKey) && !ids.contains($0.householdKey) && !ids.contains($0.beneficiaryKey) })

            struct Balance: Decodable, Hashable {
                let fundName: String
                let source: String
                let receipts: Money
                let disbursements: Money
                let premiums: Money
                let reversals: Money
                let ledgerTotal: Money
                let balance: Money
                let entries: Int
            }
            let balances = try await database.ownerPool.query("SELECT * FROM reporting.fund_balances").decode(Balance.self)
            var expectedBalances: [Balance] = []
            for fund in base.funds {
                let entries = base.ledger.filter { $0.fundId == fund.id }
                func sum(_ kind: String) -> Money { entries.filter { $0.kind == kind }.reduce(.zero) { $0 + $1.amount } }
                let total = entries.reduce(Money.zero) { $0 + $1.amount }
                expectedBalances.append(Balance(fundName: fund.name, source: fund.source, receipts: sum("receipt"),
                                                disbursements: Money.zero - sum("disbursement"), premiums: Money.zero - sum("premium"),
                                                reversals: sum("reversal"), ledgerTotal: total, balance: fund.balance, entries: entries.count))
                #expect(fund.balance == total, "\(fund.name)")
            }
            #expect(Set(balances) == Set(expectedBalances))
            for row in balances {
                #expect(row.balance == row.receipts - row.disbursements - row.premiums + row.reversals, "\(row.fundName)")
            }
            #expect(balances.contains { $0.premiums > .zero } && balances.contains { $0.reversals > .zero })
        }
    }
}
