import Foundation
import Yams

/// What the OpenAPI document says each operation accepts, read once from the embedded
/// document. The document is the one list of a request's fields: a JSON body with a field it
/// doesn't name is refused (422 naming the field) instead of being silently ignored, so a
/// misspelt `membership_staus` can't look like a successful PATCH.
struct APIContract: Sendable {
    /// What an operation's JSON request body may carry, by `METHOD /path/{param}`.
    struct Body: Sendable {
        /// Its property names.
        let fields: Set<String>
        /// Those that are amounts (`Money`): sent as strings, so a JSON number gets a message of its own.
        let amounts: Set<String>
    }

    private let bodies: [String: Body]

    static let shared = APIContract(yaml: OpenAPIDocument.yaml)

    init(yaml: String) {
        guard let document = (try? Yams.load(yaml: yaml)) as? [String: Any] else {
            preconditionFailure("the embedded OpenAPI document does not parse")
        }
        let schemas = OpenAPISchemas(document: document)
        var bodies: [String: Body] = [:]
        for (path, item) in document["paths"] as? [String: Any] ?? [:] {
            for (method, operation) in item as? [String: Any] ?? [:] {
                guard let operation = operation as? [String: Any],
                      let body = operation["requestBody"] as? [String: Any],
                      let content = body["content"] as? [String: Any],
                      let json = content["application/json"] as? [String: Any],
                      let schema = json["schema"]
                else { continue }
                let properties = schemas.properties(of: schema)
                bodies["\(method.uppercased()) \(path)"] = Body(
                    fields: Set(properties.keys),
                    amounts: Set(properties.filter { ($0.value as? [String: Any])?["$ref"] as? String == "#/components/schemas/Money" }.keys))
            }
        }
        self.bodies = bodies
    }

    /// What the JSON body of `method` at `routePath` may carry, or nil when the document has no
    /// JSON body for it (then nothing is checked).
    func body(method: String, routePath: String) -> Body? {
        bodies["\(method) \(RoutePath.openAPI(routePath))"]
    }

    func acceptedFields(method: String, routePath: String) -> Set<String>? {
        body(method: method, routePath: routePath)?.fields
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

    /// The properties of an object schema, its `allOf` parts' included.
    func properties(of schema: Any) -> [String: Any] {
        let schema = resolve(schema)
        var properties = schema["properties"] as? [String: Any] ?? [:]
        for part in schema["allOf"] as? [Any] ?? [] { properties.merge(self.properties(of: part)) { first, _ in first } }
        return properties
    }
}
