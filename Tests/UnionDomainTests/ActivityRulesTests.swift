import Testing
import UnionDomain

/// Participant-times and club plans.
@Suite("Activity rules")
struct ActivityRulesTests {
    static let area = Office.ID(), branch = Office.ID()

    static func activity(_ office: Office.ID = area, kind: Activity.Kind = .safetyTraining, on date: String, named: Int = 0, heads: Int = 0,
                         club: Club.ID? = nil, competition: Bool = false, coOrganisers: [Office.ID] = []) -> Activity {
        let day = CalendarDate(iso: date) ?? CalendarDate(year: 2000, month: 1, day: 1)!
        return Activity(id: Activity.ID(), officeID: office, kind: kind, title: "活动", startsOn: day, endsOn: day, industry: nil, place: nil,
                        partners: [], headCount: heads, competition: competition, clubID: club, coOrganisers: coOrganisers, namedCount: named)
    }

    @Test func namedAndHeadCountsAddUpPerOfficeAndKind() {
        let ride = Self.activity(kind: .sports, on: "2014-12-06", named: 12, heads: 500, coOrganisers: [Self.branch])
        let training = Self.activity(on: "2014-05-10", named: 40)
        let again = Self.activity(on: "2014-06-10", named: 40)
        let branchDrill = Self.activity(Self.branch, kind: .fireDrill, on: "2014-07-01", named: 3, heads: 20)
        let lastYear = Self.activity(on: "2013-12-31", named: 99)
        // The ride is seen twice (organiser and co-organiser both list it): counted once.
        let figures = ParticipationFigure.figures([ride, training, again, branchDrill, lastYear, ride], year: 2014)
        #expect(figures.reduce(0) { $0 + $1.participantTimes } == 512 + 80 + 23)
        let sports = figures.first { $0.kind == .sports }
        #expect(sports?.officeID == Self.area && sports?.events == 1 && sports?.participantTimes == 512)
        let trainings = figures.first { $0.kind == .safetyTraining }
        #expect(trainings?.events == 2 && trainings?.named == 80)
        #expect(figures.first { $0.kind == .fireDrill }?.officeID == Self.branch)
    }

    static func club(perMonth: Int = 1, perSeason: Int = 1) -> Club {
        Club(id: Club.ID(), officeID: area, name: "骑行队", sport: .cycling, leaderID: nil, members: [], activitiesPerMonth: perMonth,
             competitionsPerSeason: perSeason)
    }

    @Test func aClubPlanShowsTheMonthsAndSeasonsWithout() {
        let club = Self.club()
        var activities = (1...12).filter { $0 != 4 && $0 != 11 }.map { month in
            Self.activity(kind: .sports, on: "2026-\(month < 10 ? "0" : "")\(month)-15", club: club.id)
        }
        activities.append(Self.activity(kind: .sports, on: "2026-02-20", club: club.id, competition: true))
        activities.append(Self.activity(kind: .sports, on: "2026-09-01", club: club.id, competition: true))
        activities.append(Self.activity(kind: .sports, on: "2026-04-01", club: Club.ID(), competition: true))
        activities.append(Self.activity(kind: .sports, on: "2025-12-01", club: club.id, competition: true))
        let plan = ClubPlan(club: club, year: 2026, activities: activities)
        #expect(plan.missingMonths == [4, 11])
        #expect(plan.missingSeasons == [2, 4])
        #expect(plan.months[1].held == 2)
    }

    @Test func twoActivitiesAMonthWhenThePlanSaysSo() {
        let club = Self.club(perMonth: 2, perSeason: 0)
        let plan = ClubPlan(club: club, year: 2026, activities: [Self.activity(on: "2026-01-03", club: club.id)])
        #expect(plan.missingMonths == Array(1...12))
        #expect(plan.missingSeasons.isEmpty)
    }
}
