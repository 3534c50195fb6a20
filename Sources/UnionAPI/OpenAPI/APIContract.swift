import Foundation
import Yams

/// What the OpenAPI document says each operation accepts, read once from the embedded
/// document. The document is the one list of a request's fields: a JSON body with a field it
/// doesn't name is refused (422 naming the field) instead of being silently ignored, so a
/// misspelt `membership_staus` can't look like a successful PATCH.
struct APIContract: Sendable {
    /// Property names of each operation's JSON request body, by `METHOD /path/{param}`.
    private let bodyFields: [String: Set<String>]

    static let shared = APIContract(yaml: OpenAPIDocument.yaml)

    init(yaml: String) {
        guard let document = (try? Yams.load(yaml: yaml)) as? [String: Any] else {
            preconditionFailure("the embedded OpenAPI document does not parse")
        }
        let schemas = OpenAPISchemas(document: document)
        var fields: [String: Set<String>] = [:]
        for (path, item) in document["paths"] as? [String: Any] ?? [:] {
            for (method, operation) in item as? [String: Any] ?? [:] {
                guard let operation = operation as? [String: Any],
                      let body = operation["requestBody"] as? [String: Any],
                      let content = body["content"] as? [String: Any],
                      let json = content["application/json"] as? [String: Any],
                      let schema = json["schema"]
                else { continue }
                fields["\(method.uppercased()) \(path)"] = schemas.propertyNames(of: schema)
            }
        }
        bodyFields = fields
    }

    /// The fields the JSON body of `method` at `routePath` may carry, or nil when the document
    /// has no JSON body for it (then nothing is checked).
    func acceptedFields(method: String, routePath: String) -> Set<String>? {
        bodyFields["\(method) \(RoutePath.openAPI(routePath))"]
    }
}

/// `$ref` and `allOf` resolution over the document's `components/schemas`.
struct OpenAPISchemas {
    let document: [String: Any]

    func resolve(_ schema: Any) -> [String: Any] {
        guard let schema = schema as? [String: Any] else { return [:] }
        guard let ref = schema["$ref"] as? String else { return schema }
        var node: Any = document
        for part in ref.dropFirst(2).split(separator: "/") {
            node = (node as? [String: Any])?[String(part)] ?? [:]
        }
        return resolve(node)
    }

    func propertyNames(of schema: Any) -> Set<String> {
        let schema = resolve(schema)
        var names = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
        for part in schema["allOf"] as? [Any] ?? [] { names.formUnion(propertyNames(of: part)) }
        return names
    }
}
