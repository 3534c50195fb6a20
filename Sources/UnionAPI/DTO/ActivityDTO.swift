import Foundation
import Hummingbird
import UnionDomain

struct ActivityDTO: ResponseEncodable {
    let id: String
    let officeId: String
    let kind: String
    let title: String
    let startsOn: String
    let endsOn: String
    let industry: String?
    let place: String?
    let partners: [String]
    let coOrganisers: [String]
    let headCount: Int
    let namedCount: Int
    let participantTimes: Int
    let competition: Bool
    let clubId: String?

    init(_ activity: Activity) {
        id = activity.id.description
        officeId = activity.officeID.description
        kind = activity.kind.rawValue
        title = activity.title
        startsOn = activity.startsOn.description
        endsOn = activity.endsOn.description
        industry = activity.industry
        place = activity.place
        partners = activity.partners
        coOrganisers = activity.coOrganisers.map(\.description)
        headCount = activity.headCount
        namedCount = activity.namedCount
        participantTimes = activity.participantTimes
        competition = activity.competition
        clubId = activity.clubID?.description
    }
}

struct ParticipantDTO: Encodable, Sendable {
    let workerId: String
    let name: String?
    let result: String?

    init(_ participant: ActivityParticipant) {
        workerId = participant.workerID.description
        name = participant.name
        result = participant.result
    }
}

struct ParticipantListDTO: ResponseEncodable {
    let items: [ParticipantDTO]
}

struct ParticipationDTO: Encodable, Sendable {
    let officeId: String
    let kind: String
    let events: Int
    let named: Int
    let headCount: Int
    let participantTimes: Int

    init(_ figure: ParticipationFigure) {
        officeId = figure.officeID.description
        kind = figure.kind.rawValue
        events = figure.events
        named = figure.named
        headCount = figure.headCount
        participantTimes = figure.participantTimes
    }
}

struct ParticipationReportDTO: ResponseEncodable {
    let year: Int
    let total: Int
    let items: [ParticipationDTO]
}

struct ClubDTO: ResponseEncodable {
    let id: String
    let officeId: String
    let name: String
    let sport: String
    let leaderId: String?
    let members: [String]
    let activitiesPerMonth: Int
    let competitionsPerSeason: Int

    init(_ club: Club) {
        id = club.id.description
        officeId = club.officeID.description
        name = club.name
        sport = club.sport.rawValue
        leaderId = club.leaderID?.description
        members = club.members.map(\.description)
        activitiesPerMonth = club.activitiesPerMonth
        competitionsPerSeason = club.competitionsPerSeason
    }
}

struct ClubListDTO: ResponseEncodable {
    let items: [ClubDTO]
}

struct ClubPlanDTO: ResponseEncodable {
    struct PeriodDTO: Encodable, Sendable {
        let number: Int
        let held: Int
        let required: Int
        let met: Bool
    }

    let clubId: String
    let year: Int
    let months: [PeriodDTO]
    let seasons: [PeriodDTO]
    let missingMonths: [Int]
    let missingSeasons: [Int]

    init(_ plan: ClubPlan) {
        clubId = plan.clubID.description
        year = plan.year
        months = plan.months.map { PeriodDTO(number: $0.number, held: $0.held, required: $0.required, met: $0.met) }
        seasons = plan.seasons.map { PeriodDTO(number: $0.number, held: $0.held, required: $0.required, met: $0.met) }
        missingMonths = plan.missingMonths
        missingSeasons = plan.missingSeasons
    }
}
