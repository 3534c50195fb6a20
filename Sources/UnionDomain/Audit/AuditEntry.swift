import Foundation

/// One row of the audit log: who changed what, when, with the row before and after (personal
/// ID numbers already masked by the trigger that wrote it).
package struct AuditEntry: Sendable, Hashable, Codable {
    package let id: Int64
    package let at: Date
    package let userID: User.ID?
    package let username: String?
    package let officeID: Office.ID?
    package let officeCode: String?
    package let tableName: String
    package let rowID: String
    package let action: String
    /// JSON text of the row before the change (nil for inserts).
    package let before: String?
    /// JSON text of the row after the change (nil for deletes).
    package let after: String?

    package init(id: Int64, at: Date, userID: User.ID?, username: String?, officeID: Office.ID?, officeCode: String?,
                 tableName: String, rowID: String, action: String, before: String?, after: String?) {
        self.id = id
        self.at = at
        self.userID = userID
        self.username = username
        self.officeID = officeID
        self.officeCode = officeCode
        self.tableName = tableName
        self.rowID = rowID
        self.action = action
        self.before = before
        self.after = after
    }
}
