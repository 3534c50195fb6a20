import Foundation
import Testing
@testable import UnionAPI

@Suite("OpenAPI document")
struct OpenAPITests {
    /// Every route the server serves is described, with its method.
    @Test func everyRouteIsDocumented() {
        let lines = OpenAPIDocument.yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var documented: Set<String> = []
        var currentPath: String?
        for line in lines {
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                currentPath = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("components:") {
                currentPath = nil
            } else if let path = currentPath, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast().uppercased()
                documented.insert("\(method) \(path)")
            }
        }
        let served = Set(apiEndpoints().map { "\($0.method) \($0.path)" })
        #expect(served.count >= 12)
        #expect(served.subtracting(documented).isEmpty, "undocumented: \(served.subtracting(documented).sorted())")
        #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served).sorted())")
    }
}
