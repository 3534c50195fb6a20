import Foundation
import PQ
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// The views of things as they stand today (hardship files, insurance, contracts) and the
/// activities, against the base tables and against the domain's own figures for the same data
/// (`ContractCoverage`, `ContractAttention`, the period's coverage, participation).
@Suite("Reporting views: files, insurance, contracts, activities")
struct ReportingStatusViewsTests {
    struct HardshipStatus: Decodable, Hashable {
        var officeCode: String
        var openDeep = 0
        var openRelative = 0
        var openAccident = 0
        var openTotal = 0
        var pending = 0
        var overdueReviews = 0
        var liftedThisYear = 0

        init(officeCode: String) { self.officeCode = officeCode }
    }

    struct Coverage: Decodable, Hashable {
        let planCode: String
        let periodStartsOn: CalendarDate
        let officeCode: String
        let activeMembers: Int
        let enrolled: Int
        let rate: String
        var key: String { "\(planCode) \(periodStartsOn) \(officeCode)" }
    }

    struct Claims: Decodable, Hashable {
        var planCode: String
        var periodStartsOn: CalendarDate
        var officeCode: String
        var claims = 0
        var pending = 0
        var approved = 0
        var rejected = 0
        var paid = 0
        var amountClaimed = Money.zero
        var payoutApproved = Money.zero
        var payoutPaid = Money.zero
        var key: String { "\(planCode) \(periodStartsOn) \(officeCode)" }

        init(planCode: String, periodStartsOn: CalendarDate, officeCode: String) {
            self.planCode = planCode
            self.periodStartsOn = periodStartsOn
            self.officeCode = officeCode
        }
    }

    struct ContractStatus: Decodable, Hashable {
        var officeCode: String
        var ownership: String
        var enterprises = 0
        var withUnion = 0
        var withValidComprehensive = 0
        var coverageRate = "0.0000"
        var expiringIn3Months = 0
        var expired = 0
        var notFiled = 0
        var key: String { "\(officeCode) \(ownership)" }

        init(officeCode: String, ownership: String) {
            self.officeCode = officeCode
            self.ownership = ownership
        }

        enum CodingKeys: String, CodingKey {
            case officeCode = "office_code", ownership, enterprises, withUnion = "with_union", withValidComprehensive = "with_valid_comprehensive"
            case coverageRate = "coverage_rate", expiringIn3Months = "expiring_in_3_months", expired, notFiled = "not_filed"
        }
    }

    struct Participation: Decodable, Hashable {
        var year: Int
        var officeCode: String
        var kind: String
        var events = 0
        var namedParticipants = 0
        var headCount = 0
        var participantTimes = 0
        var key: String { "\(year) \(officeCode) \(kind)" }

        init(year: Int, officeCode: String, kind: String) {
            self.year = year
            self.officeCode = officeCode
            self.kind = kind
        }
    }

