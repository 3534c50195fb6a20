import PQ

/// What the store reports for metrics. UnionStore depends on no metrics library: whoever builds
/// the `Database` decides where these go (the server: Prometheus; tests and the CLI: nowhere).
package struct StoreEvents: Sendable {
    /// A database error reached the store's mapping, by SQLSTATE class (the first two
    /// characters: `23` integrity, `40` rollback, `42` access or syntax, `22` data, …).
    package var databaseError: @Sendable (_ sqlStateClass: String) -> Void

    package init(databaseError: @escaping @Sendable (_ sqlStateClass: String) -> Void = { _ in }) {
        self.databaseError = databaseError
    }

    /// Reports nothing.
    package static let none = StoreEvents()
}

extension Database {
    /// `StoreError.map`, counting the database error it maps. Every store operation's error
    /// passes here once: an error mapped inside a session comes out of it as a `StoreError`,
    /// which is neither counted nor mapped again.
    package func mapped(_ error: any Error, writing value: String? = nil) -> any Error {
        if let state = Self.sqlState(of: error) { events.databaseError(String(state.sqlClass)) }
        return StoreError.map(error, writing: value)
    }

    private static func sqlState(of error: any Error) -> SQLState? {
        if let failed = error as? PQTransactionError { return sqlState(of: failed.bodyError) }
        return (error as? PQError)?.sqlState
    }
}
