import Foundation
import UnionDomain

/// The demo's enterprises, collective contracts (one in every state), the article's trainings
/// and competitions, the 500-rider cycling event and ten clubs (近10支文体队伍). Dates are
/// relative to the day the demo is loaded, so the attention list always has something in it.
struct DemoCollectiveWork: Sendable {
    let database: Database

    static let enterprises: [(name: String, ownership: String, industry: String, headcount: Int, union: Bool)] = [
        ("卢沟桥中都公司", "public", "建筑", 860, true),
        ("郭庄子村经济合作社", "public", "农业", 140, true),
        ("北京万丰餐饮管理有限公司", "private", "餐饮", 95, true),
        ("北京某建筑工程有限公司", "private", "建筑", 320, true),
        ("北京某物流有限公司", "private", "物流", 210, false),
        ("卢沟桥乡物业服务中心", "public", "物业", 60, true),
        ("北京某食品有限公司", "private", "食品", 75, false),
    ]

    /// A valid unified social credit code per serial (GB 32100 check character computed).
    static func creditCode(_ serial: Int) -> String {
        let digits = String(serial)
        let body = "91110106MA" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
        return body + String(CreditCode.checkCharacter(for: body) ?? "0")
    }

    func load(admin: Principal, branches: [Office], workers: [Worker]) async throws -> Int {
        let today = CalendarDate.today()
        let enterpriseStore = EnterpriseStore(database: database)
        var enterprises: [Enterprise] = []
        for (index, spec) in Self.enterprises.enumerated() {
            enterprises.append(try await enterpriseStore.create(admin, office: branches[index % branches.count].id, try EnterpriseFields(EnterpriseInput(
                name: spec.name, creditCode: Self.creditCode(index + 1), ownership: spec.ownership, industry: spec.industry,
                headcount: spec.headcount, hasUnion: spec.union))))
        }
        let contracts = ContractStore(database: database)
        func sign(_ enterprise: Enterprise, _ kind: CollectiveContract.Kind, signed offset: Int, years: Int = 3) async throws -> CollectiveContract {
            let start = today.adding(days: offset)
            return try await contracts.create(admin, try ContractFields(ContractInput(
                enterpriseId: enterprise.id.description, kind: kind.rawValue, signedOn: start.description, startsOn: start.description,
                endsOn: start.adding(months: 12 * years).adding(days: -1).description, votesFor: 62, votesTotal: 80,
                textFile: "contracts/\(enterprise.creditCode)-\(kind.rawValue).pdf")))
        }
        func fileAndEffect(_ contract: CollectiveContract, filedAfter days: Int = 6) async throws -> CollectiveContract {
            let filed = try await contracts.file(admin, id: contract.id, on: contract.terms.signedOn.adding(days: days))
            return try await contracts.makeEffective(admin, id: filed.id)
        }
        // 中都: effective comprehensive, wage, female-protection and safety contracts.
        for kind in CollectiveContract.Kind.allCases { _ = try await fileAndEffect(try await sign(enterprises[0], kind, signed: -200)) }
        // 合作社: a comprehensive contract expiring within three months (renewal talks may start).
        _ = try await fileAndEffect(try await sign(enterprises[1], .comprehensive, signed: -(365 * 2 - 40), years: 2))
        // 万丰餐饮: expired and not renewed; a wage agreement signed and not filed after 10 days.
        _ = try await fileAndEffect(try await sign(enterprises[2], .comprehensive, signed: -400, years: 1))
        _ = try await sign(enterprises[2], .wage, signed: -14)
        // 建筑公司: renewed (the old one replaced, the new one filed late, in its objection period).
        let old = try await fileAndEffect(try await sign(enterprises[3], .comprehensive, signed: -(365 + 20), years: 1))
        let renewal = try await contracts.renew(admin, id: old.id, ContractInput(
            signedOn: today.adding(days: -20).description, startsOn: today.adding(days: -20).description,
            endsOn: today.adding(days: -20).adding(months: 36).adding(days: -1).description, votesFor: 70, votesTotal: 90))
        _ = try await contracts.file(admin, id: renewal.id, on: today.adding(days: -5))
        // 物业: terminated; 食品: signed today (nothing to do yet).
        let ended = try await fileAndEffect(try await sign(enterprises[5], .safety, signed: -300))
        _ = try await contracts.terminate(admin, id: ended.id, reason: "企业改制，重新协商")
        _ = try await sign(enterprises[6], .comprehensive, signed: 0)
        return enterprises.count
    }

