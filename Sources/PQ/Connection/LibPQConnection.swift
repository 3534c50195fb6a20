import CLibPQ
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libpq connection, driven synchronously.
///
/// Every method blocks on the network, so callers run them on the pool's dedicated threads,
/// never on Swift's cooperative pool. `@unchecked Sendable`: a `PGconn` must not be used by two
/// threads at once, and `PQPool` guarantees exactly that by leasing each connection to one
/// task at a time; the class is only ever touched by the task holding the lease. The public
/// blocking methods also check it (`inUse`): a second caller gets `PQError.concurrentUse`
/// instead of interleaving its protocol messages with the first caller's.
package final class LibPQConnection: @unchecked Sendable {
    let handle: OpaquePointer
    /// Prepared statement names by SQL text and parameter types.
    private var preparedStatements: [String: String] = [:]
    private static let preparedStatementLimit = 512
    private var statementCounter = 0
    /// Server-side statements whose plan went stale (0A000 in a pipeline), deallocated once
    /// the connection is out of pipeline mode.
    var staleStatements: [String] = []
    /// Set when the connection's protocol state can't be trusted; it is then closed, not reused.
    var poisoned = false
    /// Set when the server announced, between statements, that it is ending the session.
    private(set) var endedByServer = false
    /// The session-level settings this connection carries (see `PQSessionState`).
    var sessionState = PQConnectionSession.clean
    /// Set by a whole lease that starts on a connection not known to be clean: the lease's
    /// first statement goes out behind a `RESET ALL` (see `PQConnection`).
    var resetBeforeUse = false
    /// Statements handed to libpq for execution so far (a prepare alone doesn't count). A
    /// failure before this moves proves the server never got the statement; after, it may
    /// have run even when no answer came back, so only reads may be sent again.
    package internal(set) var statementsSent = 0
    /// Where the server's errors are reported (`PQPoolEvents.serverError`); the pool sets it
    /// on the connections it opens.
    var events = PQPoolEvents.none
    /// Held by the one call that drives the `PGconn` right now.
    private let inUse = Atomic<Bool>(false)
    /// Made at open, by the opening thread: `PQcancel` on it may then be called from any thread
    /// while another drives the connection (libpq's documented use). Nil only if libpq ran out
    /// of memory.
    private let cancelHandle: OpaquePointer?

    /// Opens a connection with the session set up for the text formats the decoders expect.
    package init(configuration: PQConfiguration) throws(PQError) {
        try PQConfiguration.validate(connectionString: configuration.connectionString)
        // Later keywords override earlier ones, and the URI expands in place of `dbname`:
        // our defaults come first so the connection string wins, and the encoding and the
        // startup options come last because the decoders depend on them. The options keep
        // whatever the connection string (or PGOPTIONS) asked for, ahead of ours.
        let pairs: [(String, String)] = [
            ("connect_timeout", String(configuration.connectTimeoutSeconds)),
            ("application_name", configuration.applicationName),
            ("dbname", configuration.connectionString),
            ("client_encoding", "UTF8"),
            ("options", PQStartupOptions.merged(with: PQStartupOptions.userOptions(connectionString: configuration.connectionString))),
        ]
        let connection = Self.connect(pairs)
        guard let connection else { throw PQError(.connectionFailed, message: "out of memory") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.errorMessage(connection)
            let authentication = message.contains("password authentication failed")
                || message.contains("authentication failed") || PQconnectionNeedsPassword(connection) != 0
            PQfinish(connection)
            throw PQError(authentication ? .authenticationFailed : .connectionFailed, message: message)
        }
        handle = connection
        cancelHandle = PQgetCancel(connection)
        // Notices would go to stderr; the one that matters is the FATAL a backend sends when
        // it ends the session while the connection sits idle (pg_terminate_backend, a
        // timeout, a shutdown): libpq reads it as a notice, and it marks the connection dead
        // before anything is sent on it. libpq calls the receiver only inside calls on this
        // handle, made by the thread holding the connection; PQfinish (in deinit) ends them.
        PQsetNoticeReceiver(handle, { context, result in
            guard let context, let result, let severity = PQresultErrorField(result, Int32(UInt8(ascii: "V"))) else { return }
            let level = String(cString: severity)
            guard level == "FATAL" || level == "PANIC" else { return }
            Unmanaged<LibPQConnection>.fromOpaque(context).takeUnretainedValue().endedByServer = true
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Claims the connection for one call; pair with `endUse()` in a `defer`.
    func beginUse() throws(PQError) {
        guard inUse.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            throw PQError(.concurrentUse, message: "the connection is already in use by another call")
        }
    }

    func endUse() { inUse.store(false, ordering: .releasing) }

    private static func connect(_ pairs: [(String, String)]) -> OpaquePointer? {
        let keywords = pairs.map { strdup($0.0) }
        let values = pairs.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let keywordPointers: [UnsafePointer<CChar>?] = keywords.map { $0.map { UnsafePointer($0) } } + [nil]
        let valuePointers: [UnsafePointer<CChar>?] = values.map { $0.map { UnsafePointer($0) } } + [nil]
        return PQconnectdbParams(keywordPointers, valuePointers, 1)
    }

    deinit {
        if let cancelHandle { PQfreeCancel(cancelHandle) }
        PQfinish(handle)
    }

    /// Asks the server to cancel the statement this connection runs now, if any (the caller
    /// then gets 57014). Blocking (it opens a connection of its own to send the request), and
    /// safe while another thread drives the connection.
    func cancelRunningStatement() {
        guard let cancelHandle else { return }
        var message = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancelHandle, &message, Int32(message.count))
    }

    /// The server's backend process id, as `pg_terminate_backend` wants it.
    package var backendPID: Int32 { PQbackendPID(handle) }

    /// False once the connection is broken or left mid-transaction.
    package var isHealthy: Bool {
        !poisoned && !endedByServer && PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    /// Reads whatever the server sent while the connection sat idle, without blocking: a
    /// terminated backend's goodbye (its FATAL) or EOF makes the connection unusable here,
    /// before a statement is sent on it, rather than on the next query, where a write could
    /// not be sent again.
    package func checkIdleConnection() -> Bool {
        guard PQstatus(handle) == CONNECTION_OK else { return false }
        guard PQconsumeInput(handle) != 0 else { return false }
        // PQconsumeInput only buffers; parsing is what hands a FATAL to the notice receiver.
        _ = PQisBusy(handle)
        return isHealthy
    }

    package var isInTransaction: Bool {
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    /// Runs SQL text with no parameters through the simple protocol: several statements are
    /// allowed, so this is for migrations and fixed session set-up only.
    @discardableResult
    package func executeSimple(_ sql: String) throws(PQError) -> PQResult {
        try beginUse()
        defer { endUse() }
        return try executeSimpleUnclaimed(sql)
    }

    func executeSimpleUnclaimed(_ sql: String) throws(PQError) -> PQResult {
        statementsSent += 1
        return try check(PQexec(handle, sql))
    }

    /// Runs one statement with bound parameters. Statements are prepared once per connection
    /// and reused, which saves the parse and plan on every later call.
    package func execute(_ query: PQQuery) throws(PQError) -> PQResult {
        try beginUse()
        defer { endUse() }
        return try executeUnclaimed(query)
    }

    private func executeUnclaimed(_ query: PQQuery) throws(PQError) -> PQResult {
        let bindings = query.bindings
        let sql = query.sql
        let key = Self.statementKey(sql: sql, bindings: bindings)
        let name: String
        if let existing = preparedStatements[key] {
            name = existing
        } else if let reserved = reserveStatementName() {
            let types = bindings.map { Oid($0.type.rawValue) }
            _ = try check(PQprepare(handle, reserved, sql, Int32(types.count), types))
            rememberStatement(key: key, name: reserved)
            name = reserved
        } else {
            statementsSent += 1
            return try check(PQParameters(bindings).withPointers { count, types, values, lengths, formats in
                PQexecParams(handle, sql, count, types, values, lengths, formats, 0)
            })
        }
        do {
            statementsSent += 1
            return try check(PQParameters(bindings).withPointers { count, _, values, lengths, formats in
                PQexecPrepared(handle, name, count, values, lengths, formats, 0)
            })
        } catch let error where error.isStalePlan {
            // The schema changed under the statement: the next use prepares it afresh. It
            // failed before running, so running it again here is no second execution; inside
            // a transaction, though, the failure aborted it, and the caller must hear of it.
            forgetStatement(key: key)
            guard PQtransactionStatus(handle) == PQTRANS_IDLE else { throw error }
            try deallocateStaleStatements()
            return try executeUnclaimed(query)
        }
    }

    func preparedStatementName(forKey key: String) -> String? { preparedStatements[key] }

    /// A fresh statement name, or nil when the cache is full (then statements go unprepared).
    func reserveStatementName() -> String? {
        guard preparedStatements.count < Self.preparedStatementLimit else { return nil }
        statementCounter += 1
        return "pq\(statementCounter)"
    }

    func rememberStatement(key: String, name: String) { preparedStatements[key] = name }

    /// Drops a statement whose cached plan no longer fits the schema: the next use prepares it
    /// again. Its server-side name is deallocated later (`deallocateStaleStatements`), since in
    /// pipeline mode nothing can be sent synchronously.
    func forgetStatement(key: String) {
        guard let name = preparedStatements.removeValue(forKey: key) else { return }
        staleStatements.append(name)
    }

    /// Deallocates the statements `forgetStatement` dropped. Outside pipeline mode only.
    func deallocateStaleStatements() throws(PQError) {
        while let name = staleStatements.popLast() {
            _ = try check(PQexec(handle, "DEALLOCATE \(name)"))
        }
    }

    static func statementKey(sql: String, bindings: [PQBinding]) -> String {
        var key = sql
        for binding in bindings { key += "|" + String(binding.type.rawValue) }
        return key
    }

    /// Wraps a libpq result: an error result becomes a `PQError` and is cleared here.
    func check(_ result: OpaquePointer?) throws(PQError) -> PQResult {
        guard let result else {
            throw PQError(PQstatus(handle) == CONNECTION_OK ? .unexpectedResult : .connectionLost,
                          message: Self.errorMessage(handle))
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE, PGRES_EMPTY_QUERY:
            return PQResult(taking: result)
        case PGRES_FATAL_ERROR, PGRES_NONFATAL_ERROR, PGRES_BAD_RESPONSE:
            let error = makeError(result)
            PQclear(result)
            throw error
        default:
            let status = String(cString: PQresStatus(PQresultStatus(result)))
            PQclear(result)
            throw PQError(.unexpectedResult, message: "unexpected result status \(status)")
        }
    }

    func makeError(_ result: OpaquePointer) -> PQError {
        func field(_ code: Character) -> String? {
            guard let ascii = code.asciiValue, let value = PQresultErrorField(result, Int32(ascii)) else { return nil }
            return String(cString: value)
        }
        let sqlState = field("C").map(SQLState.init(rawValue:))
        if let sqlState { events.serverError(String(sqlState.sqlClass)) }
        let message = field("M") ?? String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines()
        let lost = PQstatus(handle) != CONNECTION_OK || (sqlState?.isConnectionException ?? false)
        return PQError(
            lost ? .connectionLost : .server,
            message: message.isEmpty ? Self.errorMessage(handle) : message,
            sqlState: sqlState,
            detail: field("D"),
            hint: field("H"),
            constraint: field("n"),
            table: field("t"),
            column: field("c"),
            severity: field("V")
        )
    }

    static func errorMessage(_ connection: OpaquePointer) -> String {
        guard let text = PQerrorMessage(connection) else { return "unknown libpq error" }
        let message = String(cString: text).trimmingTrailingNewlines()
        return message.isEmpty ? "unknown libpq error" : message
    }

    /// Forgets prepared statements, as after `DISCARD ALL`.
    package func forgetPreparedStatements() { preparedStatements.removeAll() }
}
