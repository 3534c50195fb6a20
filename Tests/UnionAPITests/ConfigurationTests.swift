import Logging
import Testing
@testable import UnionAPI

@Suite("Server configuration")
struct ConfigurationTests {
    @Test func defaultsWhenNothingIsSet() throws {
        let configuration = try AppConfiguration.fromEnvironment([:])
        #expect(configuration.port == 8080)
        #expect(configuration.databasePoolSize == 8)
        #expect(configuration.databaseReadConnections == 1)
        #expect(configuration.authCacheTTL == .seconds(1))
    }

    @Test func readsTheEnvironment() throws {
        let configuration = try AppConfiguration.fromEnvironment([
            "UNIONHALL_PORT": "9000", "UNIONHALL_DB_POOL_SIZE": "4", "UNIONHALL_DB_READ_CONNECTIONS": "2",
            "UNIONHALL_LOG_LEVEL": "WARNING", "UNIONHALL_AUTH_CACHE_MS": "0",
        ])
        #expect(configuration.port == 9000)
        #expect(configuration.databasePoolSize == 4)
        #expect(configuration.databaseReadConnections == 2)
        #expect(configuration.logLevel == .warning)
        #expect(configuration.authCacheTTL == .zero)
    }

    @Test func aMalformedValueIsAnErrorNotTheDefault() {
        for (name, value) in [("UNIONHALL_PORT", "eighty"), ("UNIONHALL_DB_POOL_SIZE", "0"), ("UNIONHALL_LOG_LEVEL", "loud"),
                              ("UNIONHALL_DB_READ_CONNECTIONS", "9")] {  // more than the pool's 8
            #expect(throws: AppConfiguration.Error.self, "\(name)=\(value)") {
                try AppConfiguration.fromEnvironment([name: value])
            }
        }
    }
}
