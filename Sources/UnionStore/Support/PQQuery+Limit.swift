import PQ

extension PQQuery {
    /// `LIMIT n` written into the statement rather than bound. A bound LIMIT hides the page size
    /// from the planner, and the generic plan a prepared statement settles on can then sort the
    /// whole table instead of walking the keyset index for a page of 50. `n` is an Int the
    /// store computed, so nothing from outside enters the SQL.
    static func limit(_ count: Int) -> PQQuery {
        PQQuery(unsafeSQL: " LIMIT \(max(0, count))")
    }
}
