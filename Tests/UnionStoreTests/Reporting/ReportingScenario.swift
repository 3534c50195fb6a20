import Foundation
import PQ
import UnionDomain
import UnionStore
import UnionTestSupport

/// The data the reporting views are checked on, made through the same stores (and so the same
/// rules, row-level security and triggers) as the API: the demo federation (five branches,
/// hardship files, contracts in every state, activities, this year's insurance roster), and on
/// top of it two branches of our own, east and west, with aid over three years:
///
/// - programs of all five kinds each year, drawing on a district allocation (cash and goods the
///   fund bought) while a donation fund pays for others; donated goods draw nothing;
/// - one household (east's first worker) helped by hardship and emergency relief in one year,
///   with two children given education grants, and visited at two festivals this year;
/// - model workers given cash and goods;
/// - a reversal in the year it was paid, and one of a payment two years back, which (reversals
///   are dated the day they are made) lands in this year while that year keeps its payment;
///   the same household is paid again this year, so it counts this year;
/// - cases approved and not paid (they count nowhere);
/// - activities with named participants and head counts;
/// - insurance enrolments and claims in every state; a hardship file closed as lifted and one
///   whose review is overdue.
///
/// `events` is what this scenario paid and reversed in east and west, kept as it went: the
/// figures of those two offices are checked against it as well as against the base tables.
struct ReportingScenario: Sendable {
    /// One disbursement (`sign` 1) or reversal (`sign` −1) the scenario made.
    struct Event: Sendable, Hashable {
        let year: Int
        let office: Office.ID
        let kind: AidProgram.Kind
        let sign: Int
        let cash: Money
        let goods: Money
    }

    let testDatabase: TestDatabase
    let database: Database
    let admin: Principal
    let area: Office
    let east: Office
    let west: Office
    /// Two years back, last year, this year (Beijing).
    let years: [Int]
    let events: [Event]
    /// East's first worker: relief of both kinds, two students, two festivals.
    let helpedHousehold: Worker.ID

    static var thisYear: Int { CalendarDate.today().year }

    static func make(_ testDatabase: TestDatabase) async throws -> ReportingScenario {
        let database = Database(pool: testDatabase.appPool, hasher: PasswordHasher(cost: 4))
        _ = try await DemoLoader(database: database).load(workersPerBranch: 8)
        var builder = try await Builder(testDatabase: testDatabase, database: database)
        return try await builder.build()
    }
}

/// Builds the scenario step by step; `events` grows as money moves.
private struct Builder {
    let testDatabase: TestDatabase
    let database: Database
    var admin: Principal
    var reviewer: Principal
    var people = DemoPeople(seed: 1414)
    var events: [ReportingScenario.Event] = []
    var serial = 0
    let years: [Int]

    init(testDatabase: TestDatabase, database: Database) async throws {
        self.testDatabase = testDatabase
        self.database = database
        let auth = AuthStore(database: database)
        guard let admin = try await auth.principal(username: "admin"), let reviewer = try await auth.principal(username: "reviewer") else {
            throw StoreError.notFound
        }
        self.admin = admin
        self.reviewer = reviewer
        let year = ReportingScenario.thisYear
        years = [year - 2, year - 1, year]
    }

    var cases: AidCaseStore { AidCaseStore(database: database) }

