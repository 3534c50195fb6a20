import Hummingbird
import HummingbirdTesting
import Testing
import UnionAPI
import UnionTestSupport

@Suite("Health and readiness")
struct HealthTests {
    @Test func readyWhenTheDatabaseAnswers() async throws {
        try await TestDatabase.with { database in
            let app = buildApplication(configuration: AppConfiguration(databaseURL: database.conninfo(user: "unionhall_app")))
            try await app.test(.router) { client in
                try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
            }
        }
    }

    @Test func notReadyWithoutADatabase() async throws {
        let app = buildApplication(configuration: AppConfiguration(databaseURL: "postgresql://nobody@127.0.0.1:1/none"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .serviceUnavailable) }
        }
    }

    /// The first step of a graceful stop: not ready, while everything else is still served.
    @Test func notReadyOnceShutdownBeganWhileStillServing() async throws {
        try await TestDatabase.with { database in
            let readiness = Readiness()
            let app = buildApplication(configuration: AppConfiguration(databaseURL: database.conninfo(user: "unionhall_app")),
                                       readiness: readiness)
            try await app.test(.router) { client in
                try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
                readiness.withdraw()
                try await client.execute(uri: "/readyz", method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(String(buffer: response.body).contains("shutting down"))
                }
                try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/openapi.yaml", method: .get) { #expect($0.status == .ok) }
            }
        }
    }
}
