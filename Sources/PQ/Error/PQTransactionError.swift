/// A transaction's body failed, and so did the ROLLBACK after it.
///
/// As postgres-nio's `PostgresTransactionError`, it keeps both instead of dropping the second:
/// the body's error says what went wrong, the rollback's says the connection is in doubt (it
/// is then closed, and the server rolls back on disconnect). Thrown only when ROLLBACK fails;
/// otherwise `withTransaction` rethrows the body's error unchanged, so `catch let error as
/// PQError` keeps working. Like `PQError`, `description` leaves the server's messages out.
package struct PQTransactionError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What the body threw: what the caller should act on.
    package let bodyError: any Error
    package let rollbackError: any Error

    package init(bodyError: any Error, rollbackError: any Error) {
        self.bodyError = bodyError
        self.rollbackError = rollbackError
    }

    package var description: String {
        "PQTransactionError(body: \(bodyError), rollback: \(rollbackError))"
    }

    package var debugDescription: String {
        "PQTransactionError(body: \(String(reflecting: bodyError)), rollback: \(String(reflecting: rollbackError)))"
    }
}
