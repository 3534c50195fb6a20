import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import UnionDomain
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | POST | /api/v1/workers | branch_officer, area_admin | 201, 401, 403, 404 (office outside scope), 409 (ID or member card number registered), 422 (incl. office_id not a branch) |
/// | GET | /api/v1/workers | any role | 200 (keyset page), 401, 422 |
/// | GET | /api/v1/workers/{id} | any role | 200, 401, 404 |
/// | PATCH | /api/v1/workers/{id} | branch_officer, area_admin | 200, 401, 403, 404, 409, 422 |
/// | POST | /api/v1/workers/{id}/transfer | branch_officer, area_admin | 204, 401, 403, 404, 422 |
/// | GET | /api/v1/workers/{id}/transfers | any role | 200 (moves the caller may see), 401, 404 |
/// | POST | /api/v1/workers/import | branch_officer, area_admin | 200 (report), 401, 403, 404, 422 (problem+json: bad file, or bad rows with their lines; nothing written) |
/// | GET | /api/v1/workers.csv | any role | 200 text/csv, 401, 422 |
///
/// ID numbers are masked for auditors and branch viewers, and never logged.
struct WorkerController {
    let workers: WorkerStore
    let importer: WorkerImport

    func addRoutes(to routes: RouterGroup<AuthenticatedContext>) {
        routes.post("workers", use: create)
        routes.get("workers", use: list)
        routes.get("workers/:id", use: get)
        routes.patch("workers/:id", use: update)
        routes.post("workers/:id/transfer", use: transfer)
        routes.get("workers/:id/transfers", use: transfers)
        routes.post("workers/import", use: importCSV)
        routes.get("workers.csv", use: exportCSV)
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

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Created<WorkerDTO> {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        var request = request
        let body = try await request.decodeJSON(CreateRequest.self, context: context)
        let office = try Self.targetOffice(body.officeId, principal: principal)
        let fields = try WorkerFields(body.worker)
        let worker = try await workers.create(principal, office: office, fields)
        return Created(body: WorkerDTO(worker, for: principal), location: "/api/v1/workers/\(worker.id)")
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> WorkerDTO {
        let principal = context.principal
        return WorkerDTO(try await workers.get(principal, id: try context.parameters.requireID()), for: principal)
    }

    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> WorkerDTO {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        let id: Worker.ID = try context.parameters.requireID()
        var request = request
        let patch = try await request.decodeJSON(WorkerPatch.self, context: context)
        return WorkerDTO(try await workers.update(principal, id: id, patch), for: principal)
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> ListDTO<WorkerDTO> {
        let principal = context.principal
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

    /// The destination by id (`to_office`) or by code (`to_office_code`, what a branch officer
    /// knows of another branch): exactly one of them.
    struct TransferRequest: Decodable {
        let toOffice: String?
        let toOfficeCode: String?
        let date: String?
        let reason: String?
    }

    @Sendable func transfer(_ request: Request, context: AuthenticatedContext) async throws -> HTTPResponse.Status {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        let id: Worker.ID = try context.parameters.requireID()
        var request = request
        let body = try await request.decodeJSON(TransferRequest.self, context: context)
        var errors: [FieldError] = []
        var target: TransferTarget?
        switch (body.toOffice, body.toOfficeCode) {
        case (nil, nil):
            errors.append(.required("to_office"))
        case (let text?, nil):
            if let office = Office.ID(uuidString: text) { target = .office(office) }
            else { errors.append(.invalidFormat("to_office", expected: "a UUID", expectedZH: "UUID")) }
        case (nil, let code?):
            if code.isEmpty { errors.append(.required("to_office_code")) } else { target = .code(code) }
        case (.some, .some):
            errors.append(FieldError(field: "to_office_code", code: "conflicting", message: "give to_office or to_office_code, not both",
                                     messageZH: "to_office 与 to_office_code 只能填一个"))
        }
        let date = body.date.flatMap(CalendarDate.init(input:))
        if date == nil { errors.append(body.date == nil ? .required("date") : .invalidFormat("date", expected: "YYYY-MM-DD", expectedZH: "YYYY-MM-DD")) }
        if body.reason?.isEmpty ?? true { errors.append(.required("reason")) }
        guard errors.isEmpty, let target, let date else { throw Problem.invalid(errors) }
        try await workers.transfer(principal, id: id, to: target, on: date, reason: body.reason ?? "")
        return .noContent
    }

    @Sendable func transfers(_ request: Request, context: AuthenticatedContext) async throws -> ListDTO<WorkerTransferDTO> {
        let history = try await workers.transfers(context.principal, id: try context.parameters.requireID())
        return ListDTO(items: history.map(WorkerTransferDTO.init), next: nil)
    }

    struct ImportReportDTO: ResponseEncodable {
        let rows: Int
        let imported: Int
        /// With `skip_invalid`, the rows left out and why.
        let errors: [WorkerImport.RowError]
        /// What was converted on the way in (a 15-digit ID number made 18), by line.
        let notices: [WorkerImport.RowError]
        /// How the file was read: UTF-8, GB18030 (Excel's CSV on a Chinese Windows) or UTF-16.
        let encoding: String
    }

    /// The `charset` of `Content-Type`, when the sender named one.
    static func declaredEncoding(_ request: Request) throws -> RosterText.Encoding? {
        guard let contentType = request.headers[.contentType] else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "charset" else { continue }
            let name = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            guard let encoding = RosterText.Encoding(name: name) else {
                throw Problem.invalid([.unknownValue("charset", allowed: ["utf-8", "gbk", "gb18030", "utf-16"])])
            }
            return encoding
        }
        return nil
    }

    /// Parsing and validating a file of up to 64 MiB takes a while: it runs on a thread of its
    /// own (inside `WorkerImport`), so the event loop keeps serving the other connections.
    @Sendable func importCSV(_ request: Request, context: AuthenticatedContext) async throws -> ImportReportDTO {
        let principal = context.principal
        try Policy.require(principal, .writeBranchData)
        var query = QueryReader(request)
        let skipInvalid = query.bool("skip_invalid") ?? false
        let officeText = query.text("office_id")
        try query.finish()
        let office = try Self.targetOffice(officeText, principal: principal)
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024 * 1024)
        let report = try await importer.run(principal, office: office, csv: Array(body.readableBytesView),
                                            encoding: try Self.declaredEncoding(request), skipInvalid: skipInvalid)
        if !report.errors.isEmpty && !skipInvalid {
            throw Problem.invalidRows(report.errors.map { ($0.line, FieldError(field: $0.field, code: "invalid_row", message: $0.message,
                                                                                messageZH: $0.messageZH)) }, total: report.rows)
        }
        return ImportReportDTO(rows: report.rows, imported: report.imported, errors: report.errors, notices: report.notices,
                               encoding: report.encoding.rawValue)
    }

    @Sendable func exportCSV(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let principal = context.principal
        var query = QueryReader(request)
        let office: Office.ID? = query.id("office_id")
        let headers = query.enumeration("headers", as: WorkerCSV.Headers.self) ?? .en
        try query.finish()
        let csv = try await workers.exportCSV(principal, office: office, headers: headers)
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"workers.csv\""],
                        body: .init(byteBuffer: ByteBuffer(string: csv)))
    }
}
