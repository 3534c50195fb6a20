import ArgumentParser
import Foundation
import PQ

/// Where the database is. Commands that change the schema connect as `unionhall_owner`
/// (`UNIONHALL_OWNER_URL`); everything else as `unionhall_app` (`DATABASE_URL`).
struct ConnectionOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: ArgumentHelp("libpq URI or conninfo; overrides the environment.", valueName: "url"))
    var databaseURL: String?

    func ownerURL() throws -> String {
        try resolve(["UNIONHALL_OWNER_URL", "DATABASE_URL"])
    }

    func appURL() throws -> String {
        try resolve(["DATABASE_URL"])
    }

    /// The reporting job's login, `unionhall_reporting` (SELECT on the `reporting` views and
    /// nothing else): `--database-url`, else `UNIONHALL_REPORTING_URL`. Never `DATABASE_URL`, so
    /// a report can't quietly run with the application's rights.
    func reportingURL(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let databaseURL, !databaseURL.isEmpty { return databaseURL }
        if let value = environment["UNIONHALL_REPORTING_URL"], !value.isEmpty { return value }
        throw ValidationError("""
            no reporting database given: set UNIONHALL_REPORTING_URL (a login as unionhall_reporting) or pass --database-url \
            (eval "$(scripts/env.sh)" for the private cluster)
            """)
    }

    private func resolve(_ variables: [String]) throws -> String {
        if let databaseURL, !databaseURL.isEmpty { return databaseURL }
        let environment = ProcessInfo.processInfo.environment
        for name in variables {
            if let value = environment[name], !value.isEmpty { return value }
        }
        throw ValidationError("no database given: pass --database-url or set \(variables.joined(separator: " or ")) (eval \"$(scripts/env.sh)\" for the private cluster)")
    }

    /// Runs `body` with a small pool, closing it whatever happens.
    func withPool<T: Sendable>(url: String, _ body: (PQPool) async throws -> T) async throws -> T {
        let pool = PQPool(configuration: PQConfiguration(connectionString: url, applicationName: "unionctl", maximumConnections: 2))
        do {
            let value = try await body(pool)
            await pool.close()
            return value
        } catch {
            await pool.close()
            throw error
        }
    }
}
