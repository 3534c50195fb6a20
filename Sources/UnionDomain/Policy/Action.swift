/// Everything a principal can ask to do, named by resource and verb. The policy decides each.
package enum Action: String, Sendable, Hashable, CaseIterable {
    case readOffices
    case manageOffices
    case readUsers
    case manageUsers
    case manageTokens
    case readAudit
    case readBranchData
    case writeBranchData
    case reviewCases
    /// Funds, their receipts, aid programs, and reversing a disbursement: the area administrator's.
    case manageAid
}
