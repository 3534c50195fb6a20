/// The API contract, `openapi.yaml` beside this file, compiled into the binary (SwiftPM's
/// `embedInCode`) so a deployment can't lose it. Tests validate every response they receive
/// against it, so the document can't drift from what the server answers.
enum OpenAPIDocument {
    static let bytes: [UInt8] = PackageResources.openapi_yaml
    static var yaml: String { String(decoding: bytes, as: UTF8.self) }
}
