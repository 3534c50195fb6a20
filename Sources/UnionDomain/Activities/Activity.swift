import Foundation

/// An event (技能竞赛、培训、演练、文体活动): it belongs to its organising office, co-organisers
/// see it, and its participants are named workers and/or a head count of people not named.
package struct Activity: Sendable, Hashable {
    package typealias ID = Identifier<Activity>

    package enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case skillsCompetition = "skills_competition"
        case safetyTraining = "safety_training"
        case fireDrill = "fire_drill"
        case foodSafetyTraining = "food_safety_training"
        case knowledgeContest = "knowledge_contest"
        case cultural, sports, outing, other

        /// Competitions count toward a club's "a competition every season" by their kind.
        package var isCompetition: Bool { self == .skillsCompetition || self == .knowledgeContest }
    }

    package let id: ID
    package var officeID: Office.ID
    package var kind: Kind
    package var title: String
    package var startsOn: CalendarDate
    package var endsOn: CalendarDate
    package var industry: String?
    package var place: String?
    package var partners: [String]
    /// People taking part who are not named (the 500 cyclists).
    package var headCount: Int
    /// A match or contest (counts for a club's seasonal competition).
    package var competition: Bool
    package var clubID: Club.ID?
    package var coOrganisers: [Office.ID]
    /// Named participants, counted from the participant rows.
    package var namedCount: Int

    package init(id: ID, officeID: Office.ID, kind: Kind, title: String, startsOn: CalendarDate, endsOn: CalendarDate, industry: String?,
                 place: String?, partners: [String], headCount: Int, competition: Bool, clubID: Club.ID?, coOrganisers: [Office.ID], namedCount: Int) {
        self.id = id
        self.officeID = officeID
        self.kind = kind
        self.title = title
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.industry = industry
        self.place = place
        self.partners = partners
        self.headCount = headCount
        self.competition = competition
        self.clubID = clubID
        self.coOrganisers = coOrganisers
        self.namedCount = namedCount
    }

    /// 参与人次: named participants plus the head count of those not named. A named worker is
    /// never in the head count, so nobody is counted twice.
    package var participantTimes: Int { namedCount + headCount }
}

/// A named participant: a registered worker and their result or award.
package struct ActivityParticipant: Sendable, Hashable {
    package let workerID: Worker.ID
    /// nil when the worker is not visible to the reader (a co-organiser's view of another
    /// branch's worker).
    package let name: String?
    package let result: String?

    package init(workerID: Worker.ID, name: String?, result: String?) {
        self.workerID = workerID
        self.name = name
        self.result = result
    }
}

/// An activity as sent.
package struct ActivityInput: Sendable, Hashable, Codable {
    package var officeId: String?
    package var kind: String?
    package var title: String?
    package var startsOn: String?
    package var endsOn: String?
    package var industry: String?
    package var place: String?
    package var partners: [String]?
    package var headCount: Int?
    package var competition: Bool?
    package var clubId: String?
    package var coOrganisers: [String]?

    package init(officeId: String? = nil, kind: String? = nil, title: String? = nil, startsOn: String? = nil, endsOn: String? = nil,
                 industry: String? = nil, place: String? = nil, partners: [String]? = nil, headCount: Int? = nil, competition: Bool? = nil,
                 clubId: String? = nil, coOrganisers: [String]? = nil) {
        self.officeId = officeId
        self.kind = kind
        self.title = title
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.industry = industry
        self.place = place
        self.partners = partners
        self.headCount = headCount
        self.competition = competition
        self.clubId = clubId
        self.coOrganisers = coOrganisers
    }

    package init(_ activity: Activity) {
        self.init(officeId: activity.officeID.description, kind: activity.kind.rawValue, title: activity.title,
                  startsOn: activity.startsOn.description, endsOn: activity.endsOn.description, industry: activity.industry,
                  place: activity.place, partners: activity.partners, headCount: activity.headCount, competition: activity.competition,
                  clubId: activity.clubID?.description, coOrganisers: activity.coOrganisers.map(\.description))
    }

    /// A PATCH: the fields sent replace the stored ones; office, club and co-organisers are
    /// fixed once recorded.
    package func applied(to base: ActivityInput) -> ActivityInput {
        ActivityInput(officeId: base.officeId, kind: kind ?? base.kind, title: title ?? base.title, startsOn: startsOn ?? base.startsOn,
                      endsOn: endsOn ?? (startsOn == nil ? base.endsOn : startsOn), industry: industry ?? base.industry,
                      place: place ?? base.place, partners: partners ?? base.partners, headCount: headCount ?? base.headCount,
                      competition: competition ?? base.competition, clubId: base.clubId, coOrganisers: base.coOrganisers)
    }
}