    @Test func statusViewsReconcile() async throws {
        try await TestDatabase.with { database in
            let scenario = try await ReportingScenario.make(database)
            let base = try await ReportingBaseRows.read(database)
            let owner = database.ownerPool
            let admin = scenario.admin
            let today = CalendarDate.today()
            let branches = base.offices.filter { $0.kind == "branch" }

            // Hardship files per branch.
            var files = ReportingViewsTests.keyed(branches.map { HardshipStatus(officeCode: $0.code) }, \.officeCode)
            for file in base.hardshipFiles {
                let code = base.code(file.officeId)
                guard var row = files[code] else { continue }
                if file.status == "active" {
                    row.openTotal += 1
                    switch file.tier {
                    case "deep": row.openDeep += 1
                    case "relative": row.openRelative += 1
                    case "accident": row.openAccident += 1
                    default: break
                    }
                    if let last = file.reviewedOn ?? file.confirmedOn, last.adding(months: 12) <= today { row.overdueReviews += 1 }
                }
                if file.status == "draft" || file.status == "submitted" { row.pending += 1 }
                if file.status == "closed", file.closingReason == "lifted", file.closedOn?.year == today.year { row.liftedThisYear += 1 }
                files[code] = row
            }
            let filesView = ReportingViewsTests.keyed(try await owner.query("SELECT * FROM reporting.hardship_files_status")
                .decode(HardshipStatus.self), \.officeCode)
            ReportingViewsTests.expectSame(filesView, files, "hardship_files_status")
            let overdue = try await HardshipStore(database: scenario.database).list(admin, overdue: true, status: nil, limit: 500, after: nil).items
            #expect(filesView.values.reduce(0) { $0 + $1.overdueReviews } == overdue.count)
            #expect(filesView["east"]?.overdueReviews == 1 && filesView["east"]?.liftedThisYear == 1)
            #expect(filesView.values.contains { $0.pending > 0 })

            // Insurance coverage per period and branch, and the period's own coverage figures.
            let active = base.workers.filter { $0.membershipStatus == "active" }
            var coverage: [String: Coverage] = [:]
            for period in base.periods {
                let enrolled = Set(base.enrolments.filter { $0.periodId == period.id }.map(\.workerId))
                for branch in branches {
                    let members = active.filter { $0.officeId == branch.id }
                    let count = members.filter { enrolled.contains($0.id) }.count
                    let row = Coverage(planCode: period.planCode, periodStartsOn: period.startsOn, officeCode: branch.code, activeMembers: members.count,
                                       enrolled: count, rate: ReportingExpectations.rate(count, members.count))
                    coverage[row.key] = row
                }
                for line in try await InsurancePeriodStore(database: scenario.database).coverage(admin, id: InsurancePeriod.ID(period.id)) {
                    guard let office = line.officeID, let branch = branches.first(where: { $0.id == office.rawValue }) else { continue }
                    let row = coverage["\(period.planCode) \(period.startsOn) \(branch.code)"]
                    #expect(row?.activeMembers == line.activeMembers && row?.enrolled == line.enrolled, "\(period.planCode) \(branch.code)")
                }
            }
            let coverageView = ReportingViewsTests.keyed(try await owner.query("SELECT * FROM reporting.insurance_coverage").decode(Coverage.self), \.key)
            ReportingViewsTests.expectSame(coverageView, coverage, "insurance_coverage")
            #expect(coverageView.values.contains { $0.officeCode == "east" && $0.enrolled == 4 })

            // Claims per period and filing branch.
            var claims: [String: Claims] = [:]
            let periodOf = Dictionary(uniqueKeysWithValues: base.enrolments.map { ($0.id, $0.periodId) })
            for claim in base.claims {
                guard let periodID = periodOf[claim.enrolmentId], let period = base.periods.first(where: { $0.id == periodID }) else { continue }
                var row = Claims(planCode: period.planCode, periodStartsOn: period.startsOn, officeCode: base.code(claim.officeId))
                row = claims[row.key] ?? row
                row.claims += 1
                row.amountClaimed = row.amountClaimed + claim.amountClaimed
                switch claim.status {
                case "submitted": row.pending += 1
                case "rejected": row.rejected += 1
                default:
                    row.approved += 1
                    row.payoutApproved = row.payoutApproved + (claim.payout ?? .zero)
                    if claim.status == "paid" {
                        row.paid += 1
                        row.payoutPaid = row.payoutPaid + (claim.payout ?? .zero)
                    }
                }
                claims[row.key] = row
            }
            let claimsView = ReportingViewsTests.keyed(try await owner.query("SELECT * FROM reporting.insurance_claims_summary").decode(Claims.self), \.key)
            ReportingViewsTests.expectSame(claimsView, claims, "insurance_claims_summary")
            let east = try #require(claimsView.values.first { $0.officeCode == "east" })
            #expect(east.claims == 4 && east.pending == 1 && east.approved == 2 && east.rejected == 1 && east.paid == 1)

            // Contracts: the domain's coverage and attention rows on the same data, today.
            let contracts = ContractStore(database: scenario.database)
            let enterprises = try await EnterpriseStore(database: scenario.database).list(admin, office: nil, ownership: nil, limit: 500, after: nil).items
            let ownership = Dictionary(uniqueKeysWithValues: enterprises.map { ($0.id, $0.ownership.rawValue) })
            var status: [String: ContractStatus] = [:]
            for enterprise in enterprises {
                var row = ContractStatus(officeCode: base.code(enterprise.officeID.rawValue), ownership: enterprise.ownership.rawValue)
                row = status[row.key] ?? row
                row.enterprises += 1
                if enterprise.hasUnion { row.withUnion += 1 }
                status[row.key] = row
            }
            for office in try await contracts.coverage(admin).offices {
                guard let id = office.officeID else { continue }
                for (name, figures) in [("public", office.publicOwnership), ("private", office.privateOwnership)] where figures.enterprises > 0 {
                    let key = "\(base.code(id.rawValue)) \(name)"
                    status[key]?.withValidComprehensive = figures.covered
                    status[key]?.coverageRate = ReportingExpectations.rate(figures.covered, figures.enterprises)
                }
            }
            for row in try await contracts.attention(admin) {
                let key = "\(base.code(row.officeID.rawValue)) \(ownership[row.enterpriseID] ?? "?")"
                switch row.reason {
                case .expiringSoon: status[key]?.expiringIn3Months += 1
                case .expired: status[key]?.expired += 1
                case .notFiled: status[key]?.notFiled += 1
                case .missingKind: break
                }
            }
            let contractsView = ReportingViewsTests.keyed(try await owner.query("SELECT * FROM reporting.contracts_status").decode(ContractStatus.self), \.key)
            ReportingViewsTests.expectSame(contractsView, status, "contracts_status")
            for figure in [\ContractStatus.withValidComprehensive, \.expiringIn3Months, \.expired, \.notFiled] {
                #expect(contractsView.values.contains { $0[keyPath: figure] > 0 }, "the demo has contracts in every state")
            }

            // Activities per year, organising office and kind; the store's 参与人次 for each year.
            var participation: [String: Participation] = [:]
            for activity in base.activities {
                var row = Participation(year: activity.startsOn.year, officeCode: base.code(activity.officeId), kind: activity.kind)
                row = participation[row.key] ?? row
                row.events += 1
                row.namedParticipants += base.named[activity.id] ?? 0
                row.headCount += activity.headCount
                row.participantTimes = row.namedParticipants + row.headCount
                participation[row.key] = row
            }
            let participationView = ReportingViewsTests.keyed(try await owner.query("SELECT * FROM reporting.activity_participation")
                .decode(Participation.self), \.key)
            ReportingViewsTests.expectSame(participationView, participation, "activity_participation")
            for year in Set(base.activities.map(\.startsOn.year)) {
                for figure in try await ActivityStore(database: scenario.database).participation(admin, year: year) {
                    let row = participationView["\(year) \(base.code(figure.officeID.rawValue)) \(figure.kind.rawValue)"]
                    #expect(row?.events == figure.events && row?.participantTimes == figure.participantTimes, "\(year) \(figure.kind)")
                }
            }
            #expect(participationView["\(scenario.years[1]) east safety_training"]?.participantTimes == 41)
        }
    }
}