    mutating func build() async throws -> ReportingScenario {
        let offices = OfficeStore(database: database)
        let area = try await offices.get(admin, id: admin.officeID)
        let east = try await offices.create(admin, try NewOffice(code: "east", name: "东区工会", kind: "branch", parentID: area.id))
        let west = try await offices.create(admin, try NewOffice(code: "west", name: "西区工会", kind: "branch", parentID: area.id))
        // Area users' scopes were read before east and west existed: read them again.
        let auth = AuthStore(database: database)
        guard let refreshed = try await auth.principal(username: "admin"), let reviewer = try await auth.principal(username: "reviewer") else {
            throw StoreError.notFound
        }
        admin = refreshed
        self.reviewer = reviewer
        let eastOfficer = try await officer("east_officer", office: east)
        let westOfficer = try await officer("west_officer", office: west)

        // People. East: e1 (hardship file, two students), e2 (hardship file), e3 (model worker),
        // e4 and e5 (emergencies). West: w1 (hardship file, one student), w2 (model worker), w3.
        let e1 = try await worker(eastOfficer, east, hardship: 4)
        let kid1 = try await student(eastOfficer, e1, level: "senior_high")
        let kid2 = try await student(eastOfficer, e1, level: "undergraduate")
        let e2 = try await worker(eastOfficer, east, hardship: 1)
        let e3 = try await worker(eastOfficer, east, honour: .municipal)
        let e4 = try await worker(eastOfficer, east)
        let e5 = try await worker(eastOfficer, east)
        let w1 = try await worker(westOfficer, west, hardship: 2)
        let westKid = try await student(westOfficer, w1, level: "vocational")
        let w2 = try await worker(westOfficer, west, honour: .provincial)
        let w3 = try await worker(westOfficer, west)

        let funds = FundStore(database: database)
        let allocation = try await funds.create(admin, try FundFields(name: "报表测试区拨款", source: "district_allocation"))
        let donation = try await funds.create(admin, try FundFields(name: "报表测试爱心捐赠", source: "donation"))
        for (fund, amount) in [(allocation, "600000.00"), (donation, "80000.00")] {
            _ = try await funds.receive(admin, fund: fund.id, try ReceiptFields(amount: amount, date: "\(years[0])-01-05", payer: "丰台区总工会",
                                                                               memo: nil, today: .today()))
        }

        let rice = AidGoodsInput(item: "大米", quantity: 2, unit: "袋", unitValue: "120.00")
        let oil = AidGoodsInput(item: "食用油", quantity: 1, unit: "桶", unitValue: "150.00", source: "donated")
        var reversals: [AidCase.ID] = []
        for year in years {
            let thisYear = year == ReportingScenario.thisYear
            let hardship = try await program(.hardshipRelief, year, allocation, ["deep": "2000.00", "relative": "1000.00", "accident": "1500.00"])
            let emergency = try await program(.emergencyRelief, year, allocation, ["flat": "3000.00"])
            let education = try await program(.educationAid, year, allocation,
                                              ["senior_high": "4000.00", "vocational": "4000.00", "undergraduate": "12450.00"])
            let honours = try await program(.modelWorkerAid, year, donation, ["municipal": "3000.00", "provincial": "4000.00"])
            let spring = try await program(.holidayWarmth, year, donation, ["flat": "500.00"], festival: "spring_festival")

            _ = try await pay(eastOfficer, e1, hardship, on: (year, 3, 10), goods: [rice, oil])
            _ = try await pay(eastOfficer, e2, hardship, on: (year, 3, 11), cash: "800.00")
            _ = try await pay(westOfficer, w1, hardship, on: (year, 3, 12))
            _ = try await pay(eastOfficer, e1, emergency, on: (year, 5, 2))
            _ = try await pay(westOfficer, w3, emergency, on: (year, 5, 3), goods: [oil])
            if year == years[0] {
                reversals.append(try await pay(eastOfficer, e5, emergency, on: (year, 6, 1)))
            }
            if thisYear {
                reversals.append(try await pay(eastOfficer, e4, emergency, on: (year, 6, 2)))
                _ = try await pay(eastOfficer, e5, emergency, on: (year, 6, 3))
            }
            _ = try await pay(eastOfficer, e1, education, on: (year, 9, 1), student: (kid1, year))
            _ = try await pay(eastOfficer, e1, education, on: (year, 9, 1), student: (kid2, year))
            _ = try await pay(westOfficer, w1, education, on: (year, 9, 2), student: (westKid, year))
            _ = try await pay(eastOfficer, e3, honours, on: (year, 4, 28), goods: [rice])
            _ = try await pay(westOfficer, w2, honours, on: (year, 4, 29), goods: [oil])
            _ = try await pay(eastOfficer, e1, spring, on: (year, 1, 20), goods: [rice])
            _ = try await pay(eastOfficer, e2, spring, on: (year, 1, 21))
            _ = try await pay(westOfficer, w1, spring, on: (year, 1, 22), goods: [oil])
            if thisYear {
                let autumn = try await program(.holidayWarmth, year, donation, ["flat": "300.00"], festival: "mid_autumn")
                _ = try await pay(eastOfficer, e1, autumn, on: (year, 9, 15), goods: [rice])
                // Approved, not paid: counts nowhere.
                _ = try await approved(westOfficer, w1, emergency)
            }
        }
        for id in reversals {
            _ = try await cases.reverse(admin, id: id, reason: "重复发放，冲正")
            let reversed = try await cases.get(admin, id: id)
            let program = try await AidProgramStore(database: database).get(admin, id: reversed.programID)
            events.append(ReportingScenario.Event(year: ReportingScenario.thisYear, office: reversed.officeID, kind: program.kind, sign: -1,
                                                  cash: reversed.cashPaid ?? .zero, goods: reversed.goodsValue))
        }

        try await activities(east: east, west: west, named: [e1, e2, e3, w1])
        try await insurance(eastOfficer: eastOfficer, westOfficer: westOfficer, workers: [e1, e2, e3, e4, w1, w2])
        try await hardshipExtras(eastOfficer, east)
        return ReportingScenario(testDatabase: testDatabase, database: database, admin: admin, area: area, east: east, west: west,
                                 years: years, events: events, helpedHousehold: e1)
    }

