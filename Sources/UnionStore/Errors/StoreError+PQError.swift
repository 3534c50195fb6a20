import PQ
import UnionDomain

extension StoreError {
    /// The one place a database error (or a policy denial) becomes a store error. Anything not
    /// listed is a bug or an outage and passes through, for the front end to log and answer 500.
    package static func map(_ error: any Error) -> any Error {
        // A failed ROLLBACK rides beside the body's error: the body's is the one to map.
        if let failed = error as? PQTransactionError { return map(failed.bodyError) }
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
            return StoreError.conflict(reason: error.constraint ?? "duplicate")
        case .foreignKeyViolation:
            return StoreError.invalidReference(constraint: error.constraint ?? "reference")
        case .checkViolation, .notNullViolation:
            return StoreError.rejected(constraint: error.constraint ?? error.column ?? "value")
        case .serializationFailure, .deadlockDetected:
            return StoreError.retryable
        case .insufficientPrivilege:
            return StoreError.forbidden
        case .invalidTextRepresentation:
            return StoreError.notFound
        default:
            // Row-level security refusing a write looks like "new row violates row-level
            // security policy" (42501 is taken above); anything in class 08/57 is an outage.
            return state.isConnectionException ? StoreError.unavailable : error
        }
    }
}