    /// The article's activities of this year, the cycling event of December 2014 and ten clubs.
    func loadActivities(admin: Principal, branches: [Office], workers: [Worker]) async throws -> Int {
        let year = CalendarDate.today().year
        let activities = ActivityStore(database: database)
        let clubs = ClubStore(database: database)
        let township = ["卢沟桥乡政府", "卢沟桥中都公司", "乡机关各部门"]
        let branchIDs = branches.map(\.id.description)
        func day(_ month: Int, _ day: Int, year: Int = year) -> String { String(format: "%04d-%02d-%02d", year, month, day) }
        let events: [(Activity.Kind, String, String, String?, Int, [String], [String])] = [
            (.safetyTraining, "建筑行业安全员、班组长安全知识培训", day(3, 18), "建筑", 420, township, branchIDs),
            (.fireDrill, "建筑行业消防安全消防演练", day(4, 22), "建筑", 360, township, []),
            (.skillsCompetition, "建筑行业技能竞赛", day(5, 20), "建筑", 180, township, []),
            (.foodSafetyTraining, "万丰餐饮街餐饮企业食品安全培训", day(6, 12), "餐饮", 310, ["卢沟桥乡政府"], []),
            (.knowledgeContest, "餐饮安全知识竞赛", day(7, 9), "餐饮", 150, ["卢沟桥乡政府"], []),
            (.skillsCompetition, "辖区专职消防队伍技能大比武", day(9, 16), "消防", 240, ["卢沟桥乡政府"], []),
            (.outing, "职工外出登山踏青", day(4, 12), nil, 260, [], []),
            (.cultural, "五月鲜花红歌会", day(5, 8), nil, 300, [], branchIDs),
            (.sports, "职工拔河比赛", day(10, 15), nil, 200, [], []),
            (.sports, "文明安全出行骑行活动", day(12, 6, year: 2014), nil, 500, ["铁刷自行车俱乐部——北京自行车公益社团"], []),
        ]
        var count = 0
        for (kind, title, date, industry, heads, partners, coOrganisers) in events {
            let activity = try await activities.create(admin, try ActivityFields(ActivityInput(
                kind: kind.rawValue, title: title, startsOn: date, industry: industry, place: title.contains("骑行") ? "丰台区万丰郊野公园" : "卢沟桥乡",
                partners: partners, headCount: heads, coOrganisers: coOrganisers)))
            if kind == .safetyTraining || kind == .skillsCompetition {
                let named = workers.prefix(8).enumerated().map { index, worker in
                    (line: index + 1, ParticipantLine(workerID: worker.id, result: kind == .skillsCompetition && index < 3 ? ["一等奖", "二等奖", "三等奖"][index] : "合格"))
                }
                _ = try await activities.addParticipants(admin, id: activity.id, named)
            }
            count += 1
        }
        let sports: [(String, Club.Sport)] = [
            ("职工足球队", .football), ("职工篮球队", .basketball), ("瑜伽队", .yoga), ("健身操队", .aerobics), ("职工骑行队", .cycling),
            ("乒乓球队", .tableTennis), ("羽毛球队", .badminton), ("拔河队", .tugOfWar), ("象棋队", .chess), ("台球队", .billiards),
        ]
        for (index, (name, sport)) in sports.enumerated() {
            let members = workers.dropFirst(index * 3).prefix(4).map(\.id.description)
            let club = try await clubs.create(admin, try ClubFields(ClubInput(name: name, sport: sport.rawValue, leaderId: members.first, members: members)))
            // Most months have an activity; the gaps show on the plan.
            for month in 1...12 where (month + index) % 5 != 0 {
                _ = try await activities.create(admin, try ActivityFields(ActivityInput(
                    kind: Activity.Kind.sports.rawValue, title: "\(name)\(month)月活动", startsOn: day(month, 10 + index),
                    headCount: 8 + index, competition: month % 3 == 0, clubId: club.id.description)))
            }
            count += 1
        }
        return count
    }
}
