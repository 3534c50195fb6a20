import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import UnionDomain

/// Gives every request an `X-Request-Id` (the caller's, if it is a sane token, else a new one
/// from `RequestIDs`), tags the request's logger with it, echoes it on the response, and writes
/// one access log line. The line has the method, the path without its query (a query may carry an ID
/// number), the status and the duration: never headers, tokens or bodies.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    static var headerName: HTTPField.Name { LogKeys.requestIDHeader }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let incoming = request.headers.firstValue(Self.headerName)
        let id = incoming.flatMap { Self.isSane($0) ? $0 : nil } ?? RequestIDs.next()
        var context = context
        context.logger[metadataKey: LogKeys.requestID] = .string(id)
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // Errors outside /api/v1 (no problem middleware there) still get a status and an id.
            response = try Problem.from(error, logger: context.logger).response(from: request, context: context)
        }
        response.headers[Self.headerName] = id
        let elapsed = ContinuousClock.now - start
        context.logger.info("request", metadata: [
            LogKeys.method: .string(request.method.rawValue),
            LogKeys.path: .string(request.uri.path),
            LogKeys.status: .stringConvertible(response.status.code),
            LogKeys.durationMS: .stringConvertible(Double(elapsed.components.attoseconds / 1_000_000_000_000) / 1000
                + Double(elapsed.components.seconds) * 1000),
        ])
        return response
    }

    static func isSane(_ value: String) -> Bool {
        (1...64).contains(value.count) && value.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }
}

/// Log metadata keys, in one place.
enum LogKeys {
    /// The header that carries the request id (a constant, so the unwrap can't fail).
    static let requestIDHeader = HTTPField.Name("X-Request-Id")!
    static let requestID = "unionhall.request_id"
    static let userID = "unionhall.user_id"
    static let officeID = "unionhall.office_id"
    static let role = "unionhall.role"
    static let method = "http.method"
    static let path = "http.path"
    static let status = "http.status"
    static let durationMS = "http.duration_ms"
}
