import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import UnionStore

/// `Idempotency-Key` on the POSTs that move money: the key and the request it came with, and
/// the answer given back, fresh or stored, byte for byte the same.
enum IdempotentRequest {
    static let header = HTTPField.Name("Idempotency-Key")

    /// The key, if the client sent one, with the request's method, path and body: what a
    /// retry must repeat exactly to be answered from the store.
    static func key(_ request: inout Request, context: some RequestContext) async throws -> IdempotencyKey? {
        guard let header, let key = request.headers.firstValue(header) else { return nil }
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        return IdempotencyKey(key: key, request: "\(request.method.rawValue) \(request.uri.path)\n" + String(buffer: body))
    }

    /// Encodes an answer once, as the response and as what is stored for retries.
    static func render(_ value: some Encodable, status: HTTPResponse.Status, location: String? = nil) throws -> StoredResponse {
        let bytes = try StreamingJSONEncoder().encode(value)
        return StoredResponse(status: Int(status.code), location: location, body: String(decoding: bytes, as: UTF8.self))
    }
}

/// A stored (or just stored) answer sent as it was first given.
struct StoredAnswer: ResponseGenerator {
    let stored: StoredResponse

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if let location = stored.location { headers[.location] = location }
        let buffer = ByteBuffer(string: stored.body)
        headers[.contentLength] = String(buffer.readableBytes)
        return Response(status: HTTPResponse.Status(code: stored.status), headers: headers, body: .init(byteBuffer: buffer))
    }

    static func from<Value>(_ outcome: Idempotent<Value>, fresh: (Value) throws -> StoredResponse) throws -> StoredAnswer {
        switch outcome {
        case .done(let value, let stored): StoredAnswer(stored: try stored ?? fresh(value))
        case .replayed(let stored): StoredAnswer(stored: stored)
        }
    }
}
