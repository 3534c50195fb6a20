import PQ
import UnionDomain

/// One transaction on behalf of one principal, with the row-level security settings applied.
package struct Session: Sendable {
    let connection: PQConnection
    package let principal: Principal

    @discardableResult
    package func query(_ query: PQQuery) async throws -> PQResult {
        try await connection.query(query)
    }

    /// Asks the policy; a denial becomes `StoreError.forbidden` or `.notFound`.
    package func require(_ action: Action, office: Office.ID? = nil) throws {
        try Policy.require(principal, action, office: office)
    }
}
