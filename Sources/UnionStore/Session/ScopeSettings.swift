import PQ
import UnionDomain

/// The settings the row-level security policies read (0002 migration): who is asking, in which
/// role, and which offices they may see.
enum ScopeSettings {
    /// Transaction-local, for `Database.withSession`: gone at COMMIT or ROLLBACK.
    static func local(for principal: Principal) -> PQQuery {
        query(user: principal.userID.description, role: principal.role.rawValue, offices: principal.scopeLiteral, local: true)
    }

    /// Session-level, for batched reads: a connection keeps it until a unit for another
    /// principal replaces it, so consecutive reads for one principal set it once.
    static func session(for principal: Principal) -> PQSessionState {
        let user = principal.userID.description
        let role = principal.role.rawValue
        return PQSessionState(key: user + " " + role + " " + principal.scopeLiteral,
                              statement: query(user: user, role: role, offices: principal.scopeLiteral, local: false))
    }

    private static func query(user: String, role: String, offices: String, local: Bool) -> PQQuery {
        """
        SELECT set_config('unionhall.user_id', \(user), \(local)),
               set_config('unionhall.role', \(role), \(local)),
               set_config('unionhall.office_ids', \(offices), \(local))
        """
    }
}
