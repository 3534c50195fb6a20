import Foundation
import Yams
@testable import UnionAPI

/// Holds every response a test receives to the OpenAPI document: the status must be documented
/// for the operation, the content type must be one the document names, and a JSON body must
/// match its schema (types, required keys, no undocumented keys, enums, formats, patterns).
/// `TestClientProtocol.call` runs it on every reply, so the whole suite checks the contract.
struct ResponseContract: Sendable {
    nonisolated(unsafe) private let document: [String: Any]
    private let paths: [(template: String, segments: [Substring])]

    static let shared = ResponseContract()

    private init() {
        guard let document = (try? Yams.load(yaml: OpenAPIDocument.yaml)) as? [String: Any] else {
            preconditionFailure("the OpenAPI document does not parse")
        }
        self.document = document
        paths = (document["paths"] as? [String: Any] ?? [:]).keys.map { ($0, $0.split(separator: "/")) }
    }

    /// The documented path a concrete request path matches; constant segments win over `{params}`.
    func template(for path: String) -> String? {
        let segments = path.split(separator: "/")
        let matches = paths.filter { candidate in
            candidate.segments.count == segments.count && zip(candidate.segments, segments).allSatisfy { pattern, segment in
                pattern.hasPrefix("{") || pattern == segment
            }
        }
        return matches.max { $0.segments.filter { !$0.hasPrefix("{") }.count < $1.segments.filter { !$0.hasPrefix("{") }.count }?.template
    }

    var operations: [(method: String, path: String)] {
        (document["paths"] as? [String: Any] ?? [:]).flatMap { path, item in
            (item as? [String: Any] ?? [:]).keys.map { (method: $0.uppercased(), path: path) }
        }
    }

    /// What is wrong with one response, as sentences; empty when it keeps the contract.
    /// `headers` by lower-cased name.
    func violations(method: String, path: String, status: Int, headers: [String: String], body: Data) -> [String] {
        let place = "\(method) \(path) → \(status)"
        let contentType = headers["content-type"]
        if status == 405 {
            // Any path: the router's answer to a method it doesn't serve there.
            var problems = headers["allow"] == nil ? ["\(place): 405 without Allow"] : []
            problems += checkBody(place: place, response: resolve(["$ref": "#/components/responses/MethodNotAllowed"]),
                                  contentType: contentType, body: body)
            return problems
        }
        guard let template = template(for: path) else { return status == 404 ? [] : ["\(place): path not in the document"] }
        guard let operation = (document["paths"] as? [String: Any])?[template].flatMap({ $0 as? [String: Any] })?[method.lowercased()] as? [String: Any]
        else { return ["\(place): method not documented for \(template)"] }
        let responses = operation["responses"] as? [String: Any] ?? [:]
        guard let response = responses[String(status)] ?? responses["default"] else {
            return ["\(place): status \(status) not documented for \(method) \(template)"]
        }
        let documented = resolve(response)
        let missingHeaders = (documented["headers"] as? [String: Any] ?? [:]).keys
            .filter { headers[$0.lowercased()] == nil }.sorted().map { "\(place): documented header \($0) missing" }
        return missingHeaders + checkBody(place: place, response: documented, contentType: contentType, body: body)
    }

    private func checkBody(place: String, response: [String: Any], contentType: String?, body: Data) -> [String] {
        guard let content = response["content"] as? [String: Any] else {
            return body.isEmpty ? [] : ["\(place): documented without a body, answered \(body.count) bytes"]
        }
        let mediaType = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard let media = content[mediaType] as? [String: Any] else {
            return ["\(place): content type \(mediaType) not documented (\(content.keys.sorted()))"]
        }
        guard mediaType.hasSuffix("json"), let schema = media["schema"] else { return [] }
        // Through Yams rather than JSONSerialization: JSON is YAML, and Yams keeps booleans,
        // integers and decimals apart on every platform.
        guard let json = try? Yams.load(yaml: String(decoding: body, as: UTF8.self)) else {
            return ["\(place): body is not JSON"]
        }
        var problems: [String] = []
        validate(json, against: schema, at: "$", problems: &problems)
        return problems.map { "\(place): \($0)" }
    }

