import Foundation
import PQ
import UnionDomain

/// Figures the area sets with a date they take effect, keeping their history (the minimum
/// living standard, `dibao`, among them).
package struct SettingStore: Sendable {
    let database: Database
    package init(database: Database) { self.database = database }

    package struct Entry: Sendable, Hashable {
        package let key: String
        package let value: Money
        package let effectiveFrom: CalendarDate
    }

    package static let dibao = "dibao"

    /// Records a value from a date on (area_admin). Earlier values stay for earlier dates.
    package func set(_ principal: Principal, key: String, value: Money, from date: CalendarDate) async throws -> Entry {
        guard key.range(of: "^[a-z_]{2,40}$", options: .regularExpression) != nil else {
            throw ValidationFailure([.invalidFormat("key", expected: "lower-case letters and underscores", expectedZH: "小写字母和下划线")])
        }
        guard value.fen > 0 else {
            throw ValidationFailure([FieldError(field: "value", code: "not_positive", message: "must be above zero", messageZH: "必须大于零")])
        }
        return try await database.withSession(principal) { session in
            try session.require(.manageOffices)
            do {
                try await session.query("""
                    INSERT INTO settings (office_id, key, value, effective_from, created_by)
                    VALUES (\(principal.officeID), \(key), \(value), \(date), \(principal.userID))
                    """)
            } catch let error as PQError where error.sqlState == .uniqueViolation {
                throw StoreError.conflict(.settingExists(key: key, from: date.description))
            }
            return Entry(key: key, value: value, effectiveFrom: date)
        }
    }

    /// The value in force on `date`, or nil when none was set by then.
    package func value(_ principal: Principal, key: String, on date: CalendarDate) async throws -> Money? {
        try await database.read(principal, """
            SELECT value FROM settings WHERE key = \(key) AND effective_from <= \(date)
            ORDER BY effective_from DESC, created_at DESC LIMIT 1
            """).scalar(Money.self)
    }

    func value(_ session: Session, key: String, on date: CalendarDate) async throws -> Money? {
        try await session.query("""
            SELECT value FROM settings WHERE key = \(key) AND effective_from <= \(date)
            ORDER BY effective_from DESC, created_at DESC LIMIT 1
            """).scalar(Money.self)
    }

    package func history(_ principal: Principal, key: String) async throws -> [Entry] {
        try await database.read(principal, """
            SELECT key, value, effective_from FROM settings WHERE key = \(key) ORDER BY effective_from
            """).rows.map {
                Entry(key: try $0.decode(String.self, column: "key"), value: try $0.decode(Money.self, column: "value"),
                      effectiveFrom: try $0.decode(CalendarDate.self, column: "effective_from"))
            }
    }
}
