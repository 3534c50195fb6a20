import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import UnionDomain
import UnionStore

/// | method | path | roles | statuses |
/// |---|---|---|---|
/// | GET | /healthz | anyone | 200 while the process serves |
/// | GET | /readyz | anyone | 200 when the database answers, 503 otherwise or once shutdown began |
///
/// Orchestrators poll these without a token, so neither says more than up or down. `/readyz`
/// turns 503 first thing on SIGTERM (see `Readiness`), while the server still serves.
struct HealthController<Context: RequestContext> {
    let database: Database
    let readiness: Readiness

    func addRoutes(to router: Router<Context>) {
        router.get("/healthz") { _, _ in
            HealthStatus(status: "ok")
        }
        router.get("/readyz") { _, _ -> EditedResponse<HealthStatus> in
            if readiness.isWithdrawn {
                return EditedResponse(status: .serviceUnavailable, response: HealthStatus(status: "shutting down"))
            }
            if await database.isReachable() {
                return EditedResponse(status: .ok, response: HealthStatus(status: "ok"))
            }
            return EditedResponse(status: .serviceUnavailable, response: HealthStatus(status: "database unreachable"))
        }
    }
}

struct HealthStatus: ResponseEncodable {
    let status: String
}
