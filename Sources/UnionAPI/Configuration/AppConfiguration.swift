import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import UnionDomain

/// Everything the server reads from its environment, in one place, with development defaults.
package struct AppConfiguration: Sendable {
    package var host: String
    package var port: Int
    /// libpq URI or conninfo for the `unionhall_app` role.
    package var databaseURL: String
    package var databasePoolSize: Int
    /// Connections of the pool that carry batched reads (the rest serve transactions).
    package var databaseReadConnections: Int
    package var logLevel: Logger.Level
    /// bcrypt's work factor for new password hashes (tests lower it).
    package var bcryptCost: UInt8
    /// How long a bearer token's principal is remembered (`PrincipalCache`); zero turns it off.
    package var authCacheTTL: Duration
    /// Address of the metrics server (`GET /metrics`), never the API's.
    package var metricsHost: String
    /// Port of the metrics server; nil turns metrics off (no server, nothing recorded). Off
    /// unless asked for when built in code, so the many applications tests build don't
    /// compete for one port; `fromEnvironment` defaults to 9464.
    package var metricsPort: Int?

    package init(host: String = "127.0.0.1", port: Int = 8080, databaseURL: String, databasePoolSize: Int = 8,
                 databaseReadConnections: Int = 1, logLevel: Logger.Level = .info, bcryptCost: UInt8 = 12,
                 authCacheTTL: Duration = .seconds(1), metricsHost: String = "127.0.0.1", metricsPort: Int? = nil) {
        self.metricsHost = metricsHost
        self.metricsPort = metricsPort
        self.bcryptCost = bcryptCost
        self.authCacheTTL = authCacheTTL
        self.host = host
        self.port = port
        self.databaseURL = databaseURL
        self.databasePoolSize = databasePoolSize
        self.databaseReadConnections = databaseReadConnections
        self.logLevel = logLevel
    }

    package enum Error: Swift.Error, CustomStringConvertible {
        case invalid(variable: String, value: String)
        package var description: String {
            switch self {
            case .invalid(let variable, let value): "environment variable \(variable) has an invalid value: \(value)"
            }
        }
    }

    /// Reads `UNIONHALL_HOST`, `UNIONHALL_PORT`, `DATABASE_URL`, `UNIONHALL_DB_POOL_SIZE`,
    /// `UNIONHALL_DB_READ_CONNECTIONS`, `UNIONHALL_LOG_LEVEL`, `UNIONHALL_BCRYPT_COST`,
    /// `UNIONHALL_AUTH_CACHE_MS`, `UNIONHALL_METRICS_HOST` and `UNIONHALL_METRICS_PORT` (a port,
    /// or `off`). A malformed value is an error, never silently the default.
    package static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfiguration {
        func integer(_ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
            guard let text = environment[name], !text.isEmpty else { return value }
            guard let number = Int(text), range.contains(number) else { throw Error.invalid(variable: name, value: text) }
            return number
        }
        var level = Logger.Level.info
        if let text = environment["UNIONHALL_LOG_LEVEL"], !text.isEmpty {
            guard let parsed = Logger.Level(rawValue: text.lowercased()) else {
                throw Error.invalid(variable: "UNIONHALL_LOG_LEVEL", value: text)
            }
            level = parsed
        }
        let poolSize = try integer("UNIONHALL_DB_POOL_SIZE", default: 8, in: 1...200)
        let metricsPort: Int? = environment["UNIONHALL_METRICS_PORT"]?.lowercased() == "off"
            ? nil : try integer("UNIONHALL_METRICS_PORT", default: 9464, in: 1...65535)
        return AppConfiguration(
            host: environment["UNIONHALL_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1",
            port: try integer("UNIONHALL_PORT", default: 8080, in: 1...65535),
            databaseURL: environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
                ?? "postgresql://unionhall_app@localhost:54329/unionhall",
            databasePoolSize: poolSize,
            databaseReadConnections: try integer("UNIONHALL_DB_READ_CONNECTIONS", default: 1, in: 1...poolSize),
            logLevel: level,
            bcryptCost: UInt8(try integer("UNIONHALL_BCRYPT_COST", default: 12, in: 4...31)),
            authCacheTTL: .milliseconds(try integer("UNIONHALL_AUTH_CACHE_MS", default: 1000, in: 0...60_000)),
            metricsHost: environment["UNIONHALL_METRICS_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1",
            metricsPort: metricsPort
        )
    }
}