    private func officer(_ username: String, office: Office) async throws -> Principal {
        _ = try await UserStore(database: database).create(admin, try NewUser(
            username: username, displayName: "报表测试干事", officeID: office.id, role: Role.branchOfficer.rawValue, password: DemoLoader.password))
        guard let principal = try await AuthStore(database: database).principal(username: username) else { throw StoreError.notFound }
        return principal
    }

    /// A worker of `office`; with a confirmed hardship file for a household of `hardship`
    /// people, or a model-worker honour.
    private mutating func worker(_ officer: Principal, _ office: Office, hardship: Int? = nil,
                                 honour: ModelWorkerRecord.Level? = nil) async throws -> Worker.ID {
        serial += 1
        let sex: Sex = serial % 2 == 0 ? .male : .female
        let created = try await WorkerStore(database: database).create(officer, office: office.id, try WorkerFields(WorkerInput(
            name: people.name(sex: sex), idNumber: people.idNumber(sex: sex, born: 1970...1990, serial: 300_000 + serial), phone: people.phone(),
            hukou: "rural", occupation: "保洁员", membershipStatus: "active")))
        _ = try await HouseholdStore(database: database).add(officer, worker: created.id, try HouseholdMemberFields(HouseholdMemberInput(
            relation: "spouse", name: people.name(sex: sex == .male ? .female : .male), idNumber: people.idNumber(
                sex: sex == .male ? .female : .male, born: 1970...1990, serial: 310_000 + serial))))
        if let size = hardship {
            try await hardshipFile(officer, created.id, size: max(size, 2) + 2)
        }
        if let honour {
            _ = try await HouseholdStore(database: database).setModelWorker(officer, worker: created.id, ModelWorkerRecord(
                level: honour, title: "北京市劳动模范", yearAwarded: 2010, retired: false))
        }
        return created.id
    }

    @discardableResult
    private func hardshipFile(_ officer: Principal, _ worker: Worker.ID, size: Int) async throws -> HardshipFile.ID {
        let hardship = HardshipStore(database: database)
        let file = try await hardship.create(officer, worker: worker, try HardshipFields(HardshipInput(
            householdSize: size, annualIncome: "12000.00", essentialSpending: "6000.00", hardshipCosts: "3000.00", mainCause: "illness",
            secondaryCauses: ["low_wage"], evidence: ["application_letter", "income_proof"])))
        _ = try await hardship.transition(officer, id: file.id, .submit)
        _ = try await hardship.transition(reviewer, id: file.id, .confirm)
        return file.id
    }

    private mutating func student(_ officer: Principal, _ worker: Worker.ID, level: String) async throws -> HouseholdMember.ID {
        serial += 1
        let member = try await HouseholdStore(database: database).add(officer, worker: worker, try HouseholdMemberFields(HouseholdMemberInput(
            relation: "child", name: people.name(sex: .male), idNumber: people.idNumber(sex: .male, born: 2004...2009, serial: 320_000 + serial),
            school: "北京工业大学", level: level, admissionYear: ReportingScenario.thisYear - 1)))
        return member.id
    }

    private func program(_ kind: AidProgram.Kind, _ year: Int, _ fund: Fund, _ standards: [String: String],
                         festival: String? = nil) async throws -> AidProgram {
        try await AidProgramStore(database: database).create(admin, try AidProgramFields(AidProgramInput(
            kind: kind.rawValue, name: "\(year)年\(kind.rawValue)\(festival.map { " \($0)" } ?? "")（报表测试）", year: year,
            fundID: fund.id.description, budget: "200000.00", standards: standards, festival: festival)))
    }

    private func approved(_ filer: Principal, _ worker: Worker.ID, _ program: AidProgram, cash: String? = nil,
                          goods: [AidGoodsInput] = [], student: (HouseholdMember.ID, Int)? = nil) async throws -> AidCase.ID {
        let created = try await cases.create(filer, try AidCaseFields(AidCaseInput(
            workerID: worker.description, programID: program.id.description, reason: "报表测试", cashRequested: cash, goods: goods,
            studentID: student?.0.description, schoolYear: student?.1)))
        _ = try await cases.transition(filer, id: created.id, .submit)
        _ = try await cases.transition(reviewer, id: created.id, .approve)
        return created.id
    }

