import Foundation
import Hummingbird
import UnionDomain

/// Reading query parameters, collecting every bad one as a field error.
struct QueryReader {
    let parameters: Parameters
    private(set) var errors: [FieldError] = []

    /// A NUL in any parameter is refused up front: libpq would cut the text at it, and an empty
    /// `name` filter matches everyone.
    init(_ request: Request) {
        parameters = request.uri.queryParameters
        for (name, value) in parameters where value.utf8.contains(0) || name.utf8.contains(0) {
            errors.append(.nulCharacter(String(name).replacingOccurrences(of: "\0", with: "")))
        }
    }

    func text(_ name: String) -> String? {
        guard let value = parameters.get(name), !value.isEmpty else { return nil }
        return value
    }

    mutating func id<Tag>(_ name: String, as: Identifier<Tag>.Type = Identifier<Tag>.self) -> Identifier<Tag>? {
        guard let text = text(name) else { return nil }
        guard let id = Identifier<Tag>(uuidString: text) else {
            errors.append(.invalidFormat(name, expected: "a UUID", expectedZH: "UUID"))
            return nil
        }
        return id
    }

    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ name: String, as: E.Type) -> E? where E.RawValue == String {
        guard let text = text(name) else { return nil }
        guard let value = E(rawValue: text) else {
            errors.append(.unknownValue(name, allowed: E.allCases.map(\.rawValue)))
            return nil
        }
        return value
    }

    mutating func bool(_ name: String) -> Bool? {
        guard let text = text(name) else { return nil }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default:
            errors.append(.unknownValue(name, allowed: ["true", "false"]))
            return nil
        }
    }

    /// `limit`, 1–200, default 50.
    mutating func limit() -> Int {
        guard let text = text("limit") else { return 50 }
        guard let value = Int(text), (1...200).contains(value) else {
            errors.append(FieldError(field: "limit", code: "out_of_range", message: "must be 1 to 200", messageZH: "须在1到200之间"))
            return 50
        }
        return value
    }

    func finish() throws {
        if !errors.isEmpty { throw Problem.invalid(errors) }
    }
}

extension Parameters {
    /// A path id, or 404: a malformed id names no resource.
    func requireID<Tag>(_ name: String = "id", as: Identifier<Tag>.Type = Identifier<Tag>.self) throws -> Identifier<Tag> {
        guard let text = get(name), let id = Identifier<Tag>(uuidString: text) else { throw Problem.notFound }
        return id
    }
}

/// An optional id in a JSON body: nil when absent, 422 when present but not a UUID.
enum BodyID {
    static func parse<Tag>(_ text: String?, field: String) throws -> Identifier<Tag>? {
        guard let text else { return nil }
        guard let id = Identifier<Tag>(uuidString: text) else {
            throw Problem.invalid([.invalidFormat(field, expected: "a UUID", expectedZH: "UUID")])
        }
        return id
    }
}
