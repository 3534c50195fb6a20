import NIOPosix

/// A leased connection, as the body of `PQPool.withConnection` sees it.
///
/// Each call hops to the pool's threads for the blocking libpq work. Valid only inside the
/// closure it was handed to: keeping it afterwards would share the connection with the next
/// task that leases it.
///
/// The lease's first statement may carry a `RESET ALL` (`LibPQConnection.resetBeforeUse`):
/// `query` and `pipeline` send it in front of the statements, before the same Sync, so the
/// reset costs no round trip and the statements never run without it; `executeScript` and
/// `copyIn`, rare, send it on its own first.
package struct PQConnection: Sendable {
    let raw: LibPQConnection
    let threadPool: NIOThreadPool

    /// Runs one statement with bound parameters.
    @discardableResult
    package func query(_ query: PQQuery) async throws -> PQResult {
        let raw = self.raw
        return try await threadPool.runIfActive {
            guard raw.resetBeforeUse else { return try raw.execute(query) }
            let results = try raw.pipeline(["RESET ALL", query])
            raw.resetBeforeUse = false
            guard results.count == 2, let result = results.last else {
                throw PQError(.unexpectedResult, message: "no result for a statement")
            }
            return result
        }
    }

    /// Sends the statements in one round trip (pipeline mode) and returns their results.
    package func pipeline(_ queries: [PQQuery]) async throws -> [PQResult] {
        let raw = self.raw
        return try await threadPool.runIfActive {
            guard raw.resetBeforeUse else { return try raw.pipeline(queries) }
            let results = try raw.pipeline(["RESET ALL"] + queries)
            raw.resetBeforeUse = false
            return Array(results.dropFirst())
        }
    }

    /// Runs SQL text with no parameters (several statements allowed): migrations only.
    @discardableResult
    package func executeScript(_ sql: String) async throws -> PQResult {
        let raw = self.raw
        return try await threadPool.runIfActive {
            try Self.resetIfNeeded(raw)
            return try raw.executeSimple(sql)
        }
    }

    /// `COPY … FROM STDIN`, fed by `produce` on the connection's thread; returns rows copied.
    package func copyIn(_ sql: String, produce: @escaping @Sendable (borrowing PQCopyWriter) throws -> Void) async throws -> Int {
        let raw = self.raw
        return try await threadPool.runIfActive {
            try Self.resetIfNeeded(raw)
            return try raw.copyIn(sql, produce: produce)
        }
    }

    private static func resetIfNeeded(_ raw: LibPQConnection) throws(PQError) {
        guard raw.resetBeforeUse else { return }
        _ = try raw.executeSimple("RESET ALL")
        raw.resetBeforeUse = false
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
        // A lease's RESET ALL rides with BEGIN (see above), so a rollback undoes it: then
        // the lease's next statement must carry it again.
        let carriesReset = raw.resetBeforeUse
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
            // Marked only after ROLLBACK, which must not itself carry the reset.
            defer { if carriesReset { raw.resetBeforeUse = true } }
            guard raw.isInTransaction else { throw error }
            do {
                try await query("ROLLBACK")
            } catch let rollbackError {
                throw PQTransactionError(bodyError: error, rollbackError: rollbackError)
            }
            throw error
        }
        do {
            try await commit()
        } catch {
            if carriesReset { raw.resetBeforeUse = true }
            throw error
        }
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