    func resolve(_ node: Any) -> [String: Any] {
        guard let node = node as? [String: Any] else { return [:] }
        guard let ref = node["$ref"] as? String else { return node }
        var current: Any = document
        for part in ref.dropFirst(2).split(separator: "/") { current = (current as? [String: Any])?[String(part)] ?? [:] }
        return resolve(current)
    }

    // MARK: JSON Schema (the subset the document uses)

    func validate(_ value: Any, against schemaNode: Any, at path: String, problems: inout [String]) {
        let schema = resolve(schemaNode)
        if let parts = schema["allOf"] as? [Any] {
            // Objects made of parts: check each part's rules, and undocumented keys against all of them.
            var known: Set<String> = []
            for part in parts {
                let resolved = resolve(part)
                known.formUnion((resolved["properties"] as? [String: Any] ?? [:]).keys)
                var partial = resolved
                partial["additionalProperties"] = true
                validate(value, against: partial, at: path, problems: &problems)
            }
            if let object = value as? [String: Any] {
                for key in object.keys.sorted() where !known.contains(key) { problems.append("\(path).\(key) is not documented") }
            }
            return
        }
        if let options = schema["oneOf"] as? [Any] ?? schema["anyOf"] as? [Any] {
            let passing = options.filter { option in
                var scratch: [String] = []
                validate(value, against: option, at: path, problems: &scratch)
                return scratch.isEmpty
            }
            if passing.isEmpty { problems.append("\(path) matches none of the allowed shapes") }
            return
        }
        let types: [String] = (schema["type"] as? String).map { [$0] } ?? (schema["type"] as? [String]) ?? []
        if !types.isEmpty, !types.contains(where: { Self.isOfType(value, $0) }) {
            problems.append("\(path) is \(Self.typeName(value)), documented as \(types.joined(separator: "|"))")
            return
        }
        if let allowed = schema["enum"] as? [Any], !(value is NSNull) {
            let text = "\(value)"
            if !allowed.contains(where: { "\($0)" == text }) { problems.append("\(path) = \(text) is not one of \(allowed)") }
        }
        switch value {
        case let object as [String: Any]:
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                problems.append("\(path).\(key) is required but missing")
            }
            for (key, child) in object.sorted(by: { $0.key < $1.key }) {
                if let property = properties[key] {
                    validate(child, against: property, at: "\(path).\(key)", problems: &problems)
                } else if let extra = schema["additionalProperties"] {
                    if extra as? Bool == false { problems.append("\(path).\(key) is not documented") }
                    else if extra is [String: Any] { validate(child, against: extra, at: "\(path).\(key)", problems: &problems) }
                } else if !properties.isEmpty {
                    problems.append("\(path).\(key) is not documented")
                }
            }
        case let array as [Any]:
            if let items = schema["items"] {
                for (index, child) in array.enumerated() { validate(child, against: items, at: "\(path)[\(index)]", problems: &problems) }
            }
        case let text as String:
            if let format = schema["format"] as? String, !Self.matches(text, format: format) {
                problems.append("\(path) = \(text) is not a \(format)")
            }
            if let pattern = schema["pattern"] as? String, text.range(of: pattern, options: .regularExpression) == nil {
                problems.append("\(path) = \(text) does not match \(pattern)")
            }
            if let max = schema["maxLength"] as? Int, text.count > max { problems.append("\(path) is longer than \(max)") }
            if let min = schema["minLength"] as? Int, text.count < min { problems.append("\(path) is shorter than \(min)") }
        default:
            break
        }
    }

    static func isOfType(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return value is Bool
        case "integer": return value is Int
        case "number": return value is Int || value is Double
        default: return false
        }
    }

    static func typeName(_ value: Any) -> String {
        for type in ["null", "boolean", "integer", "number", "string", "array", "object"] where isOfType(value, type) { return type }
        return "\(type(of: value))"
    }

    static func matches(_ text: String, format: String) -> Bool {
        switch format {
        case "uuid": return UUID(uuidString: text) != nil && text == text.lowercased()
        case "date": return text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil
        case "date-time": return ISO8601DateFormatter().date(from: text) != nil
            || text.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"#, options: .regularExpression) != nil
        default: return true
        }
    }
}
