/// An error from the database client.
///
/// Like postgres-nio's `PSQLError`, `description` is deliberately short and leaves out the
/// server's message: an error that slips through to a client or a log can't leak SQL text,
/// a constraint's columns or a bound value. `debugDescription` has every field.
package struct PQError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong, as a closed set that can grow without breaking callers.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Base: String, Sendable {
            case invalidConnectionString
            case connectionFailed
            case authenticationFailed
            case connectionLost
            case server
            case transactionRolledBack
            case poolTimeout
            case poolClosed
            case unexpectedResult
            case copyFailed
            case skipped
            case concurrentUse
        }

        let base: Base

        /// The connection string (URI or conninfo) could not be parsed.
        package static let invalidConnectionString = Code(base: .invalidConnectionString)
        /// No connection could be made (refused, unknown host, timeout).
        package static let connectionFailed = Code(base: .connectionFailed)
        /// The server refused the credentials.
        package static let authenticationFailed = Code(base: .authenticationFailed)
        /// The connection broke while in use (server restart, terminated backend).
        package static let connectionLost = Code(base: .connectionLost)
        /// The server answered with an error; see `sqlState`.
        package static let server = Code(base: .server)
        /// COMMIT found the transaction already aborted, so nothing was written.
        package static let transactionRolledBack = Code(base: .transactionRolledBack)
        /// No pooled connection became free within the pool's acquire timeout.
        package static let poolTimeout = Code(base: .poolTimeout)
        /// The pool is shut down.
        package static let poolClosed = Code(base: .poolClosed)
        /// Not run: an earlier statement in the same pipelined transaction failed. The pool
        /// sends such read-only units again; callers never see this code.
        package static let skipped = Code(base: .skipped)
        /// libpq returned a result of a kind the call did not expect (rows from a COPY, say).
        package static let unexpectedResult = Code(base: .unexpectedResult)
        /// A COPY FROM STDIN failed on the client side.
        package static let copyFailed = Code(base: .copyFailed)
        /// Two calls tried to drive one connection at once; the second was refused before it
        /// sent anything, so the first is unharmed. A bug in the caller, never retried.
        package static let concurrentUse = Code(base: .concurrentUse)

        package var description: String { base.rawValue }
    }

    package var code: Code
    /// The five-character SQLSTATE, when the server sent one.
    package var sqlState: SQLState?
    /// The server's or libpq's primary message.
    package var message: String
    package var detail: String?
    package var hint: String?
    package var constraint: String?
    package var table: String?
    package var column: String?
    package var severity: String?

    package init(
        _ code: Code,
        message: String,
        sqlState: SQLState? = nil,
        detail: String? = nil,
        hint: String? = nil,
        constraint: String? = nil,
        table: String? = nil,
        column: String? = nil,
        severity: String? = nil
    ) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
        self.severity = severity
    }

    package var description: String {
        if let sqlState { return "PQError(\(code), sqlstate: \(sqlState.rawValue))" }
        return "PQError(\(code))"
    }

    package var debugDescription: String {
        var parts = ["code: \(code)", "message: \(message)"]
        if let sqlState { parts.append("sqlstate: \(sqlState.rawValue)") }
        if let severity { parts.append("severity: \(severity)") }
        if let detail { parts.append("detail: \(detail)") }
        if let hint { parts.append("hint: \(hint)") }
        if let constraint { parts.append("constraint: \(constraint)") }
        if let table { parts.append("table: \(table)") }
        if let column { parts.append("column: \(column)") }
        return "PQError(" + parts.joined(separator: ", ") + ")"
    }

    /// "cached plan must not change result type": a prepared statement outlived a change to
    /// the tables it reads. It failed before running; prepared afresh, it works.
    package var isStalePlan: Bool {
        sqlState == .featureNotSupported && message.contains("cached plan")
    }

    /// True when the connection this error came from can't be used again.
    package var isConnectionLevel: Bool {
        switch code.base {
        case .connectionLost, .connectionFailed, .authenticationFailed: return true
        default: return sqlState?.isConnectionException ?? false
        }
    }
}
