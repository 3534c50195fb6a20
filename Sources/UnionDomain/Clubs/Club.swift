import Foundation

/// 文体队伍: a club of workers with a leader and a yearly plan rule ("an activity every month, a
/// competition every season", 月月有活动、季季有比赛); its activities are ordinary activities
/// that name the club.
package struct Club: Sendable, Hashable {
    package typealias ID = Identifier<Club>

    package enum Sport: String, Sendable, Hashable, Codable, CaseIterable {
        case football, basketball, yoga, aerobics, cycling
        case tableTennis = "table_tennis"
        case badminton
        case tugOfWar = "tug_of_war"
        case chess, billiards, singing, dance, hiking, other
    }

    package let id: ID
    package var officeID: Office.ID
    package var name: String
    package var sport: Sport
    package var leaderID: Worker.ID?
    package var members: [Worker.ID]
    package var activitiesPerMonth: Int
    package var competitionsPerSeason: Int

    package init(id: ID, officeID: Office.ID, name: String, sport: Sport, leaderID: Worker.ID?, members: [Worker.ID],
                 activitiesPerMonth: Int, competitionsPerSeason: Int) {
        self.id = id
        self.officeID = officeID
        self.name = name
        self.sport = sport
        self.leaderID = leaderID
        self.members = members
        self.activitiesPerMonth = activitiesPerMonth
        self.competitionsPerSeason = competitionsPerSeason
    }
}

/// A club as sent.
package struct ClubInput: Sendable, Hashable, Codable {
    package var officeId: String?
    package var name: String?
    package var sport: String?
    package var leaderId: String?
    package var members: [String]?
    package var activitiesPerMonth: Int?
    package var competitionsPerSeason: Int?

    package init(officeId: String? = nil, name: String? = nil, sport: String? = nil, leaderId: String? = nil, members: [String]? = nil,
                 activitiesPerMonth: Int? = nil, competitionsPerSeason: Int? = nil) {
        self.officeId = officeId
        self.name = name
        self.sport = sport
        self.leaderId = leaderId
        self.members = members
        self.activitiesPerMonth = activitiesPerMonth
        self.competitionsPerSeason = competitionsPerSeason
    }
}

/// A validated club; the leader is one of its members.
package struct ClubFields: Sendable, Hashable {
    package var officeID: Office.ID?
    package var name: String
    package var sport: Club.Sport
    package var leaderID: Worker.ID?
    package var members: [Worker.ID]
    package var activitiesPerMonth: Int
    package var competitionsPerSeason: Int

    package init(_ input: ClubInput) throws(ValidationFailure) {
        var validator = Validator()
        func id<Tag>(_ text: String?, _ field: String) -> Identifier<Tag>? {
            guard let text = text.nonBlank else { return nil }
            let id = Identifier<Tag>(uuidString: text)
            validator.check(id != nil, .invalidFormat(field, expected: "a UUID", expectedZH: "UUID"))
            return id
        }
        let office: Office.ID? = id(input.officeId, "office_id")
        let name = validator.text(input.name, field: "name", max: 100)
        let sport = WorkerFields.enumeration(input.sport, field: "sport", as: Club.Sport.self, into: &validator)
        if input.sport.nonBlank == nil { validator.add(.required("sport")) }
        let leader: Worker.ID? = id(input.leaderId, "leader_id")
        var members: [Worker.ID] = []
        for (index, text) in (input.members ?? []).enumerated() {
            if let member: Worker.ID = id(text, "members[\(index)]") { members.append(member) }
        }
        if let leader, !members.contains(leader) { members.append(leader) }
        let perMonth = input.activitiesPerMonth ?? 1, perSeason = input.competitionsPerSeason ?? 1
        validator.check((0...31).contains(perMonth), FieldError(field: "activities_per_month", code: "out_of_range",
                                                                message: "must be 0 to 31", messageZH: "须在0到31之间"))
        validator.check((0...92).contains(perSeason), FieldError(field: "competitions_per_season", code: "out_of_range",
                                                                 message: "must be 0 to 92", messageZH: "须在0到92之间"))
        try validator.finish()
        guard let name, let sport else { throw ValidationFailure([.required("name")]) }
        officeID = office
        self.name = name
        self.sport = sport
        leaderID = leader
        self.members = Array(Set(members)).sorted { $0.description < $1.description }
        activitiesPerMonth = perMonth
        competitionsPerSeason = perSeason
    }
}

/// A club's year against its plan rule: each month (activities held) and each season
/// (competitions held), met or missing. Seasons are calendar quarters (Q1 = Jan–Mar).
package struct ClubPlan: Sendable, Hashable {
    package struct Period: Sendable, Hashable {
        /// 1–12 for a month, 1–4 for a season.
        package let number: Int
        package let held: Int
        package let required: Int
        package var met: Bool { held >= required }
    }

    package let clubID: Club.ID
    package let year: Int
    package let months: [Period]
    package let seasons: [Period]

    /// `activities` are the club's (others are ignored); an activity counts in the month and
    /// season it starts in.
    package init(club: Club, year: Int, activities: [Activity]) {
        let own = activities.filter { $0.clubID == club.id && $0.startsOn.year == year }
        clubID = club.id
        self.year = year
        months = (1...12).map { month in
            Period(number: month, held: own.filter { $0.startsOn.month == month }.count, required: club.activitiesPerMonth)
        }
        seasons = (1...4).map { season in
            let range = (season * 3 - 2)...(season * 3)
            return Period(number: season, held: own.filter { $0.competition && range.contains($0.startsOn.month) }.count,
                          required: club.competitionsPerSeason)
        }
    }

    package var missingMonths: [Int] { months.filter { !$0.met }.map(\.number) }
    package var missingSeasons: [Int] { seasons.filter { !$0.met }.map(\.number) }
}
