/// What a store operation can fail with, in terms the front ends can act on. No SQLSTATE,
/// SQL text or bound value passes above UnionStore.
package enum StoreError: Error, Sendable, Equatable {
    /// The row does not exist, or the caller may not know it exists (another branch's row).
    case notFound
    /// A uniqueness or state conflict; `reason` is a stable code such as `duplicate_id_number`.
    case conflict(reason: String)
    /// The caller's role may not do this.
    case forbidden
    /// A reference to something that doesn't exist (foreign key), named by constraint.
    case invalidReference(constraint: String)
    /// The database refused a value (check constraint); the input was wrong.
    case rejected(constraint: String)
    /// Serialization failure or deadlock that persisted through retries.
    case retryable
    /// The database can't be reached.
    case unavailable
}
