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
        #expect(configuration.shutdownGrace == .seconds(5))
        #expect(configuration.shutdownTimeout == .seconds(25))
    }

    @Test func readsTheEnvironment() throws {
        let configuration = try AppConfiguration.fromEnvironment([
            "UNIONHALL_PORT": "9000", "UNIONHALL_DB_POOL_SIZE": "4", "UNIONHALL_DB_READ_CONNECTIONS": "2",
            "UNIONHALL_LOG_LEVEL": "WARNING", "UNIONHALL_AUTH_CACHE_MS": "0",
            "UNIONHALL_SHUTDOWN_GRACE_SECONDS": "0", "UNIONHALL_SHUTDOWN_SECONDS": "60",
        ])
        #expect(configuration.shutdownGrace == .zero)
        #expect(configuration.shutdownTimeout == .seconds(60))
        #expect(configuration.port == 9000)
        #expect(configuration.databasePoolSize == 4)
        #expect(configuration.databaseReadConnections == 2)
        #expect(configuration.logLevel == .warning)
        #expect(configuration.authCacheTTL == .zero)
    }

    @Test func aMalformedValueIsAnErrorNotTheDefault() {
        for (name, value) in [("UNIONHALL_PORT", "eighty"), ("UNIONHALL_DB_POOL_SIZE", "0"), ("UNIONHALL_LOG_LEVEL", "loud"),
                              ("UNIONHALL_DB_READ_CONNECTIONS", "9"),  // more than the pool's 8
                              ("UNIONHALL_SHUTDOWN_SECONDS", "-1"), ("UNIONHALL_SHUTDOWN_SECONDS", "25s"),
                              ("UNIONHALL_SHUTDOWN_GRACE_SECONDS", "301")] {
            #expect(throws: AppConfiguration.Error.self, "\(name)=\(value)") {
                try AppConfiguration.fromEnvironment([name: value])
            }
        }
    }

    /// The message alone tells the operator what to write instead.
    @Test func theErrorSaysWhatIsExpected() {
        let error = #expect(throws: AppConfiguration.Error.self) {
            try AppConfiguration.fromEnvironment(["UNIONHALL_SHUTDOWN_SECONDS": "soon"])
        }
        #expect(error?.description
            == "environment variable UNIONHALL_SHUTDOWN_SECONDS has an invalid value: soon (expected a whole number from 0 to 3600)")
    }

    @Test func portZeroMeansAnyFreePort() throws {
        #expect(try AppConfiguration.fromEnvironment(["UNIONHALL_PORT": "0"]).port == 0)
    }
}
