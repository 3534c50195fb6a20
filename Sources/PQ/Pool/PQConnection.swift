import NIOPosix

/// A leased connection, as the body of `PQPool.withConnection` sees it.
///
/// Each call hops to the pool's threads for the blocking libpq work. Valid only inside the
/// closure it was handed to: keeping it afterwards would share the connection with the next
/// task that leases it.
package struct PQConnection: Sendable {
    let raw: LibPQConnection
    let threadPool: NIOThreadPool

    /// Runs one statement with bound parameters.
    @discardableResult
    package func query(_ query: PQQuery) async throws -> PQResult {
        let raw = self.raw
        return try await threadPool.runIfActive { try raw.execute(query) }
    }

    /// Sends the statements in one round trip (pipeline mode) and returns their results.
    package func pipeline(_ queries: [PQQuery]) async throws -> [PQResult] {
        let raw = self.raw
        return try await threadPool.runIfActive { try raw.pipeline(queries) }
    }

    /// Runs SQL text with no parameters (several statements allowed): migrations only.
    @discardableResult
    package func executeScript(_ sql: String) async throws -> PQResult {
        let raw = self.raw
        return try await threadPool.runIfActive { try raw.executeSimple(sql) }
    }

    /// `COPY … FROM STDIN`, fed by `produce` on the connection's thread; returns rows copied.
    package func copyIn(_ sql: String, produce: @escaping @Sendable (borrowing PQCopyWriter) throws -> Void) async throws -> Int {
        let raw = self.raw
        return try await threadPool.runIfActive { try raw.copyIn(sql, produce: produce) }
    }

    /// The server process serving this connection.
    package var backendPID: Int32 { raw.backendPID }

    /// Runs `body` in a transaction on this connection.
    @discardableResult
    package func withTransaction<T: Sendable>(
        _ options: PQTransactionOptions = .init(),
        prelude: [PQQuery] = [],
        _ body: (PQConnection) async throws -> T
    ) async throws -> T {
        // BEGIN and the prelude (a scope's set_config, say) share one round trip.
        if prelude.isEmpty {
            try await query(PQQuery(unsafeSQL: options.beginStatement))
        } else {
            _ = try await pipeline([PQQuery(unsafeSQL: options.beginStatement)] + prelude)
        }
        let value: T
        do {
            value = try await body(self)
        } catch {
            if raw.isInTransaction { _ = try? await query("ROLLBACK") }
            throw error
        }
        try await commit()
        return value
    }

    /// COMMIT, which the server answers with ROLLBACK when the transaction had already failed
    /// (an error the body caught and swallowed): that must not look like success.
    package func commit() async throws {
        let result = try await query("COMMIT")
        if result.commandTag == "ROLLBACK" {
            throw PQError(.transactionRolledBack, message: "the transaction had failed and was rolled back")
        }
    }
}

/// How a transaction begins.
package struct PQTransactionOptions: Sendable {
    package enum IsolationLevel: String, Sendable {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
        case serializable = "SERIALIZABLE"
    }

    package var isolation: IsolationLevel
    package var readOnly: Bool

    package init(isolation: IsolationLevel = .readCommitted, readOnly: Bool = false) {
        self.isolation = isolation
        self.readOnly = readOnly
    }

    package var beginStatement: String {
        "BEGIN ISOLATION LEVEL \(isolation.rawValue)" + (readOnly ? " READ ONLY" : " READ WRITE")
    }
}
