import Foundation
import Hummingbird
import NIOCore
import UnionDomain
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | POST | /api/v1/activities | branch_officer, area_admin | 201, 401, 403, 404 (office), 422 |
/// | GET | /api/v1/activities | any role | 200 (organised or co-organised; `year`, `kind`, `club_id`, keyset page), 401, 422 |
/// | GET | /api/v1/activities/participation | any role | 200 (participant-times of `year` per office and kind), 401, 422 |
/// | GET | /api/v1/activities/{id} | any role | 200, 401, 404 |
/// | PATCH | /api/v1/activities/{id} | branch_officer, area_admin (the organiser) | 200, 401, 403, 404, 422 |
/// | GET | /api/v1/activities/{id}/participants | any role | 200, 401, 404 |
/// | POST | /api/v1/activities/{id}/participants | branch_officer, area_admin (the organiser) | 200 (the activity), 401, 403, 404, 422 |
struct ActivityController {
    let activities: ActivityStore

    func addRoutes(to routes: RouterGroup<AuthenticatedContext>) {
        routes.post("activities", use: create)
        routes.get("activities", use: list)
        routes.get("activities/participation", use: participation)
        routes.get("activities/:id", use: get)
        routes.patch("activities/:id", use: update)
        routes.get("activities/:id/participants", use: participants)
        routes.post("activities/:id/participants", use: addParticipants)
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Created<ActivityDTO> {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        var request = request
        let input = try await request.decodeJSON(ActivityInput.self, context: context)
        let activity = try await activities.create(principal, try ActivityFields(input))
        return Created(body: ActivityDTO(activity), location: "/api/v1/activities/\(activity.id)")
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> ListDTO<ActivityDTO> {
        var query = QueryReader(request)
        let year = try Self.year(query.text("year"), required: false)
        let kind = query.enumeration("kind", as: Activity.Kind.self)
        let club: Club.ID? = query.id("club_id")
        let limit = query.limit()
        try query.finish()
        let page = try await activities.list(context.principal, year: year, kind: kind, club: club, limit: limit, after: query.text("after"))
        return ListDTO(items: page.items.map(ActivityDTO.init), next: page.next)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> ActivityDTO {
        ActivityDTO(try await activities.get(context.principal, id: try context.parameters.requireID()))
    }

    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> ActivityDTO {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        let id: Activity.ID = try context.parameters.requireID()
        var request = request
        let patch = try await request.decodeJSON(ActivityInput.self, context: context)
        return ActivityDTO(try await activities.update(principal, id: id, patch))
    }

    @Sendable func participation(_ request: Request, context: AuthenticatedContext) async throws -> ParticipationReportDTO {
        let query = QueryReader(request)
        try query.finish()
        let year = try Self.year(query.text("year"), required: true) ?? 0
        let figures = try await activities.participation(context.principal, year: year)
        return ParticipationReportDTO(year: year, total: figures.reduce(0) { $0 + $1.participantTimes }, items: figures.map(ParticipationDTO.init))
    }

    @Sendable func participants(_ request: Request, context: AuthenticatedContext) async throws -> ParticipantListDTO {
        let list = try await activities.participants(context.principal, id: try context.parameters.requireID())
        return ParticipantListDTO(items: list.map(ParticipantDTO.init))
    }

    struct ParticipantsRequest: Decodable {
        struct Item: Decodable {
            let workerId: String?
            let idNumber: String?
            let name: String?
            let result: String?
        }
        let participants: [Item]
    }

    /// JSON (`{"participants": [{"worker_id" | "id_number", "result"}]}`) or a CSV roster
    /// (`text/csv`: name and id_number columns, result optional).
    @Sendable func addParticipants(_ request: Request, context: AuthenticatedContext) async throws -> ActivityDTO {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        let id: Activity.ID = try context.parameters.requireID()
        var request = request
        let lines: [(line: Int, ParticipantLine)]
        if request.headers[.contentType]?.lowercased().hasPrefix("text/csv") == true {
            let body = try await request.collectBody(upTo: 16 * 1024 * 1024)
            lines = try ParticipantRoster.lines(Array(body.readableBytesView), declared: try WorkerController.declaredEncoding(request))
        } else {
            let body = try await request.decodeJSON(ParticipantsRequest.self, context: context)
            var errors: [FieldError] = []
            lines = body.participants.enumerated().map { index, item in
                var worker: Worker.ID?
                if let text = item.workerId {
                    worker = Worker.ID(uuidString: text)
                    if worker == nil { errors.append(.invalidFormat("participants[\(index)].worker_id", expected: "a UUID", expectedZH: "UUID")) }
                }
                return (index + 1, ParticipantLine(workerID: worker, name: item.name, idNumber: item.idNumber?.uppercased(), result: item.result))
            }
            if !errors.isEmpty { throw Problem.invalid(errors) }
        }
        guard !lines.isEmpty else { throw Problem.invalid([.required("participants")]) }
        return ActivityDTO(try await activities.addParticipants(principal, id: id, lines))
    }

    /// `year`: four digits in the plausible range.
    static func year(_ text: String?, required: Bool) throws -> Int? {
        guard let text else {
            if required { throw Problem.invalid([.required("year")]) }
            return nil
        }
        guard let year = Int(text), CalendarDate.plausibleYears.contains(year) else {
            throw Problem.invalid([FieldError(field: "year", code: "out_of_range", message: "must be a year 1900 to 2999", messageZH: "须为1900至2999之间的年份")])
        }
        return year
    }
}
