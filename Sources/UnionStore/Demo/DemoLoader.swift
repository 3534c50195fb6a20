import Foundation
import PQ
import UnionDomain

/// `unionctl demo load`: an area with named branches (郭庄子村 among them), a user per role,
/// workers with households, students, model workers and hardship files. Everything goes
/// through the stores as the area administrator, so it is checked and audited like real work.
package struct DemoLoader: Sendable {
    let database: Database

    package init(database: Database) { self.database = database }

    package static let password = "unionhall-demo"

    package struct Summary: Sendable {
        package let offices: Int
        package let workers: Int
        package let hardshipFiles: Int
        package let logins: [(username: String, role: String, office: String)]
    }

    static let branches = [
        ("guozhuangzi", "郭庄子村工会"), ("lijiacun", "李家村工会"), ("zhangjiawan", "张家湾村工会"),
        ("xinfa", "新发地村工会"), ("hongxing", "红星村工会"),
    ]

    package func load(workersPerBranch: Int = 12) async throws -> Summary {
        _ = try await BootstrapStore(database: database)
            .initialise(areaCode: "area", areaName: "地区总工会", username: "admin", displayName: "系统管理员", password: Self.password)
        let auth = AuthStore(database: database)
        guard var admin = try await auth.principal(username: "admin") else { throw StoreError.notFound }
        let offices = OfficeStore(database: database)
        var branchOffices: [Office] = []
        for (code, name) in Self.branches {
            branchOffices.append(try await offices.create(admin, try NewOffice(code: code, name: name, kind: "branch", parentID: admin.officeID)))
        }
        guard let refreshed = try await auth.principal(username: "admin") else { throw StoreError.notFound }
        admin = refreshed
        let users = UserStore(database: database)
        var logins: [(String, String, String)] = [("admin", Role.areaAdmin.rawValue, "area")]
        for (username, name, role) in [("reviewer", "审核员", Role.areaReviewer), ("auditor", "审计员", Role.auditor)] {
            _ = try await users.create(admin, try NewUser(username: username, displayName: name, officeID: admin.officeID,
                                                          role: role.rawValue, password: Self.password))
            logins.append((username, role.rawValue, "area"))
        }
        var people = DemoPeople(seed: 2026)
        for office in branchOffices {
            let officer = office.code
            _ = try await users.create(admin, try NewUser(username: officer, displayName: people.name(sex: .female), officeID: office.id,
                                                          role: Role.branchOfficer.rawValue, password: Self.password))
            logins.append((officer, Role.branchOfficer.rawValue, office.code))
        }
        _ = try await SettingStore(database: database).set(admin, key: SettingStore.dibao, value: Money(fen: 139_500),
                                                             from: CalendarDate(year: 2026, month: 7, day: 1) ?? .today())
        let workers = WorkerStore(database: database)
        let household = HouseholdStore(database: database)
        let hardship = HardshipStore(database: database)
        var serial = 0
        var files = 0
        var registered: [Worker] = []
        for office in branchOffices {
            for index in 0..<workersPerBranch {
                serial += 1
                let worker = try await workers.create(admin, office: office.id, try WorkerFields(people.worker(serial: serial)))
                registered.append(worker)
                _ = try await household.add(admin, worker: worker.id, try HouseholdMemberFields(HouseholdMemberInput(
                    relation: "spouse", name: people.name(sex: worker.sex == .male ? .female : .male))))
                if index % 3 == 0 {
                    let level = people.pick(["senior_high", "undergraduate", "junior_college", "vocational", "junior_high"])
                    _ = try await household.add(admin, worker: worker.id, try HouseholdMemberFields(HouseholdMemberInput(
                        relation: "child", name: people.name(sex: people.next(2) == 0 ? .male : .female),
                        idNumber: people.idNumber(sex: .female, born: 2003...2010, serial: 100_000 + serial),
                        school: people.pick(DemoPeople.schools), level: level, admissionYear: 2022 + people.next(4))))
                }
                if index % 5 == 1 {
                    _ = try await household.setModelWorker(admin, worker: worker.id, ModelWorkerRecord(
                        level: people.pick([.municipal, .provincial, .other]), title: people.pick(["北京市劳动模范", "首都劳动奖章", "先进工作者"]),
                        yearAwarded: 2000 + people.next(25), retired: people.next(2) == 0))
                }
                if index % 4 == 2 {
                    let income = 12_000 + people.next(36_000)
                    // At least the worker and the (up to two) household members recorded above.
                    let file = try await hardship.create(admin, worker: worker.id, try HardshipFields(HardshipInput(
                        householdSize: 3 + people.next(3), annualIncome: "\(income).00", essentialSpending: "\(people.next(8_000)).00",
                        hardshipCosts: "\(people.next(20_000)).00", mainCause: people.pick(["illness", "disability", "children_schooling", "unemployment"]),
                        secondaryCauses: ["low_wage"], evidence: ["application_letter", "income_proof", "id_card"])))
                    _ = try await hardship.transition(admin, id: file.id, .submit)
                    if people.next(3) != 0 { _ = try await hardship.transition(admin, id: file.id, .confirm) }
                    files += 1
                }
            }
        }
        // Aid (issue 11): funds, a program of every kind, cases in every state.
        _ = try await DemoAid(database: database).load(admin: admin, branches: branchOffices)
        let collective = DemoCollectiveWork(database: database)
        _ = try await collective.load(admin: admin, branches: branchOffices, workers: registered)
        _ = try await collective.loadActivities(admin: admin, branches: branchOffices, workers: registered)
        // Mutual insurance (issue 12): the three plans, this year's periods, a roster enrolled.
        _ = try await DemoInsurance(database: database).load(admin: admin)
        return Summary(offices: branchOffices.count + 1, workers: serial, hardshipFiles: files, logins: logins)
    }
}
