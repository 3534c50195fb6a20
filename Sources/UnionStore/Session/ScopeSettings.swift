import PQ
import UnionDomain

/// The transaction-local settings the row-level security policies read (0002 migration).
enum ScopeSettings {
    static func query(for principal: Principal) -> PQQuery {
        let offices = principal.scopeLiteral
        return """
            SELECT set_config('unionhall.user_id', \(principal.userID.description), true),
                   set_config('unionhall.role', \(principal.role.rawValue), true),
                   set_config('unionhall.office_ids', \(offices), true)
            """
    }
}
