import Hummingbird
import NIOCore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | GET | /openapi.yaml | anyone | 200 application/yaml |
struct OpenAPIController {
    func addRoutes(to router: Router<UnionRequestContext>) {
        router.get("/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.bytes)))
        }
    }
}
