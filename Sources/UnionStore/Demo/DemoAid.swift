import Foundation
import PQ
import UnionDomain

/// The demo's aid: a fund from each source with receipts, a program of every kind for the
/// current year, and cases in every state (李某's emergency relief with cash and 米、面、油 among
/// them). Branch officers file, the reviewer decides and pays, the administrator reverses:
/// the same stores and rules as the API.
struct DemoAid {
    let database: Database

    /// Returns how many cases it filed.
    func load(admin: Principal, branches: [Office]) async throws -> Int {
        let auth = AuthStore(database: database)
        guard let reviewer = try await auth.principal(username: "reviewer"), let home = branches.first,
              let officer = try await auth.principal(username: home.code) else { throw StoreError.notFound }
        let year = CalendarDate.today().year
        let funds = FundStore(database: database)
        var fundIDs: [Fund.Source: Fund.ID] = [:]
        let receipts: [(Fund.Source, String, [(String, String)])] = [
            (.districtAllocation, "丰台区总工会帮扶拨款", [("200000.00", "丰台区总工会"), ("50000.00", "丰台区总工会")]),
            (.townshipGovernment, "卢沟桥乡政府配套资金", [("150000.00", "卢沟桥乡人民政府")]),
            (.unionDues, "地区总工会会费留成", [("80000.00", "地区总工会")]),
            (.donation, "爱心企业捐赠", [("30000.00", "某建筑工程有限公司"), ("12000.00", "万丰餐饮街商户")]),
        ]
        for (source, name, amounts) in receipts {
            let fund = try await funds.create(admin, try FundFields(name: name, source: source.rawValue))
            fundIDs[source] = fund.id
            for (index, (amount, payer)) in amounts.enumerated() {
                _ = try await funds.receive(admin, fund: fund.id, try ReceiptFields(
                    amount: amount, date: "\(year)-\(index == 0 ? "01-15" : "07-01")", payer: payer, memo: nil, today: .today()))
            }
        }
        let programs = AidProgramStore(database: database)
        func program(_ kind: AidProgram.Kind, _ name: String, _ source: Fund.Source, _ budget: String, _ standards: [String: String],
                     festival: String? = nil) async throws -> AidProgram {
            try await programs.create(admin, try AidProgramFields(AidProgramInput(
                kind: kind.rawValue, name: name, year: year, fundID: fundIDs[source]?.description, budget: budget, standards: standards,
                festival: festival, includesModelWorkers: kind == .holidayWarmth)))
        }
        let hardship = try await program(.hardshipRelief, "\(year)年生活困难救助", .districtAllocation, "100000.00",
                                         ["deep": "2000.00", "relative": "1000.00", "accident": "1500.00"])
        let emergency = try await program(.emergencyRelief, "\(year)年意外救助", .townshipGovernment, "50000.00", ["flat": "3000.00"])
        let education = try await program(.educationAid, "\(year)年金秋助学", .districtAllocation, "70000.00",
                                          ["junior_high": "2000.00", "senior_high": "4000.00", "vocational": "4000.00",
                                           "junior_college": "12450.00", "undergraduate": "12450.00", "graduate": "12450.00"])
        let honours = try await program(.modelWorkerAid, "\(year)年困难劳模帮扶", .unionDues, "60000.00",
                                        ["national": "5000.00", "provincial": "4000.00", "municipal": "3000.00", "other": "2000.00"])
        let warmth = try await program(.holidayWarmth, "\(year)年春节送温暖", .donation, "30000.00", ["flat": "500.00"], festival: "spring_festival")

        let cases = AidCaseStore(database: database)
        var filed = 0
        /// Files as the branch's officer (the area admin for other branches) and walks the case to `status`.
        func file(_ input: AidCaseInput, to status: AidCase.Status, by filer: Principal) async throws {
            let created = try await cases.create(filer, try AidCaseFields(input))
            filed += 1
            let steps: [AidTransition] = switch status {
            case .draft: []
            case .submitted: [.submit]
            case .returned: [.submit, .returnToBranch]
            case .rejected: [.submit, .reject]
            case .approved: [.submit, .approve]
            case .disbursed: [.submit, .approve, .disburse]
            case .reversed: [.submit, .approve, .disburse, .reverse]
            }
            for step in steps {
                switch step {
                case .submit: _ = try await cases.transition(filer, id: created.id, .submit)
                case .approve: _ = try await cases.transition(reviewer, id: created.id, .approve)
                case .reject: _ = try await cases.transition(reviewer, id: created.id, .reject, reason: "家庭收入超过标准")
                case .returnToBranch: _ = try await cases.transition(reviewer, id: created.id, .returnToBranch, reason: "请补充医院诊断证明")
                case .disburse:
                    _ = try await cases.disburse(reviewer, id: created.id, try DisbursementFields(
                        cashPaid: nil, method: AidCase.PaymentMethod.allCases[filed % 3].rawValue, date: nil, today: .today()))
                case .reverse: _ = try await cases.reverse(admin, id: created.id, reason: "重复发放，冲正")
                }
            }
        }

        // 李某 of 郭庄子村: her husband died of liver cancer, her child is in senior high.
        var people = DemoPeople(seed: 11)
        let li = try await WorkerStore(database: database).create(admin, office: home.id, try WorkerFields(WorkerInput(
            name: "李某", idNumber: people.idNumber(sex: .female, born: 1976...1980, serial: 99_999), phone: people.phone(), hukou: "rural",
            occupation: "保洁员", membershipStatus: "active")))
        _ = try await HouseholdStore(database: database).add(admin, worker: li.id, try HouseholdMemberFields(HouseholdMemberInput(
            relation: "child", name: "李小军", school: "北京市第八十中学", level: "senior_high", admissionYear: year - 1)))
        try await file(AidCaseInput(
            workerID: li.id.description, programID: emergency.id.description, reason: "丈夫患肝癌去世，孩子上高中，生活非常拮据",
            goods: [AidGoodsInput(item: "大米", quantity: 2, unit: "袋", unitValue: "120.00"),
                    AidGoodsInput(item: "面粉", quantity: 2, unit: "袋", unitValue: "90.00"),
                    AidGoodsInput(item: "食用油", quantity: 2, unit: "桶", unitValue: "150.00", source: "donated")]),
            to: .disbursed, by: officer)

        // Emergency relief in every state, across the branches.
        let workers = WorkerStore(database: database)
        let everyone = try await workers.list(admin, filter: WorkerStore.Filter(status: .active), limit: 200, after: nil).items
        let ordinary = everyone.filter { $0.hardshipTier == nil && !$0.isModelWorker && $0.id != li.id }
        let officers = try await branchOfficers(branches)
        for (status, worker) in zip(AidCase.Status.allCases, ordinary) {
            try await file(AidCaseInput(workerID: worker.id.description, programID: emergency.id.description, reason: "突发疾病住院"),
                           to: status, by: officers[worker.officeID] ?? admin)
        }
        // Hardship relief for households with an active file, and education aid for one of their children.
        let households = everyone.filter { $0.hardshipTier != nil }
        for (index, worker) in households.enumerated() {
            try await file(AidCaseInput(workerID: worker.id.description, programID: hardship.id.description, reason: "生活困难救助"),
                           to: index % 3 == 2 ? .approved : .disbursed, by: officers[worker.officeID] ?? admin)
        }
        if let family = households.first {
            let child = try await HouseholdStore(database: database).add(admin, worker: family.id, try HouseholdMemberFields(HouseholdMemberInput(
                relation: "child", name: people.name(sex: .male), idNumber: people.idNumber(sex: .male, born: 2006...2007, serial: 99_998),
                school: "北京工业大学", level: "undergraduate", admissionYear: year)))
            try await file(AidCaseInput(workerID: family.id.description, programID: education.id.description, reason: "考取北京工业大学，学费困难",
                                        studentID: child.id.description, schoolYear: year), to: .disbursed, by: officers[family.officeID] ?? admin)
        }
        // Model workers.
        for (index, worker) in everyone.filter(\.isModelWorker).prefix(4).enumerated() {
            try await file(AidCaseInput(workerID: worker.id.description, programID: honours.id.description, reason: "退休劳模，体弱多病"),
                           to: index == 0 ? .submitted : .disbursed, by: officers[worker.officeID] ?? admin)
        }
        // The Spring Festival campaign: the visit list, and the first visits paid.
        let visits = try await programs.visitList(admin, program: warmth.id)
        filed += visits.created
        let drafts = try await cases.list(admin, filter: AidCaseStore.Filter(program: warmth.id, status: .draft), limit: 3, after: nil).items
        for draft in drafts {
            _ = try await cases.transition(admin, id: draft.id, .submit)
            _ = try await cases.transition(reviewer, id: draft.id, .approve)
            _ = try await cases.disburse(reviewer, id: draft.id, try DisbursementFields(cashPaid: nil, method: "cash", date: nil, today: .today()))
        }
        return filed
    }

    private func branchOfficers(_ branches: [Office]) async throws -> [Office.ID: Principal] {
        var officers: [Office.ID: Principal] = [:]
        for branch in branches {
            officers[branch.id] = try await AuthStore(database: database).principal(username: branch.code)
        }
        return officers
    }
}
