/// The signed-in user on whose behalf a request or CLI command runs. Never carries a password,
/// a token or a personal ID number, so it is safe to log.
package struct Principal: Sendable, Hashable {
    package let userID: User.ID
    package let username: String
    package let role: Role
    /// The office the user belongs to.
    package let officeID: Office.ID
    /// Every office the user may see: their office and all offices below it.
    package let scope: Set<Office.ID>
    /// The scope as a PostgreSQL array literal (`{id,id,…}`), for the row-level security
    /// setting; built once here rather than on every transaction.
    package let scopeLiteral: String
    /// Who, in which role, seeing what, as one string: principals with equal keys get equal
    /// row-level security settings, so a connection set for one serves the other.
    package let scopeKey: String

    package init(userID: User.ID, username: String, role: Role, officeID: Office.ID, scope: Set<Office.ID>) {
        self.userID = userID
        self.username = username
        self.role = role
        self.officeID = officeID
        self.scope = scope.union([officeID])
        scopeLiteral = "{" + self.scope.map(\.description).sorted().joined(separator: ",") + "}"
        scopeKey = userID.description + " " + role.rawValue + " " + scopeLiteral
    }

    package func canSee(office: Office.ID) -> Bool { scope.contains(office) }
}