    /// Files, approves and pays a case on the given day; records the event.
    private mutating func pay(_ filer: Principal, _ worker: Worker.ID, _ program: AidProgram, on day: (Int, Int, Int), cash: String? = nil,
                              goods: [AidGoodsInput] = [], student: (HouseholdMember.ID, Int)? = nil) async throws -> AidCase.ID {
        let id = try await approved(filer, worker, program, cash: cash, goods: goods, student: student)
        let date = String(format: "%04d-%02d-%02d", day.0, day.1, day.2)
        guard case .done(let paid, _) = try await cases.disburse(reviewer, id: id, try DisbursementFields(
            cashPaid: nil, method: "bank", date: date, today: .today())) else { throw StoreError.notFound }
        events.append(ReportingScenario.Event(year: day.0, office: paid.officeID, kind: program.kind, sign: 1, cash: paid.cashPaid ?? .zero,
                                              goods: paid.goodsValue))
        return id
    }

    /// Last year's and this year's events in east (one co-organised by west): named members and
    /// head counts.
    private func activities(east: Office, west: Office, named: [Worker.ID]) async throws {
        let store = ActivityStore(database: database)
        let specs: [(Activity.Kind, Int, Int, Bool)] = [
            (.safetyTraining, years[1], 40, false), (.sports, years[1], 10, true), (.cultural, years[2], 120, false),
            (.knowledgeContest, years[2], 15, false),
        ]
        for (index, (kind, year, heads, competition)) in specs.enumerated() {
            let activity = try await store.create(admin, try ActivityFields(ActivityInput(
                officeId: east.id.description, kind: kind.rawValue, title: "报表测试活动\(index)", startsOn: "\(year)-0\(index + 3)-15",
                headCount: heads, competition: competition, coOrganisers: index == 0 ? [west.id.description] : nil)))
            let lines: [(line: Int, ParticipantLine)] = named.prefix(index + 1).enumerated().map {
                ($0.offset + 1, ParticipantLine(workerID: $0.element, result: "合格"))
            }
            _ = try await store.addParticipants(admin, id: activity.id, lines)
        }
    }

    /// This year's hospitalisation period (the demo's): our workers enrolled one by one, and
    /// claims pending, approved, rejected and paid.
    private func insurance(eastOfficer: Principal, westOfficer: Principal, workers: [Worker.ID]) async throws {
        let periods = try await InsurancePeriodStore(database: database).list(admin, plan: nil)
        let plans = try await InsurancePlanStore(database: database).list(admin)
        guard let hospital = plans.first(where: { $0.code == "inservice-hospital" }),
              let period = periods.first(where: { $0.planID == hospital.id }) else { throw StoreError.notFound }
        let enrolments = EnrolmentStore(database: database)
        let claims = InsuranceClaimStore(database: database)
        for (index, worker) in workers.enumerated() {
            let officer = index < 4 ? eastOfficer : westOfficer
            guard case .done(let enrolment, _) = try await enrolments.enrol(officer, try EnrolmentFields(
                periodID: period.id.description, workerID: worker.description, shares: 1, fundID: nil)) else { throw StoreError.notFound }
            guard index < 5 else { continue }
            let claim = try await claims.submit(officer, try InsuranceClaimFields(
                enrolmentID: enrolment.id.description, incidentOn: "\(ReportingScenario.thisYear)-0\(index + 2)-10", kind: "hospitalisation",
                amountClaimed: "\(3000 + 1000 * index).00", documents: ["invoice"]))
            switch index {
            case 0:
                _ = try await claims.approve(reviewer, id: claim.id)
                _ = try await claims.pay(reviewer, id: claim.id, try ClaimPaymentFields(date: nil, method: "bank", today: .today()))
            case 1: _ = try await claims.approve(reviewer, id: claim.id)
            case 2: _ = try await claims.reject(reviewer, id: claim.id, reason: "不在保障范围")
            default: break
            }
        }
    }

    /// A file closed as lifted this year, and an active one last confirmed 13 months ago (the
    /// date set by the owner: the app can't write history).
    private mutating func hardshipExtras(_ officer: Principal, _ office: Office) async throws {
        let lifted = try await worker(officer, office)
        let liftedFile = try await hardshipFile(officer, lifted, size: 2)
        _ = try await HardshipStore(database: database).transition(officer, id: liftedFile, .close, reason: .lifted)
        let overdue = try await worker(officer, office)
        let overdueFile = try await hardshipFile(officer, overdue, size: 2)
        let back = CalendarDate.today().adding(months: -13)
        try await testDatabase.ownerPool.query("""
            UPDATE hardship_files SET submitted_on = \(back), confirmed_on = \(back) WHERE id = \(overdueFile)
            """)
    }
}
