import PQ

extension StoreError {
    /// The one place a database error becomes a store error. Anything not listed is a bug or
    /// an outage and is rethrown as is, for the front end to log and answer 500.
    package static func map(_ error: any Error) -> any Error {
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
        default:
            return state.isConnectionException ? StoreError.unavailable : error
        }
    }
}
