/// What a user may do, and over which offices (DOMAIN.md "Roles").
package enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// The area and every branch below it: everything, offices, users, programs and funds included.
    case areaAdmin = "area_admin"
    /// The area and every branch: read all; approve or reject aid and claims; record disbursements.
    case areaReviewer = "area_reviewer"
    /// Their own branch: create and update its workers, files, applications, enrolments, activities.
    case branchOfficer = "branch_officer"
    /// Their own branch, read only.
    case branchViewer = "branch_viewer"
    /// The area, read only, the audit log included; personal ID numbers masked.
    case auditor

    /// Roles whose scope is the area's whole subtree; they belong to an area office.
    package var isAreaRole: Bool {
        switch self {
        case .areaAdmin, .areaReviewer, .auditor: true
        case .branchOfficer, .branchViewer: false
        }
    }

    /// Whether personal ID numbers are shown unmasked to this role.
    package var seesFullIDNumbers: Bool {
        switch self {
        case .areaAdmin, .areaReviewer, .branchOfficer: true
        case .branchViewer, .auditor: false
        }
    }
}
