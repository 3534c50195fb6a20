import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SnakeCase
import UnionDomain

extension Request {
    /// Decodes a JSON body, turning every way it can be wrong into a 422 with per-field errors
    /// (bad input is the client's mistake, never a 500): malformed JSON, wrong types, fields
    /// the operation doesn't accept (the OpenAPI document is their one list), and NUL
    /// characters, which libpq would cut the text at.
    mutating func decodeJSON<T: Decodable>(_ type: T.Type, context: some RequestContext) async throws -> T {
        let buffer = try await collectBody(upTo: context.maxUploadSize)
        let data = Data(buffer.readableBytesView)
        let contract = context.endpointPath.flatMap { APIContract.shared.body(method: method.rawValue, routePath: $0) }
        let bodyErrors = JSONBodyCheck.errors(in: data, contract: contract)
        guard bodyErrors.isEmpty else { throw Problem.invalid(bodyErrors) }
        do {
            return try APIRequestDecoder.json.decode(T.self, from: data)
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

/// Checks a JSON body against what the contract says of it: only accepted top-level fields,
/// amounts as strings, and no NUL anywhere in its text. Malformed JSON passes here untouched:
/// the decoder then says what is wrong with it.
enum JSONBodyCheck {
    static func errors(in data: Data, contract: APIContract.Body?) -> [FieldError] {
        guard let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return [] }
        var errors: [FieldError] = []
        if let contract, let object = json as? [String: Any] {
            for key in object.keys.sorted() {
                if !contract.fields.contains(key) {
                    errors.append(FieldError(field: key, code: "unknown_field", message: "is not a field of this request",
                                             messageZH: "不是此请求的字段"))
                } else if contract.amounts.contains(key), let value = object[key], !(value is String), !(value is NSNull) {
                    errors.append(FieldError(field: key, code: "amount_not_text",
                                             message: #"must be a string like "28800.00": amounts are sent as text, never as JSON numbers"#,
                                             messageZH: #"金额须为字符串，如 "28800.00"（不能用JSON数字）"#))
                }
            }
        }
        findNUL(in: json, path: "", errors: &errors)
        return errors
    }

    private static func findNUL(in value: Any, path: String, errors: inout [FieldError]) {
        switch value {
        case let text as String:
            if text.utf8.contains(0) { errors.append(.nulCharacter(path.isEmpty ? "body" : path)) }
        case let object as [String: Any]:
            for (key, child) in object.sorted(by: { $0.key < $1.key }) {
                if key.utf8.contains(0) { errors.append(.nulCharacter(path.isEmpty ? "body" : path)) }
                findNUL(in: child, path: path.isEmpty ? key : "\(path).\(key)", errors: &errors)
            }
        case let array as [Any]:
            for (index, child) in array.enumerated() { findNUL(in: child, path: "\(path)[\(index)]", errors: &errors) }
        default:
            break
        }
    }
}

extension FieldError {
    /// Text with a NUL character: PostgreSQL's text can't hold one, and libpq would silently cut
    /// the value at it.
    static func nulCharacter(_ field: String) -> FieldError {
        FieldError(field: field, code: "nul_character", message: "must not contain a NUL character", messageZH: "不能包含空字符(NUL)")
    }
}
