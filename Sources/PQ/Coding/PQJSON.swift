import Foundation

/// A `jsonb` value holding any `Codable` Swift value.
package struct PQJSON<Value: Codable & Sendable>: Sendable {
    package var value: Value
    package init(_ value: Value) { self.value = value }
}

extension PQJSON: Equatable where Value: Equatable {}

extension PQJSON: PQCodable {
    package static var pqType: PQType { .jsonb }

    package var pqBindValue: PQBindValue? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a Codable value to JSON fails only for non-finite floats; bind NULL-free
        // text "null" rather than crash, and let the column's constraints decide.
        guard let data = try? encoder.encode(value) else { return .text("null") }
        return .text(String(decoding: data, as: UTF8.self))
    }

    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> PQJSON<Value> {
        guard type == .jsonb || type == .json || type.isTextual else { throw .typeMismatch }
        do {
            return PQJSON(try JSONDecoder().decode(Value.self, from: Data(text)))
        } catch {
            throw PQValueError("JSON does not match \(Value.self)")
        }
    }
}

extension PQJSON: Codable {
    package init(from decoder: any Decoder) throws {
        value = try Value(from: decoder)
    }

    package func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}