/// A validated activity.
package struct ActivityFields: Sendable, Hashable {
    package var officeID: Office.ID?
    package var kind: Activity.Kind
    package var title: String
    package var startsOn: CalendarDate
    package var endsOn: CalendarDate
    package var industry: String?
    package var place: String?
    package var partners: [String]
    package var headCount: Int
    package var competition: Bool
    package var clubID: Club.ID?
    package var coOrganisers: [Office.ID]

    package init(_ input: ActivityInput) throws(ValidationFailure) {
        var validator = Validator()
        func id<Tag>(_ text: String?, _ field: String) -> Identifier<Tag>? {
            guard let text = text.nonBlank else { return nil }
            let id = Identifier<Tag>(uuidString: text)
            validator.check(id != nil, .invalidFormat(field, expected: "a UUID", expectedZH: "UUID"))
            return id
        }
        let office: Office.ID? = id(input.officeId, "office_id")
        let kind = WorkerFields.enumeration(input.kind, field: "kind", as: Activity.Kind.self, into: &validator)
        if input.kind.nonBlank == nil { validator.add(.required("kind")) }
        let title = validator.text(input.title, field: "title", max: 200)
        var starts: CalendarDate?
        if let text = input.startsOn.nonBlank {
            starts = CalendarDate(input: text)
            validator.check(starts != nil, .invalidFormat("starts_on", expected: "a date YYYY-MM-DD", expectedZH: "日期 YYYY-MM-DD"))
        } else {
            validator.add(.required("starts_on"))
        }
        var ends = starts
        if let text = input.endsOn.nonBlank {
            ends = CalendarDate(input: text)
            validator.check(ends != nil, .invalidFormat("ends_on", expected: "a date YYYY-MM-DD", expectedZH: "日期 YYYY-MM-DD"))
        }
        if let starts, let ends, ends < starts || ends > starts.adding(days: 366) {
            validator.add(FieldError(field: "ends_on", code: "out_of_range", message: "must be on or after starts_on, within a year",
                                     messageZH: "须不早于开始日期，且在一年之内"))
        }
        let industry = input.industry.nonBlank
        if let industry, industry.count > 50 { validator.add(.tooLong("industry", max: 50)) }
        let place = input.place.nonBlank
        if let place, place.count > 200 { validator.add(.tooLong("place", max: 200)) }
        let partners = (input.partners ?? []).compactMap { Optional($0).nonBlank }
        validator.check(partners.count <= 20, FieldError(field: "partners", code: "too_many", message: "at most 20", messageZH: "最多20个"))
        for (index, partner) in partners.enumerated() where partner.count > 100 { validator.add(.tooLong("partners[\(index)]", max: 100)) }
        let headCount = input.headCount ?? 0
        validator.check((0...1_000_000).contains(headCount),
                        FieldError(field: "head_count", code: "out_of_range", message: "must be 0 to 1000000", messageZH: "须在0到1000000之间"))
        let club: Club.ID? = id(input.clubId, "club_id")
        var coOrganisers: [Office.ID] = []
        for (index, text) in (input.coOrganisers ?? []).enumerated() {
            if let office: Office.ID = id(text, "co_organisers[\(index)]") { coOrganisers.append(office) }
        }
        try validator.finish()
        guard let kind, let title, let starts, let ends else { throw ValidationFailure([.required("kind")]) }
        officeID = office
        self.kind = kind
        self.title = title
        startsOn = starts
        endsOn = ends
        self.industry = industry
        self.place = place
        self.partners = partners
        self.headCount = headCount
        competition = input.competition ?? kind.isCompetition
        clubID = club
        self.coOrganisers = Array(Set(coOrganisers)).sorted { $0.description < $1.description }
    }
}

/// One line of a participant list: a worker (by id, or by name and ID number from a roster)
/// and their result.
package struct ParticipantLine: Sendable, Hashable {
    package var workerID: Worker.ID?
    package var name: String?
    package var idNumber: String?
    package var result: String?

    package init(workerID: Worker.ID? = nil, name: String? = nil, idNumber: String? = nil, result: String? = nil) {
        self.workerID = workerID
        self.name = name
        self.idNumber = idNumber
        self.result = result
    }
}
