/// The permission policy: role × action × scope. `UnionStore` asks it before touching data, so
/// the API and the CLI can't answer differently; PostgreSQL's row-level security is the second
/// wall behind it.
package enum Policy {
    package enum Decision: Sendable, Hashable {
        case allow
        /// The role may not do this at all (HTTP 403).
        case forbidden
        /// The target lies outside the principal's scope; say "not found" so its existence
        /// doesn't leak (HTTP 404).
        case notFound
    }

    /// May `role` take `action` anywhere in its scope? The table itself: asked on every
    /// request, so it builds nothing.
    package static func allows(_ role: Role, _ action: Action) -> Bool {
        switch action {
        case .readOffices, .readBranchData: true
        case .manageOffices, .manageUsers, .manageTokens, .manageAid: role == .areaAdmin
        case .readUsers, .readAudit: role == .areaAdmin || role == .auditor
        case .writeBranchData: role == .areaAdmin || role == .branchOfficer
        case .reviewCases: role == .areaAdmin || role == .areaReviewer
        }
    }

    /// Which roles may take an action anywhere in their scope.
    package static func roles(for action: Action) -> Set<Role> {
        Set(Role.allCases.filter { allows($0, action) })
    }

    /// May `principal` take `action`, on `office` when the action targets one?
    package static func decide(_ principal: Principal, _ action: Action, office: Office.ID? = nil) -> Decision {
        if let office, !principal.canSee(office: office) { return .notFound }
        return allows(principal.role, action) ? .allow : .forbidden
    }

    /// Separation of duties: whoever submitted an aid case or claim never approves it, whatever
    /// their role.
    package static func decideApproval(_ principal: Principal, submittedBy submitter: User.ID, office: Office.ID) -> Decision {
        let decision = decide(principal, .reviewCases, office: office)
        guard decision == .allow else { return decision }
        return principal.userID == submitter ? .forbidden : .allow
    }

    /// A role can be given to a user of this office kind: area roles sit in area or district
    /// offices, branch roles in branches (an enterprise's own union is one).
    package static func role(_ role: Role, fits kind: Office.Kind) -> Bool {
        role.isAreaRole ? !kind.isBranchLevel : kind.isBranchLevel
    }
}

/// What the store throws when the policy says no.
package struct PolicyDenial: Error, Sendable, Hashable {
    package let decision: Policy.Decision
    package let action: Action
    package init(decision: Policy.Decision, action: Action) {
        self.decision = decision
        self.action = action
    }
}

extension Policy {
    /// Throws a `PolicyDenial` unless the policy allows.
    package static func require(_ principal: Principal, _ action: Action, office: Office.ID? = nil) throws(PolicyDenial) {
        let decision = decide(principal, action, office: office)
        guard decision == .allow else { throw PolicyDenial(decision: decision, action: action) }
    }
}
