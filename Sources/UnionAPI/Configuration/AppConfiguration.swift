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
    /// After SIGTERM, how long `/readyz` answers 503 while requests are still served, so a
    /// proxy's health check takes the server out of rotation before it stops accepting.
    package var shutdownGrace: Duration
    /// How long requests in flight may take to finish once the server stops accepting; past
    /// it they are cancelled and the process exits 1.
    package var shutdownTimeout: Duration
    /// Address of the metrics server (`GET /metrics`), never the API's.
    package var metricsHost: String
    /// Port of the metrics server; nil turns metrics off (no server, nothing recorded). Off
    /// unless asked for when built in code, so the many applications tests build don't
    /// compete for one port; `fromEnvironment` defaults to 9464.
    package var metricsPort: Int?

    package init(host: String = "127.0.0.1", port: Int = 8080, databaseURL: String, databasePoolSize: Int = 8,
                 databaseReadConnections: Int = 1, logLevel: Logger.Level = .info, bcryptCost: UInt8 = 12,
                 authCacheTTL: Duration = .seconds(1), shutdownGrace: Duration = .seconds(5),
                 shutdownTimeout: Duration = .seconds(25), metricsHost: String = "127.0.0.1", metricsPort: Int? = nil) {
        self.metricsHost = metricsHost
        self.metricsPort = metricsPort
        self.bcryptCost = bcryptCost
        self.authCacheTTL = authCacheTTL
        self.shutdownGrace = shutdownGrace
        self.shutdownTimeout = shutdownTimeout
        self.host = host
        self.port = port
        self.databaseURL = databaseURL
        self.databasePoolSize = databasePoolSize
        self.databaseReadConnections = databaseReadConnections
        self.logLevel = logLevel
    }

    package enum Error: Swift.Error, CustomStringConvertible {
        /// `expected` says what would have been accepted, so the operator can fix it from the message alone.
        case invalid(variable: String, value: String, expected: String? = nil)
        package var description: String {
            switch self {
            case .invalid(let variable, let value, nil): "environment variable \(variable) has an invalid value: \(value)"
            case .invalid(let variable, let value, let expected?):
                "environment variable \(variable) has an invalid value: \(value) (expected \(expected))"
            }
        }
    }

    /// Reads `UNIONHALL_HOST`, `UNIONHALL_PORT`, `DATABASE_URL`, `UNIONHALL_DB_POOL_SIZE`,
    /// `UNIONHALL_DB_READ_CONNECTIONS`, `UNIONHALL_LOG_LEVEL`, `UNIONHALL_BCRYPT_COST`,
    /// `UNIONHALL_AUTH_CACHE_MS`, `UNIONHALL_SHUTDOWN_GRACE_SECONDS`, `UNIONHALL_SHUTDOWN_SECONDS`,
    /// `UNIONHALL_METRICS_HOST` and `UNIONHALL_METRICS_PORT` (a port, or `off`). A malformed value
    /// is an error, never silently the default.
    package static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfiguration {
        func integer(_ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
            guard let text = environment[name], !text.isEmpty else { return value }
            guard let number = Int(text), range.contains(number) else {
                throw Error.invalid(variable: name, value: text,
                                    expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        }
        var level = Logger.Level.info
        if let text = environment["UNIONHALL_LOG_LEVEL"], !text.isEmpty {
            guard let parsed = Logger.Level(rawValue: text.lowercased()) else {
                throw Error.invalid(variable: "UNIONHALL_LOG_LEVEL", value: text,
                                    expected: Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))
            }
            level = parsed
        }
        let poolSize = try integer("UNIONHALL_DB_POOL_SIZE", default: 8, in: 1...200)
        let metricsPort: Int? = environment["UNIONHALL_METRICS_PORT"]?.lowercased() == "off"
            ? nil : try integer("UNIONHALL_METRICS_PORT", default: 9464, in: 1...65535)
        return AppConfiguration(
            host: environment["UNIONHALL_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1",
            // 0: any free port (the start-up log line names it); tests start servers this way.
            port: try integer("UNIONHALL_PORT", default: 8080, in: 0...65535),
            databaseURL: environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
                ?? "postgresql://unionhall_app@localhost:54329/unionhall",
            databasePoolSize: poolSize,
            databaseReadConnections: try integer("UNIONHALL_DB_READ_CONNECTIONS", default: 1, in: 1...poolSize),
            logLevel: level,
            bcryptCost: UInt8(try integer("UNIONHALL_BCRYPT_COST", default: 12, in: 4...31)),
            authCacheTTL: .milliseconds(try integer("UNIONHALL_AUTH_CACHE_MS", default: 1000, in: 0...60_000)),
            shutdownGrace: .seconds(try integer("UNIONHALL_SHUTDOWN_GRACE_SECONDS", default: 5, in: 0...300)),
            shutdownTimeout: .seconds(try integer("UNIONHALL_SHUTDOWN_SECONDS", default: 25, in: 0...3600)),
            metricsHost: environment["UNIONHALL_METRICS_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1",
            metricsPort: metricsPort
        )
    }
}
