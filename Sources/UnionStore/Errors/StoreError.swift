/// What a store operation can fail with, in terms the front ends can act on. No SQLSTATE,
/// SQL text, constraint name or bound value passes above UnionStore: a refusal by the database
/// arrives as a `StoreMessage` translated in `ConstraintMessages`.
package enum StoreError: Error, Sendable, Equatable {
    /// The row does not exist, or the caller may not know it exists (another branch's row).
    case notFound
    /// A uniqueness or state conflict (409): `message.code` is stable (`duplicate_id_number`).
    case conflict(StoreMessage)
    /// The caller's role may not do this.
    case forbidden
    /// The input was wrong in a way only the database saw (422): a check or not-null
    /// constraint, a reference to something that doesn't exist, a value of the wrong form
    /// (SQLSTATE class 22). `message.field` names the field when it is known.
    case invalid(StoreMessage)
    /// Serialization failure or deadlock that persisted through retries.
    case retryable
    /// The database can't be reached.
    case unavailable
}

/// A refusal in words a person can act on, in English and Chinese, with a stable code for
/// programs. Never carries a constraint's name or a personal ID number.
package struct StoreMessage: Sendable, Hashable {
    /// Stable, for programs and API clients: `duplicate_office_code`, `open_hardship_file_exists`.
    package let code: String
    /// The input field it concerns (`code`, `parent_id`), when there is one.
    package let field: String?
    package let en: String
    package let zh: String

    package init(code: String, field: String? = nil, en: String, zh: String) {
        self.code = code
        self.field = field
        self.en = en
        self.zh = zh
    }

    package func text(chinese: Bool) -> String { chinese ? zh : en }
}

/// State conflicts the stores raise themselves (not constraints).
extension StoreMessage {
    package static let invalidTransition = StoreMessage(
        code: "invalid_transition", en: "The file is not in a state that allows this.", zh: "档案当前状态不允许此操作。")
    package static let fileNotEditable = StoreMessage(
        code: "file_not_editable", en: "Only draft or submitted files can be edited.", zh: "只有草稿或已提交的档案可以修改。")
    package static let fileNotActive = StoreMessage(
        code: "file_not_active", en: "Only active files are reviewed.", zh: "只有生效中的档案可以复核。")

    /// A value for `key` from `date` exists already (settings keep one value per date).
    package static func settingExists(key: String, from date: String) -> StoreMessage {
        StoreMessage(code: "setting_exists", field: "effective_from",
                     en: "A value for \(key) from \(date) is already set.", zh: "\(key) 自 \(date) 起的取值已存在。")
    }
}
