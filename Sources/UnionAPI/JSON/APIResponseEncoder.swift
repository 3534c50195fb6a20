import HTTPTypes
import Hummingbird
import NIOCore

/// Every JSON response body of the API goes through here (`UnionRequestContext.responseEncoder`
/// and problem documents): snake_case keys, ISO 8601 dates, written by `StreamingJSONEncoder`.
struct APIResponseEncoder: ResponseEncoder {
    func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        try Self.response(value, status: .ok, contentType: "application/json; charset=utf-8")
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status, contentType: String,
                         headers extra: HTTPFields = [:]) throws -> Response {
        let bytes = try StreamingJSONEncoder().encode(value)
        var headers = HTTPFields()
        headers.reserveCapacity(2 + extra.count)
        headers.append(HTTPField(name: .contentType, value: contentType))
        headers.append(HTTPField(name: .contentLength, value: String(bytes.count)))
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
