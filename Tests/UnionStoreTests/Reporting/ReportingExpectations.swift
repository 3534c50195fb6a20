import Foundation
import UnionDomain

/// One row of `reporting.annual_summary`, as the view returns it and as the tests expect it.
struct AnnualRow: Decodable, Hashable, Sendable {
    var year: Int
    var level: String
    var officeCode: String
    var reliefHouseholds = 0
    var reliefCash = Money.zero
    var reliefGoods = Money.zero
    var reliefTotal = Money.zero
    var educationStudents = 0
    var educationCash = Money.zero
    var educationTotal = Money.zero
    var modelWorkers = 0
    var modelWorkerCash = Money.zero
    var modelWorkerGoods = Money.zero
    var modelWorkerTotal = Money.zero
    var holidayHouseholds = 0
    var holidayVisits = 0
    var holidayCash = Money.zero
    var holidayTotal = Money.zero
    var aidTotal = Money.zero
    var events = 0
    var participantTimes = 0
    var trainingParticipantTimes = 0
    var activeMembers = 0
    var insuredMembers = 0
    var insuranceCoverageRate = "0.0000"

    init(year: Int, level: String, officeCode: String) {
        self.year = year
        self.level = level
        self.officeCode = officeCode
    }

    var key: String { "\(year) \(level) \(officeCode)" }
}

/// One row of `reporting.aid_summary`.
struct AidSummaryRow: Decodable, Hashable, Sendable {
    var year: Int
    var level: String
    var officeCode: String
    var programKind: String
    var cases = 0
    var households = 0
    var people = 0
    var cash = Money.zero
    var goodsValue = Money.zero
    var total = Money.zero

    init(year: Int, level: String, officeCode: String, programKind: String) {
        self.year = year
        self.level = level
        self.officeCode = officeCode
        self.programKind = programKind
    }

    var key: String { "\(year) \(level) \(officeCode) \(programKind)" }
}

/// The figures the views should show, computed in Swift from the base rows alone.
struct ReportingExpectations {
    let rows: ReportingBaseRows
    let today: CalendarDate

    static let reliefKinds: Set<String> = ["hardship_relief", "emergency_relief"]
    static let trainingKinds: Set<String> = ["skills_competition", "safety_training", "fire_drill", "food_safety_training", "knowledge_contest"]

    /// One booking of a case: its disbursement on the day paid, its reversal (negated) on the
    /// Beijing day it was reversed.
    struct Event {
        let row: ReportingBaseRows.CaseRow
        let year: Int
        let month: Int
        let sign: Int64
        let fundGoods: Money
        let donatedGoods: Money
        var goods: Money { fundGoods + donatedGoods }
        var cash: Money { Money(fen: sign * row.cashPaid.fen) }
        var signedGoods: Money { Money(fen: sign * goods.fen) }
        var drawn: Money { Money(fen: sign * row.drawn.fen) }
    }

    var events: [Event] {
        var fund: [UUID: Money] = [:]
        var donated: [UUID: Money] = [:]
        for line in rows.goods {
            if line.source == "fund" { fund[line.caseId, default: .zero] = fund[line.caseId, default: .zero] + line.value }
            else { donated[line.caseId, default: .zero] = donated[line.caseId, default: .zero] + line.value }
        }
        var events: [Event] = []
        for row in rows.cases {
            let fundGoods = fund[row.id] ?? .zero
            let donatedGoods = donated[row.id] ?? .zero
            events.append(Event(row: row, year: row.disbursedOn.year, month: row.disbursedOn.month, sign: 1, fundGoods: fundGoods,
                                donatedGoods: donatedGoods))
            if row.status == "reversed", let day = row.reversedOn {
                events.append(Event(row: row, year: day.year, month: day.month, sign: -1, fundGoods: fundGoods, donatedGoods: donatedGoods))
            }
        }
        return events
    }

    /// The scopes an office's figures count in: itself (`office`) and its area (`area`).
    func scopes(_ office: UUID) -> [(level: String, code: String)] {
        [("office", rows.code(office)), ("area", rows.code(rows.areaOf(office)))]
    }

    /// Cases that helped someone in `year`: paid that year and not reversed that same year (a
    /// reversal in a later year leaves the year paid alone, and helps no one in its own).
    func standing(in year: Int) -> [ReportingBaseRows.CaseRow] {
        rows.cases.filter { $0.disbursedOn.year == year && !($0.status == "reversed" && $0.reversedOn?.year == year) }
    }

    /// Every year from the first with data (aid, activities, insurance periods) to this year.
    var reportYears: ClosedRange<Int> {
        let years = events.map(\.year) + rows.activities.map(\.startsOn.year) + rows.periods.flatMap { [$0.startsOn.year, $0.endsOn.year] }
        return min(years.min() ?? today.year, today.year)...max(years.max() ?? today.year, today.year)
    }

    func aidSummary() -> [String: AidSummaryRow] {
        var result: [String: AidSummaryRow] = [:]
        for event in events {
            for scope in scopes(event.row.officeId) {
                var row = AidSummaryRow(year: event.year, level: scope.level, officeCode: scope.code, programKind: event.row.kind)
                row = result[row.key] ?? row
                row.cases += Int(event.sign)
                row.cash = row.cash + event.cash
                row.goodsValue = row.goodsValue + event.signedGoods
                row.total = row.cash + row.goodsValue
                result[row.key] = row
            }
        }
        for year in Set(events.map(\.year)) {
            var households: [String: Set<UUID>] = [:]
            var people: [String: Set<UUID>] = [:]
            for row in standing(in: year) {
                for scope in scopes(row.officeId) {
                    let key = AidSummaryRow(year: year, level: scope.level, officeCode: scope.code, programKind: row.kind).key
                    households[key, default: []].insert(row.workerId)
                    people[key, default: []].insert(row.studentId ?? row.workerId)
                }
            }
            for (key, set) in households { result[key]?.households = set.count }
            for (key, set) in people { result[key]?.people = set.count }
        }
        return result
    }

