import Foundation
import HTTPTypes
import Hummingbird
import UnionDomain
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | POST | /api/v1/hardship-files | branch_officer, area_admin | 201, 401, 403, 404 (worker), 409 (open file exists), 422 (incl. not qualifying) |
/// | GET | /api/v1/hardship-files | any role | 200 (`overdue=true`, `status`, `office_id`, keyset page), 401, 404 (office outside scope), 422 |
/// | GET | /api/v1/hardship-files/{id} | any role | 200, 401, 404 |
/// | PATCH | /api/v1/hardship-files/{id} | branch_officer, area_admin | 200, 401, 403, 404, 409 (not editable), 422 |
/// | POST | /api/v1/hardship-files/{id}/submit | branch_officer, area_admin | 200, 401, 403, 404, 409 |
/// | POST | /api/v1/hardship-files/{id}/confirm | area_reviewer, area_admin | 200, 401, 403, 404, 409 |
/// | POST | /api/v1/hardship-files/{id}/return | area_reviewer, area_admin | 200, 401, 403, 404, 409, 422 |
/// | POST | /api/v1/hardship-files/{id}/close | branch_officer, area_admin | 200, 401, 403, 404, 409, 422 |
/// | POST | /api/v1/hardship-files/{id}/review | branch_officer, area_reviewer, area_admin | 200, 401, 403, 404, 409, 422 (figures, not qualifying) |
struct HardshipController {
    let files: HardshipStore

    func addRoutes(to routes: RouterGroup<AuthenticatedContext>) {
        routes.post("hardship-files", use: create)
        routes.get("hardship-files", use: list)
        routes.get("hardship-files/:id", use: get)
        routes.patch("hardship-files/:id", use: update)
        routes.post("hardship-files/:id/submit") { try await transition($0, $1, .submit) }
        routes.post("hardship-files/:id/confirm") { try await transition($0, $1, .confirm) }
        routes.post("hardship-files/:id/return", use: returnToBranch)
        routes.post("hardship-files/:id/close", use: close)
        routes.post("hardship-files/:id/review", use: review)
    }

    struct CreateRequest: Decodable {
        let workerId: String?
        let figures: HardshipInput

        init(from decoder: any Decoder) throws {
            figures = try HardshipInput(from: decoder)
            workerId = try decoder.container(keyedBy: Keys.self).decodeIfPresent(String.self, forKey: .workerId)
        }

        enum Keys: String, CodingKey { case workerId }
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Created<HardshipFileDTO> {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        var request = request
        let body = try await request.decodeJSON(CreateRequest.self, context: context)
        let worker = body.workerId.flatMap(Worker.ID.init(uuidString:))
        let fields: HardshipFields
        do {
            fields = try HardshipFields(body.figures)
            guard worker != nil else { throw ValidationFailure([]) }
        } catch let failure as ValidationFailure {
            let workerError: [FieldError] = worker == nil
                ? [body.workerId == nil ? .required("worker_id") : .invalidFormat("worker_id", expected: "a UUID", expectedZH: "UUID")] : []
            throw Problem.invalid(workerError + failure.errors)
        }
        guard let worker else { throw Problem.invalid([.required("worker_id")]) }
        let file = try await files.create(principal, worker: worker, fields)
        return Created(body: HardshipFileDTO(file), location: "/api/v1/hardship-files/\(file.id)")
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> ListDTO<HardshipFileDTO> {
        let principal = context.principal
        var query = QueryReader(request)
        let overdue = query.bool("overdue") ?? false
        let status = query.enumeration("status", as: HardshipFile.Status.self)
        let office: Office.ID? = query.id("office_id")
        let limit = query.limit()
        try query.finish()
        let page = try await files.list(principal, overdue: overdue, status: status, office: office, limit: limit, after: query.text("after"))
        return ListDTO(items: page.items.map { HardshipFileDTO($0) }, next: page.next)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> HardshipFileDTO {
        let principal = context.principal
        return HardshipFileDTO(try await files.get(principal, id: try context.parameters.requireID()))
    }

    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> HardshipFileDTO {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        let id: HardshipFile.ID = try context.parameters.requireID()
        var request = request
        let patch = try await request.decodeJSON(HardshipPatch.self, context: context)
        return HardshipFileDTO(try await files.update(principal, id: id, patch))
    }

    func transition(_ request: Request, _ context: AuthenticatedContext, _ transition: HardshipTransition) async throws -> HardshipFileDTO {
        let principal = context.principal
        try Policy.require(principal, transition.action)
        return HardshipFileDTO(try await files.transition(principal, id: try context.parameters.requireID(), transition))
    }

    struct CloseRequest: Decodable {
        let reason: String?
    }

    @Sendable func close(_ request: Request, context: AuthenticatedContext) async throws -> HardshipFileDTO {
        let principal = context.principal
        try Policy.require(principal, HardshipTransition.close.action)
        var request = request
        let body = try await request.decodeJSON(CloseRequest.self, context: context)
        guard let reason = body.reason.flatMap(HardshipFile.ClosingReason.init(rawValue:)) else {
            throw Problem.invalid([.unknownValue("reason", allowed: HardshipFile.ClosingReason.allCases.map(\.rawValue))])
        }
        return HardshipFileDTO(try await files.transition(principal, id: try context.parameters.requireID(), .close, reason: reason))
    }

    struct ReturnRequest: Decodable {
        let reason: String?
    }

    /// Sends a submitted file back to the branch as a draft; the reason stays on the file.
    @Sendable func returnToBranch(_ request: Request, context: AuthenticatedContext) async throws -> HardshipFileDTO {
        let principal = context.principal
        try Policy.require(principal, HardshipTransition.returnToBranch.action)
        var request = request
        let body = try await request.decodeJSON(ReturnRequest.self, context: context)
        return HardshipFileDTO(try await files.transition(principal, id: try context.parameters.requireID(), .returnToBranch,
                                                          returnReason: body.reason))
    }

    @Sendable func review(_ request: Request, context: AuthenticatedContext) async throws -> HardshipFileDTO {
        let principal = context.principal
        // Branch officers and the area's reviewers review: refuse the rest before reading a body.
        guard Policy.decide(principal, .writeBranchData) == .allow || Policy.decide(principal, .reviewCases) == .allow else {
            throw StoreError.forbidden
        }
        let id: HardshipFile.ID = try context.parameters.requireID()
        var request = request
        let input = try await request.decodeJSON(HardshipReviewInput.self, context: context)
        return HardshipFileDTO(try await files.review(principal, id: id, input))
    }
}
