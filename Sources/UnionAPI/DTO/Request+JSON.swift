import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PQ
import UnionDomain

extension Request {
    /// Decodes a JSON body, turning every way it can be wrong into a 422 with per-field errors
    /// (bad input is the client's mistake, never a 500).
    mutating func decodeJSON<T: Decodable>(_ type: T.Type, context: UnionRequestContext) async throws -> T {
        let buffer = try await collectBody(upTo: context.maxUploadSize)
        let data = Data(buffer.readableBytesView)
        do {
            return try context.requestDecoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw Problem.invalid([Self.fieldError(error)])
        }
    }

    static func fieldError(_ error: DecodingError) -> FieldError {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { key in key.intValue.map { "[\($0)]" } ?? SnakeCase.convert(key.stringValue) }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .required(path(context.codingPath + [key]))
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let field = path(context.codingPath)
            return field.isEmpty
                ? FieldError(field: "body", code: "malformed_json", message: "must be a JSON object", messageZH: "必须是JSON对象")
                : FieldError(field: field, code: "invalid_type", message: "has the wrong type", messageZH: "类型错误")
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            return field.isEmpty
                ? FieldError(field: "body", code: "malformed_json", message: "is not valid JSON", messageZH: "不是有效的JSON")
                : FieldError(field: field, code: "invalid_value", message: "has an invalid value", messageZH: "取值无效")
        @unknown default:
            return FieldError(field: "body", code: "malformed_json", message: "is not valid JSON", messageZH: "不是有效的JSON")
        }
    }
}
