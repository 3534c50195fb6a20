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
        PQSessionState(key: principal.scopeKey,
                       statement: query(user: principal.userID.description, role: principal.role.rawValue,
                                        offices: principal.scopeLiteral, local: false))
    }

    /// The caller's office when it is their whole scope (a branch user). The policies'
    /// `app_sees` is no index condition, so list statements name this office themselves to
    /// read through an index on office rather than filter a whole ordered index.
    static func onlyOffice(of principal: Principal) -> Office.ID? {
        principal.scope.count == 1 ? principal.scope.first : nil
    }

    private static func query(user: String, role: String, offices: String, local: Bool) -> PQQuery {
        """
        SELECT set_config('unionhall.user_id', \(user), \(local)),
               set_config('unionhall.role', \(role), \(local)),
               set_config('unionhall.office_ids', \(offices), \(local))
        """
    }
}
