import Foundation
import Testing
import Yams
@testable import UnionAPI

@Suite("OpenAPI document")
struct OpenAPITests {
    /// Every route the server serves is described, with its method, and nothing more.
    @Test func everyRouteIsDocumented() async {
        let documented = Set(ResponseContract.shared.operations.map { "\($0.method) \($0.path)" })
        let served = Set(await apiEndpoints().map { "\($0.method) \($0.path)" })
        #expect(served.count >= 30)
        #expect(served.subtracting(documented).isEmpty, "undocumented: \(served.subtracting(documented).sorted())")
        #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served).sorted())")
    }

    /// The server takes the fields a JSON body may carry from the document: every JSON request
    /// body is an object with named properties.
    @Test func everyJSONRequestBodyNamesItsFields() {
        for operation in ResponseContract.shared.operations {
            guard let fields = APIContract.shared.acceptedFields(method: operation.method, routePath: operation.path) else { continue }
            #expect(!fields.isEmpty, "\(operation.method) \(operation.path)")
        }
        #expect(APIContract.shared.acceptedFields(method: "PATCH", routePath: "/api/v1/workers/:id")?.contains("membership_status") == true)
        #expect(APIContract.shared.acceptedFields(method: "POST", routePath: "/api/v1/workers")?.contains("office_id") == true)
    }

    /// The validator itself catches what it must, so a passing suite means something.
    @Test func theValidatorCatchesDrift() {
        let contract = ResponseContract.shared
        func check(_ status: Int, _ body: String, path: String = "/api/v1/offices/\(UUID().uuidString.lowercased())",
                   type: String = "application/json") -> [String] {
            contract.violations(method: "GET", path: path, status: status, headers: ["content-type": type], body: Data(body.utf8))
        }
        let office = #"{"id": "\#(UUID().uuidString.lowercased())", "code": "a1", "name": "x", "kind": "branch", "active": true}"#
        #expect(check(200, office).isEmpty)
        #expect(!check(200, #"{"id": "x", "code": "a1", "name": "x", "kind": "branch", "active": true}"#).isEmpty)  // format
        #expect(!check(200, #"{"code": "a1", "name": "x", "kind": "branch", "active": true}"#).isEmpty)  // required
        #expect(!check(200, office.dropLast() + #", "extra": 1}"#).isEmpty)  // undocumented key
        #expect(!check(200, office.replacingOccurrences(of: "branch", with: "village")).isEmpty)  // enum
        #expect(!check(200, office.replacingOccurrences(of: "true", with: "1")).isEmpty)  // type
        #expect(!check(409, #"{"type": "t", "title": "t", "status": 409, "code": "c", "detail": "d"}"#, type: "application/problem+json").isEmpty)
        #expect(!check(404, office).isEmpty)  // a problem must be problem+json
        #expect(check(404, #"{"type": "t", "title": "t", "status": 404, "code": "c", "detail": "d"}"#, type: "application/problem+json").isEmpty)
        // A 201 without its documented Location.
        #expect(!contract.violations(method: "POST", path: "/api/v1/offices", status: 201, headers: ["content-type": "application/json"],
                                     body: Data(office.utf8)).isEmpty)
    }
}
