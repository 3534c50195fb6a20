import Foundation
import PQ
import UnionDomain

/// Figures the area sets with a date they take effect, keeping their history (the minimum
/// living standard, `dibao`, among them). Only the keys of `SettingKey` exist.
package struct SettingStore: Sendable {
    let database: Database
    /// "Today" in Beijing, for what is in force; injected so tests can move the clock.
    let today: @Sendable () -> CalendarDate

    package init(database: Database, today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() }) {
        self.database = database
        self.today = today
    }

    package struct Entry: Sendable, Hashable {
        package let key: String
        package let value: Money
        package let effectiveFrom: CalendarDate
    }

    package static let dibao = SettingKey.dibao.rawValue

    /// Records a value from a date on (area_admin). Earlier values stay for earlier dates. A
    /// second value from the same date is a conflict unless `replace`, which corrects a value
    /// not yet in force and not used by a hardship file (409 `setting_in_force` / `setting_used`
    /// otherwise; 422 on `effective_from` when there is nothing from that date to replace).
    package func set(_ principal: Principal, key text: String, value: Money, from date: CalendarDate,
                     replace: Bool = false) async throws -> Entry {
        let key = try SettingKey.parse(text)
        guard value.fen > 0 else {
            throw ValidationFailure([FieldError(field: "value", code: "not_positive", message: "must be above zero", messageZH: "必须大于零")])
        }
        let today = today()
        return try await database.withSession(principal) { session in
            try session.require(.manageOffices)
            if replace {
                try await self.replace(session, principal, key: key, value: value, from: date, today: today)
            } else {
                do {
                    try await session.query("""
                        INSERT INTO settings (office_id, key, value, effective_from, created_by)
                        VALUES (\(principal.officeID), \(key.rawValue), \(value), \(date), \(principal.userID))
                        """)
                } catch let error as PQError where error.sqlState == .uniqueViolation {
                    throw StoreError.conflict(.settingExists(key: key.rawValue, from: date.description))
                }
            }
            return Entry(key: key.rawValue, value: value, effectiveFrom: date)
        }
    }

    /// Corrects the caller's office's entry from `date`, under its row lock so a hardship file
    /// can't be confirmed against it between the check and the write (the trigger
    /// `settings_replaceable` holds the same rule for any writer).
    private func replace(_ session: Session, _ principal: Principal, key: SettingKey, value: Money, from date: CalendarDate,
                         today: CalendarDate) async throws {
        guard let row = try await session.query("""
            SELECT id, setting_entry_used(id) AS used FROM settings
            WHERE office_id = \(principal.officeID) AND key = \(key.rawValue) AND effective_from = \(date) FOR UPDATE
            """).rows.first else {
            throw ValidationFailure([FieldError(field: "effective_from", code: "nothing_to_replace",
                                                message: "no value of \(key.rawValue) starts on \(date) (leave out --replace to add one)",
                                                messageZH: "\(key.rawValue) 没有自 \(date) 起的取值可替换（去掉 --replace 即可新增）")])
        }
        let id = try row.decode(UUID.self, column: "id")
        switch SettingReplacement.decide(effectiveFrom: date, today: today, usedByAFile: try row.decode(Bool.self, column: "used")) {
        case .inForce: throw StoreError.conflict(.settingInForce)
        case .used: throw StoreError.conflict(.settingUsed)
        case .allowed:
            try await session.query("""
                UPDATE settings SET value = \(value), created_by = \(principal.userID), created_at = now() WHERE id = \(id)
                """)
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

    package func history(_ principal: Principal, key text: String) async throws -> [Entry] {
        let key = try SettingKey.parse(text)
        return try await database.read(principal, """
            SELECT key, value, effective_from FROM settings WHERE key = \(key.rawValue) ORDER BY effective_from, created_at
            """).rows.map(Self.entry)
    }

    /// A known setting with the value in force today and the values still to come.
    package struct Overview: Sendable, Hashable {
        package let key: SettingKey
        package let inForce: Entry?
        package let upcoming: [Entry]

        package init(key: SettingKey, inForce: Entry?, upcoming: [Entry]) {
            self.key = key
            self.inForce = inForce
            self.upcoming = upcoming
        }
    }

    /// Every known setting, in `SettingKey` order, even one never set.
    package func overview(_ principal: Principal) async throws -> [Overview] {
        let today = today()
        let entries = try await database.read(principal, """
            SELECT key, value, effective_from FROM settings ORDER BY effective_from, created_at
            """).rows.map(Self.entry)
        return SettingKey.allCases.map { key in
            let mine = entries.filter { $0.key == key.rawValue }
            // The latest entry by date wins; of two from one date, the later written (as `value`).
            return Overview(key: key, inForce: mine.last { $0.effectiveFrom <= today }, upcoming: mine.filter { $0.effectiveFrom > today })
        }
    }

    static func entry(_ row: PQRow) throws -> Entry {
        Entry(key: try row.decode(String.self, column: "key"), value: try row.decode(Money.self, column: "value"),
              effectiveFrom: try row.decode(CalendarDate.self, column: "effective_from"))
    }
}

extension StoreMessage {
    /// The same sentences whether the store or the trigger `settings_replaceable` refuses.
    package static let settingInForce = ConstraintMessages.message(for: "settings_in_force_unchanged", kind: .check)
    package static let settingUsed = ConstraintMessages.message(for: "settings_used_unchanged", kind: .check)
}
