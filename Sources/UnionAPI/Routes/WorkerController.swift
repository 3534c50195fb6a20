import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import UnionDomain
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | POST | /api/v1/workers | branch_officer, area_admin | 201, 401, 403, 404 (office outside scope), 409 (ID number registered), 422 |
/// | GET | /api/v1/workers | any role | 200 (keyset page), 401, 422 |
/// | GET | /api/v1/workers/{id} | any role | 200, 401, 404 |
/// | PATCH | /api/v1/workers/{id} | branch_officer, area_admin | 200, 401, 403, 404, 409, 422 |
/// | POST | /api/v1/workers/{id}/transfer | branch_officer, area_admin | 204, 401, 403, 404, 422 |
/// | POST | /api/v1/workers/import | branch_officer, area_admin | 200 (report), 401, 403, 404, 422 (bad rows; nothing written) |
/// | GET | /api/v1/workers.csv | any role | 200 text/csv, 401, 422 |
///
/// ID numbers are masked for auditors and branch viewers, and never logged.
struct WorkerController {
    let workers: WorkerStore
    let importer: WorkerImport

    func addRoutes(to routes: RouteTable) {
        routes.add(.post, "workers", create)
        routes.add(.get, "workers", list)
        routes.add(.get, "workers/{id}", get)
        routes.add(.patch, "workers/{id}", update)
        routes.add(.post, "workers/{id}/transfer", transfer)
        routes.add(.post, "workers/import", importCSV)
        routes.add(.get, "workers.csv", exportCSV)
    }

    struct CreateRequest: Decodable {
        var officeId: String?
        var worker: WorkerInput

        init(from decoder: any Decoder) throws {
            worker = try WorkerInput(from: decoder)
            officeId = try decoder.container(keyedBy: Keys.self).decodeIfPresent(String.self, forKey: .officeId)
        }

        enum Keys: String, CodingKey { case officeId }
    }

    /// Branch users register into their own branch; area users name the branch.
    static func targetOffice(_ text: String?, principal: Principal) throws -> Office.ID {
        if let id: Office.ID = try BodyID.parse(text, field: "office_id") { return id }
        guard !principal.role.isAreaRole else { throw Problem.invalid([.required("office_id")]) }
        return principal.officeID
    }

    @Sendable func create(_ request: Request, context: UnionRequestContext) async throws -> Created<WorkerDTO> {
        let principal = try context.requirePrincipal()
        try Policy.require(principal, .writeBranchData)
        var request = request
        let body = try await request.decodeJSON(CreateRequest.self, context: context)
        let office = try Self.targetOffice(body.officeId, principal: principal)
        let fields = try WorkerFields(body.worker)
        return Created(body: WorkerDTO(try await workers.create(principal, office: office, fields), for: principal))
    }

    @Sendable func get(_ request: Request, context: UnionRequestContext) async throws -> WorkerDTO {
        let principal = try context.requirePrincipal()
        return WorkerDTO(try await workers.get(principal, id: try context.parameters.requireID()), for: principal)
    }

    @Sendable func update(_ request: Request, context: UnionRequestContext) async throws -> WorkerDTO {
        let principal = try context.requirePrincipal()
        try Policy.require(principal, .writeBranchData)
        let id: Worker.ID = try context.parameters.requireID()
        var request = request
        let patch = try await request.decodeJSON(WorkerPatch.self, context: context)
        return WorkerDTO(try await workers.update(principal, id: id, patch), for: principal)
    }

    @Sendable func list(_ request: Request, context: UnionRequestContext) async throws -> ListDTO<WorkerDTO> {
        let principal = try context.requirePrincipal()
        var query = QueryReader(request)
        let filter = WorkerStore.Filter(
            office: query.id("office_id"), status: query.enumeration("membership_status", as: MembershipStatus.self),
            tier: query.enumeration("hardship_tier", as: HardshipTier.self), modelWorker: query.bool("model_worker"),
            name: query.text("name"), idNumber: query.text("id_number"))
        let limit = query.limit()
        try query.finish()
        let page = try await workers.list(principal, filter: filter, limit: limit, after: query.text("after"))
        return ListDTO(items: page.items.map { WorkerDTO($0, for: principal) }, next: page.next)
    }

    struct TransferRequest: Decodable {
        let toOffice: String?
        let date: String?
        let reason: String?
    }

    @Sendable func transfer(_ request: Request, context: UnionRequestContext) async throws -> HTTPResponse.Status {
        let principal = try context.requirePrincipal()
        try Policy.require(principal, .writeBranchData)
        let id: Worker.ID = try context.parameters.requireID()
        var request = request
        let body = try await request.decodeJSON(TransferRequest.self, context: context)
        var errors: [FieldError] = []
        let office = body.toOffice.flatMap(Office.ID.init(uuidString:))
        if office == nil { errors.append(body.toOffice == nil ? .required("to_office") : .invalidFormat("to_office", expected: "a UUID", expectedZH: "UUID")) }
        let date = body.date.flatMap(CalendarDate.init(iso:))
        if date == nil { errors.append(body.date == nil ? .required("date") : .invalidFormat("date", expected: "YYYY-MM-DD", expectedZH: "YYYY-MM-DD")) }
        if body.reason?.isEmpty ?? true { errors.append(.required("reason")) }
        guard errors.isEmpty, let office, let date else { throw Problem.invalid(errors) }
        try await workers.transfer(principal, id: id, to: office, on: date, reason: body.reason ?? "")
        return .noContent
    }

    struct ImportReportDTO: ResponseEncodable {
        let rows: Int
        let imported: Int
        let errors: [WorkerImport.RowError]
    }

    @Sendable func importCSV(_ request: Request, context: UnionRequestContext) async throws -> EditedResponse<ImportReportDTO> {
        let principal = try context.requirePrincipal()
        try Policy.require(principal, .writeBranchData)
        var query = QueryReader(request)
        let skipInvalid = query.bool("skip_invalid") ?? false
        try query.finish()
        let office = try Self.targetOffice(query.text("office_id"), principal: principal)
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024 * 1024)
        let report = try await importer.run(principal, office: office, csv: String(decoding: body.readableBytesView, as: UTF8.self),
                                            skipInvalid: skipInvalid)
        let status: HTTPResponse.Status = report.errors.isEmpty || skipInvalid ? .ok : .unprocessableContent
        return EditedResponse(status: status, response: ImportReportDTO(rows: report.rows, imported: report.imported, errors: report.errors))
    }

    @Sendable func exportCSV(_ request: Request, context: UnionRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var query = QueryReader(request)
        let office: Office.ID? = query.id("office_id")
        try query.finish()
        let csv = try await workers.exportCSV(principal, office: office)
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"workers.csv\""],
                        body: .init(byteBuffer: ByteBuffer(string: csv)))
    }
}