    func annualSummary() -> [String: AnnualRow] {
        var result: [String: AnnualRow] = [:]
        let scopeCodes: [(String, String)] = rows.offices.map { ("office", $0.code) }
            + Set(rows.offices.map { rows.areaOf($0.id) }).map { ("area", rows.code($0)) }
        let active = rows.workers.filter { $0.membershipStatus == "active" }
        var members: [String: Int] = [:]
        for worker in active {
            for scope in scopes(worker.officeId) { members["\(scope.level) \(scope.code)", default: 0] += 1 }
        }
        for year in reportYears {
            for (level, code) in scopeCodes {
                var row = AnnualRow(year: year, level: level, officeCode: code)
                row.activeMembers = members["\(level) \(code)"] ?? 0
                result[row.key] = row
            }
        }
        func update(_ year: Int, _ office: UUID, _ change: (inout AnnualRow) -> Void) {
            for scope in scopes(office) {
                let key = AnnualRow(year: year, level: scope.level, officeCode: scope.code).key
                if var row = result[key] {
                    change(&row)
                    result[key] = row
                }
            }
        }
        for event in events {
            update(event.year, event.row.officeId) { row in
                switch event.row.kind {
                case "hardship_relief", "emergency_relief":
                    row.reliefCash = row.reliefCash + event.cash
                    row.reliefGoods = row.reliefGoods + event.signedGoods
                    row.reliefTotal = row.reliefCash + row.reliefGoods
                case "education_aid":
                    row.educationCash = row.educationCash + event.cash
                    row.educationTotal = row.educationTotal + event.cash + event.signedGoods
                case "model_worker_aid":
                    row.modelWorkerCash = row.modelWorkerCash + event.cash
                    row.modelWorkerGoods = row.modelWorkerGoods + event.signedGoods
                    row.modelWorkerTotal = row.modelWorkerCash + row.modelWorkerGoods
                default:
                    row.holidayVisits += Int(event.sign)
                    row.holidayCash = row.holidayCash + event.cash
                    row.holidayTotal = row.holidayTotal + event.cash + event.signedGoods
                }
                row.aidTotal = row.aidTotal + event.cash + event.signedGoods
            }
        }
        for year in reportYears {
            var relief: [String: Set<UUID>] = [:]
            var students: [String: Set<UUID>] = [:]
            var modelWorkers: [String: Set<UUID>] = [:]
            var visited: [String: Set<UUID>] = [:]
            for row in standing(in: year) {
                for scope in scopes(row.officeId) {
                    let key = AnnualRow(year: year, level: scope.level, officeCode: scope.code).key
                    switch row.kind {
                    case "hardship_relief", "emergency_relief": relief[key, default: []].insert(row.workerId)
                    case "education_aid": students[key, default: []].insert(row.studentId ?? row.workerId)
                    case "model_worker_aid": modelWorkers[key, default: []].insert(row.workerId)
                    default: visited[key, default: []].insert(row.workerId)
                    }
                }
            }
            for (key, set) in relief { result[key]?.reliefHouseholds = set.count }
            for (key, set) in students { result[key]?.educationStudents = set.count }
            for (key, set) in modelWorkers { result[key]?.modelWorkers = set.count }
            for (key, set) in visited { result[key]?.holidayHouseholds = set.count }
        }
        for activity in rows.activities {
            let times = (rows.named[activity.id] ?? 0) + activity.headCount
            update(activity.startsOn.year, activity.officeId) { row in
                row.events += 1
                row.participantTimes += times
                if activity.competition || Self.trainingKinds.contains(activity.kind) { row.trainingParticipantTimes += times }
            }
        }
        let activeByID = Dictionary(uniqueKeysWithValues: active.map { ($0.id, $0) })
        for year in reportYears {
            let periods = Set(rows.periods.filter { $0.startsOn.year <= year && $0.endsOn.year >= year }.map(\.id))
            var insured: [String: Set<UUID>] = [:]
            for enrolment in rows.enrolments where periods.contains(enrolment.periodId) {
                guard let worker = activeByID[enrolment.workerId] else { continue }
                for scope in scopes(worker.officeId) {
                    insured[AnnualRow(year: year, level: scope.level, officeCode: scope.code).key, default: []].insert(worker.id)
                }
            }
            for (key, set) in insured { result[key]?.insuredMembers = set.count }
        }
        for (key, row) in result {
            result[key]?.insuranceCoverageRate = Self.rate(row.insuredMembers, row.activeMembers)
        }
        return result
    }

    /// `part / whole` rounded half up to 4 decimals, as numeric(6,4) prints it; 0 over nothing.
    static func rate(_ part: Int, _ whole: Int) -> String {
        guard whole > 0 else { return "0.0000" }
        let scaled = (part * 20_000 + whole) / (2 * whole)
        let fraction = String(scaled % 10_000)
        return "\(scaled / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }
}
