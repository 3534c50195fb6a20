import PQ
import UnionDomain

extension StoreError {
    /// The one place a database error (or a policy denial) becomes a store error. Anything not
    /// listed is a bug or an outage and passes through, for the front end to log and answer 500.
    package static func map(_ error: any Error) -> any Error {
        map(error, writing: nil)
    }

    /// `map`, where the statement wrote the unique key `value` (an office code, a username):
    /// a duplicate's sentence then names it. The server can't: for a table under row-level
    /// security it leaves the key out of the error's detail. Only for values safe to repeat,
    /// and shown only by the constraints whose sentences have room for them (never an ID number).
    package static func map(_ error: any Error, writing value: String?) -> any Error {
        // A failed ROLLBACK rides beside the body's error: the body's is the one to map.
        if let failed = error as? PQTransactionError { return map(failed.bodyError, writing: value) }
        if let denial = error as? PolicyDenial {
            return denial.decision == .notFound ? StoreError.notFound : StoreError.forbidden
        }
        guard let error = error as? PQError else { return error }
        switch error.code {
        case .connectionFailed, .connectionLost, .poolTimeout, .poolClosed, .authenticationFailed:
            return StoreError.unavailable
        default:
            break
        }
        guard let state = error.sqlState else { return error }
        switch state {
        case .uniqueViolation, .exclusionViolation:
            return StoreError.conflict(ConstraintMessages.message(for: error.constraint, kind: .unique, value: value, column: error.column))
        case .foreignKeyViolation:
            // Deleting a row others still point at is a conflict with the current state; a row
            // pointing at nothing is bad input.
            // (The server's English text tells the two apart; row-level security hides the detail.)
            if error.message.hasPrefix("update or delete on table") || error.detail?.contains("is still referenced") == true {
                return StoreError.conflict(ConstraintMessages.message(for: nil, kind: .stillReferenced))
            }
            return StoreError.invalid(ConstraintMessages.message(for: error.constraint, kind: .foreignKey, column: error.column))
        case .checkViolation:
            return StoreError.invalid(ConstraintMessages.message(for: error.constraint, kind: .check, column: error.column))
        case .notNullViolation:
            return StoreError.invalid(ConstraintMessages.message(for: error.constraint, kind: .notNull, column: error.column))
        case .serializationFailure, .deadlockDetected:
            return StoreError.retryable
        case .queryCanceled:
            // The server cancelled the statement: a forced stop of this server (or an
            // operator's pg_cancel_backend). Nothing was committed; try again, elsewhere.
            return StoreError.unavailable
        case .insufficientPrivilege:
            // Row-level security refusing a write ("new row violates row-level security
            // policy") or a column the app role may not update.
            return StoreError.forbidden
        default:
            if state.isConnectionException { return StoreError.unavailable }
            // Class 22 (data exception: 22P02 invalid text representation, 22007 a bad date,
            // 22003 out of range, 22001 too long) is a value the input carried that the
            // database could not take: invalid input, never "not found".
            if state.sqlClass == "22" { return StoreError.invalid(Self.dataException(column: error.column)) }
            return error
        }
    }

    /// The server names no column for most data exceptions; the field is given when it does.
    static func dataException(column: String?) -> StoreMessage {
        StoreMessage(code: "invalid_value", field: column, en: "A value is not in a form the database accepts.",
                     zh: "有取值的格式无法被数据库接受。")
    }
}
