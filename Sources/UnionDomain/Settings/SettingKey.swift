/// The figures the area sets, each from a date on with its history kept. A closed list: a
/// typo (`dibo`) must be refused, not stored as a setting nothing reads. Adding one means a
/// case here and the database's `settings_key_known` check (a migration).
package enum SettingKey: String, Sendable, Hashable, CaseIterable {
    /// 北京低保: the monthly minimum living standard, yuan per person per month; hardship tiers
    /// (deep < 1 ×, relative < 2 ×) are measured against the value in force.
    case dibao

    package var description: String {
        switch self {
        case .dibao: "Beijing minimum living standard (dibao), yuan per person per month"
        }
    }

    package var descriptionZH: String {
        switch self {
        case .dibao: "北京市城乡居民最低生活保障标准（低保），元/人·月"
        }
    }

    /// `text` as a known key, or a field error on `key` listing the known ones.
    package static func parse(_ text: String) throws(ValidationFailure) -> SettingKey {
        guard let key = SettingKey(rawValue: text.trimmingWhitespace().lowercased()) else {
            throw ValidationFailure([.unknownValue("key", allowed: allCases.map(\.rawValue))])
        }
        return key
    }
}

/// Whether an entry (a value from a date) may still be replaced by a corrected value.
package enum SettingReplacement: Sendable, Hashable {
    case allowed
    /// Its date has come: the value is history.
    case inForce
    /// A hardship file recorded this figure (and no other entry of the key has it).
    case used

    package static func decide(effectiveFrom: CalendarDate, today: CalendarDate, usedByAFile: Bool) -> SettingReplacement {
        if effectiveFrom <= today { return .inForce }
        return usedByAFile ? .used : .allowed
    }
}
