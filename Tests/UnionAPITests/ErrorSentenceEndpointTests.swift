import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import UnionDomain
import UnionStore
import UnionTestSupport

/// Through the router: a PATCH that leaves the whole invalid is a 422 that writes nothing, and a
/// database refusal reads as a sentence in the caller's language.
@Suite("Error sentences and PATCH through the API")
struct ErrorSentenceEndpointTests {
    @Test func aPatchThatBreaksTheWholeIs422AndWritesNothing() async throws {
        try await withAPI { federation, client in
            let id = try await WorkerEndpointTests.register(client, federation.tokens["officer_a"], serial: 11)
            let uri = "/api/v1/workers/\(id)"
            // The stored number is a woman's; "male" contradicts it, and the occupation sent with it is not written.
            let refused = try await client.call(.patch, uri, token: federation.tokens["officer_a"], body: #"{"sex": "male", "occupation": "司机"}"#)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.fieldErrors == ["sex"])
            let after = try await client.call(.get, uri, token: federation.tokens["officer_a"])
            #expect(after.object["occupation"] == nil || after.object["occupation"] is NSNull)
            #expect(after.object["sex"] as? String == "female")
        }
    }

    @Test func aDuplicateOfficeCodeIsASentenceWithoutTheConstraintsName() async throws {
        try await withAPI { federation, client in
            let body = #"{"code": "zhangjiawan", "name": "张家湾村工会", "parent_id": "\#(federation.area.id)"}"#
            #expect(try await client.call(.post, "/api/v1/offices", token: federation.tokens["admin"], body: body).status == .created)
            let english = try await client.call(.post, "/api/v1/offices", token: federation.tokens["admin"], body: body)
            #expect(english.status == .conflict)
            #expect(english.problemCode == "duplicate_office_code")
            #expect(english.object["detail"] as? String == "Office code zhangjiawan is taken.")
            let chinese = try await client.call(.post, "/api/v1/offices", token: federation.tokens["admin"], body: body,
                                                headers: [.acceptLanguage: "zh-CN"])
            #expect(chinese.object["detail"] as? String == "工会代码 zhangjiawan 已被使用。")
            for reply in [english, chinese] {
                let text = String(describing: reply.json ?? "")
                #expect(!text.contains("offices_code_key"))
            }
        }
    }
}
