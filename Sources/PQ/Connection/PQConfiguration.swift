import CLibPQ

/// How to reach the server and how the pool behaves.
package struct PQConfiguration: Sendable {
    /// A libpq URI (`postgresql://user:pass@host:port/db?…`) or conninfo (`host=… dbname=…`).
    package var connectionString: String
    package var applicationName: String
    /// Upper bound on open connections. Small beats large on few cores (ARCHITECTURE.md).
    package var maximumConnections: Int
    /// How many of them may carry batched statements (`PQPool.query`, `run(unit:)`) at once;
    /// the rest stay free for whole leases (transactions). Fewer means bigger flights: on two
    /// cores one connection served the most reads per second.
    package var maximumBatchingConnections: Int
    /// How long `withConnection` waits for a free connection before `PQError.poolTimeout`.
    package var acquireTimeout: Duration
    /// libpq's `connect_timeout` in seconds, unless the connection string sets one.
    package var connectTimeoutSeconds: Int

    package init(
        connectionString: String,
        applicationName: String = "unionhall",
        maximumConnections: Int = 8,
        maximumBatchingConnections: Int? = nil,
        acquireTimeout: Duration = .seconds(5),
        connectTimeoutSeconds: Int = 5
    ) {
        self.connectionString = connectionString
        self.applicationName = applicationName
        self.maximumConnections = max(1, maximumConnections)
        self.maximumBatchingConnections = min(max(1, maximumBatchingConnections ?? maximumConnections), self.maximumConnections)
        self.acquireTimeout = acquireTimeout
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }

    /// Checks the connection string with libpq's own parser, so a malformed URL fails with
    /// libpq's explanation before any connection attempt.
    package static func validate(connectionString: String) throws(PQError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connectionString, &errorMessage) else {
            let message = errorMessage.map { String(cString: $0) } ?? "invalid connection string"
            if let errorMessage { PQfreemem(errorMessage) }
            throw PQError(.invalidConnectionString, message: message.trimmingTrailingNewlines())
        }
        PQconninfoFree(options)
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while let last = text.last, last.isNewline { text.removeLast() }
        return text
    }
}
