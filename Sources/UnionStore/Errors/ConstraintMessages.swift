import Foundation

/// Every constraint and unique index in `sql/migrations`, translated: a stable code, the input
/// field it guards, and a sentence in English and Chinese. A constraint's name never leaves
/// UnionStore; one missing here is answered with a generic sentence (and a test lists the
/// database's constraints against this table, so a new migration can't forget one).
///
/// A sentence shows the offending value only where that is safe (an office code, a username):
/// never for ID numbers, and never from a check violation's detail, which holds the whole row.
package enum ConstraintMessages {
    /// How the database refused, for the generic sentence when the constraint is unknown.
    package enum Kind: Sendable {
        case unique, check, foreignKey, stillReferenced, notNull
    }

    struct Entry: Sendable {
        let code: String
        let field: String?
        let en: String
        let zh: String
        /// The same sentence with `{value}` for the key's value, for keys that are safe to show.
        let enWithValue: String?
        let zhWithValue: String?

        init(_ code: String, field: String? = nil, en: String, zh: String, enWithValue: String? = nil, zhWithValue: String? = nil) {
            self.code = code
            self.field = field
            self.en = en
            self.zh = zh
            self.enWithValue = enWithValue
            self.zhWithValue = zhWithValue
        }
    }

    /// The message for a refusal by `constraint`. `value` is the unique key the statement wrote,
    /// passed by a store that knows it is safe to show and used only by entries that show it; `column` names the field for not-null
    /// violations and unknown constraints.
    package static func message(for constraint: String?, kind: Kind, value: String? = nil, column: String? = nil) -> StoreMessage {
        if let constraint, let entry = entries[constraint] {
            if let value, let en = entry.enWithValue, let zh = entry.zhWithValue, let shown = displayable(value) {
                return StoreMessage(code: entry.code, field: entry.field,
                                    en: en.replacingOccurrences(of: "{value}", with: shown),
                                    zh: zh.replacingOccurrences(of: "{value}", with: shown))
            }
            return StoreMessage(code: entry.code, field: entry.field, en: entry.en, zh: entry.zh)
        }
        if let constraint, constraint.hasSuffix("_pkey"), kind == .unique {
            return StoreMessage(code: "duplicate_record", en: "This record already exists.", zh: "该记录已存在。")
        }
        switch kind {
        case .unique:
            return StoreMessage(code: "duplicate", field: column, en: "This would duplicate an existing record.", zh: "与已有记录重复。")
        case .check:
            return StoreMessage(code: "rejected", field: column, en: "A value is not accepted.", zh: "有取值不被接受。")
        case .foreignKey:
            return StoreMessage(code: "unknown_reference", field: column, en: "It refers to something that does not exist.", zh: "引用的对象不存在。")
        case .stillReferenced:
            return StoreMessage(code: "still_referenced", en: "Other records still refer to it.", zh: "仍有其他记录引用它。")
        case .notNull:
            return StoreMessage(code: "required", field: column, en: "A required value is missing.", zh: "缺少必填的值。")
        }
    }

    /// The constraints this table knows (primary keys are answered generically), for the test
    /// that compares it with the database's.
    package static var knownConstraints: Set<String> { Set(entries.keys) }

    /// A value short and plain enough to repeat back.
    private static func displayable(_ value: String) -> String? {
        guard !value.isEmpty, value.count <= 60, !value.contains(where: { $0.isNewline }) else { return nil }
        return value
    }

    private static let entries: [String: Entry] = {
        var table: [String: Entry] = [:]
        func add(_ constraint: String, _ entry: Entry) { table[constraint] = entry }
        let unknownOffice = Entry("unknown_office", field: "office_id", en: "The office does not exist.", zh: "工会不存在。")
        let unknownWorker = Entry("unknown_worker", field: "worker_id", en: "The worker does not exist.", zh: "职工不存在。")
        let idNumberFormat = Entry("invalid_id_number", field: "id_number", en: "An ID number is 17 digits and a check character (a digit or X).",
                                   zh: "身份证号须为17位数字加一位校验码（数字或X）。")

        // 0002: offices, users, tokens, audit.
        add("offices_code_key", Entry("duplicate_office_code", field: "code", en: "This office code is taken.", zh: "该工会代码已被使用。",
                                      enWithValue: "Office code {value} is taken.", zhWithValue: "工会代码 {value} 已被使用。"))
        add("offices_code_format", Entry("invalid_office_code", field: "code",
                                         en: "An office code is 2 to 40 lower-case letters, digits or hyphens, starting with a letter.",
                                         zh: "工会代码须为2至40位小写字母、数字或连字符，并以字母开头。"))
        add("offices_name_length", Entry("invalid_office_name", field: "name", en: "An office name is 1 to 100 characters long.",
                                         zh: "工会名称须为1至100个字符。"))
        add("offices_kind_check", Entry("unknown_office_kind", field: "kind", en: "An office is a district, an area, a branch or an enterprise union.",
                                        zh: "工会类型只能是区级、地区、基层或企业工会（district、area、branch、enterprise）。"))
        add("offices_parent_fkey", Entry("unknown_parent_office", field: "parent_id", en: "The parent office does not exist.", zh: "上级工会不存在。"))
        add("offices_branch_has_parent", Entry("branch_needs_parent", field: "parent_id", en: "A branch needs a parent office.",
                                               zh: "基层工会必须有上级工会。"))
        add("users_username_key", Entry("duplicate_username", field: "username", en: "This username is taken.", zh: "该用户名已被使用。",
                                        enWithValue: "Username {value} is taken.", zhWithValue: "用户名 {value} 已被使用。"))
        add("users_username_format", Entry("invalid_username", field: "username",
                                           en: "A username is 3 to 40 lower-case letters, digits, dots, underscores or hyphens.",
                                           zh: "用户名须为3至40位小写字母、数字、点、下划线或连字符。"))
        add("users_display_name_length", Entry("invalid_display_name", field: "display_name", en: "A display name is 1 to 50 characters long.",
                                               zh: "姓名须为1至50个字符。"))
        add("users_office_fkey", unknownOffice)
        add("users_role_check", Entry("unknown_role", field: "role",
                                      en: "A role is one of area_admin, area_reviewer, branch_officer, branch_viewer, auditor.",
                                      zh: "角色只能是 area_admin、area_reviewer、branch_officer、branch_viewer、auditor 之一。"))
        add("api_tokens_user_fkey", Entry("unknown_user", field: "user_id", en: "The user does not exist.", zh: "用户不存在。"))
        add("api_tokens_office_fkey", unknownOffice)
        add("api_tokens_hash_key", Entry("token_collision", en: "The new token collided with an existing one; issue it again.",
                                         zh: "新令牌与已有令牌冲突，请重新签发。"))
        add("api_tokens_kind_check", Entry("unknown_token_kind", field: "kind", en: "A token is a session or an API token.",
                                           zh: "令牌类型只能是会话或接口令牌（session、api）。"))
        add("api_tokens_label_length", Entry("invalid_label", field: "label", en: "A label is at most 100 characters long.",
                                             zh: "标签不能超过100个字符。"))
        add("audit_log_action_check", Entry("unknown_audit_action", field: "action", en: "An audit entry records an INSERT, UPDATE or DELETE.",
                                            zh: "审计记录的操作只能是 INSERT、UPDATE 或 DELETE。"))

        // 0003, 0004, 0006: workers and what points at them.
        add("workers_office_fkey", unknownOffice)
        add("workers_name_length", Entry("invalid_name", field: "name", en: "A name is 1 to 50 characters long.", zh: "姓名须为1至50个字符。"))
        // The number itself is never repeated: it is personal data, and naming it would confirm
        // that the person is registered somewhere else in the area.
        add("workers_id_number_key", Entry("duplicate_id_number", field: "id_number",
                                           en: "A worker with this ID number is already registered.", zh: "该身份证号已登记。"))
        add("workers_id_number_format", idNumberFormat)
        add("workers_sex_check", Entry("unknown_sex", field: "sex", en: "Sex is male or female.", zh: "性别只能是 male（男）或 female（女）。"))
        add("workers_phone_length", Entry("invalid_phone", field: "phone", en: "A phone number is at most 20 characters long.",
                                          zh: "电话号码不能超过20个字符。"))
        add("workers_hukou_check", Entry("unknown_hukou", field: "hukou", en: "Hukou is urban or rural.", zh: "户口类型只能是 urban（城镇）或 rural（农村）。"))
        add("workers_employer_length", Entry("invalid_employer", field: "employer", en: "An employer is at most 100 characters long.",
                                             zh: "工作单位不能超过100个字符。"))
        add("workers_occupation_length", Entry("invalid_occupation", field: "occupation", en: "An occupation is at most 50 characters long.",
                                               zh: "职业不能超过50个字符。"))
        add("workers_status_check", Entry("unknown_membership_status", field: "membership_status",
                                          en: "Membership status is active, transferred, retired, deceased or left.",
                                          zh: "会籍状态只能是 active、transferred、retired、deceased 或 left。"))
        add("workers_card_length", Entry("invalid_member_card_number", field: "member_card_number",
                                         en: "A member card number is at most 32 characters long.", zh: "会员证号不能超过32个字符。"))
        add("workers_hardship_tier_check", Entry("unknown_hardship_tier", field: "hardship_tier", en: "A hardship tier is deep, relative or accident.",
                                                 zh: "困难类别只能是 deep（深度）、relative（相对）或 accident（意外致困）。"))
        add("workers_id_office_key", Entry("duplicate_record", en: "This record already exists.", zh: "该记录已存在。"))
        add("worker_transfers_worker_fkey", unknownWorker)
        add("worker_transfers_from_office_id_fkey", Entry("unknown_office", field: "from_office", en: "The office does not exist.", zh: "工会不存在。"))
        add("worker_transfers_to_office_id_fkey", Entry("unknown_office", field: "to_office", en: "The office does not exist.", zh: "工会不存在。"))
        add("worker_transfers_reason_length", Entry("invalid_reason", field: "reason", en: "A reason is 1 to 200 characters long.",
                                                    zh: "转移原因须为1至200个字符。"))
        add("household_members_worker_fkey", Entry("unknown_worker", field: "worker_id",
                                                    en: "The worker does not exist in the household member's office.", zh: "该工会没有这名职工。"))
        add("household_members_office_id_fkey", unknownOffice)
        add("household_members_relation_check", Entry("unknown_relation", field: "relation",
                                                      en: "A relation is spouse, child, parent, sibling, grandparent, grandchild or other.",
                                                      zh: "关系只能是 spouse、child、parent、sibling、grandparent、grandchild 或 other。"))
        add("household_members_name_length", Entry("invalid_name", field: "name", en: "A name is 1 to 50 characters long.", zh: "姓名须为1至50个字符。"))
        add("household_members_id_number_format", idNumberFormat)
        add("household_members_level_check", Entry("unknown_level", field: "level",
                                                   en: "A school level is primary, junior_high, senior_high, vocational, junior_college, undergraduate or graduate.",
                                                   zh: "学段只能是 primary、junior_high、senior_high、vocational、junior_college、undergraduate 或 graduate。"))
        add("model_worker_records_pkey", Entry("duplicate_model_worker_record", en: "This worker already has a model-worker record.",
                                               zh: "该职工已有劳模记录。"))
        add("model_worker_records_worker_fkey", Entry("unknown_worker", field: "worker_id",
                                                      en: "The worker does not exist in the record's office.", zh: "该工会没有这名职工。"))
        add("model_worker_records_office_id_fkey", unknownOffice)
        add("model_worker_records_level_check", Entry("unknown_level", field: "level", en: "An honour level is national, provincial, municipal or other.",
                                                      zh: "荣誉级别只能是 national（全国）、provincial（省部级）、municipal（地市级）或 other（其他）。"))
        add("settings_office_id_fkey", unknownOffice)
        add("settings_key_format", Entry("invalid_setting_key", field: "key", en: "A setting key is 2 to 40 lower-case letters or underscores.",
                                         zh: "设置项名称须为2至40位小写字母或下划线。"))
        add("settings_key_from_key", Entry("setting_exists", field: "effective_from", en: "A value from that date is already set.",
                                           zh: "该日期起的取值已存在。"))
        add("hardship_files_worker_fkey", unknownWorker)
        add("hardship_files_office_id_fkey", unknownOffice)
        add("hardship_files_status_check", Entry("unknown_status", field: "status", en: "A file's status is draft, submitted, active or closed.",
                                                 zh: "档案状态只能是 draft、submitted、active 或 closed。"))
        add("hardship_files_tier_check", Entry("unknown_hardship_tier", field: "tier", en: "A hardship tier is deep, relative or accident.",
                                               zh: "困难类别只能是 deep（深度）、relative（相对）或 accident（意外致困）。"))
        add("hardship_files_size_check", Entry("out_of_range", field: "household_size", en: "A household has 1 to 30 people.", zh: "家庭人口须在1到30之间。"))
        add("hardship_files_annual_income_check", Entry("negative_amount", field: "annual_income", en: "Annual income can't be negative.",
                                                        zh: "家庭年收入不能为负数。"))
        add("hardship_files_essential_spending_check", Entry("negative_amount", field: "essential_spending", en: "Essential spending can't be negative.",
                                                             zh: "刚性支出不能为负数。"))
        add("hardship_files_hardship_costs_check", Entry("negative_amount", field: "hardship_costs", en: "Hardship costs can't be negative.",
                                                         zh: "致困支出不能为负数。"))
        add("hardship_files_secondary_count", Entry("too_many", field: "secondary_causes", en: "A file has at most three secondary causes.",
                                                    zh: "次要致困原因最多三项。"))
        add("hardship_files_reason_check", Entry("unknown_value", field: "reason", en: "A closing reason is lifted, retired, transferred or deceased.",
                                                 zh: "关闭原因只能是 lifted（脱困）、retired（退休）、transferred（转移）或 deceased（去世）。"))
        add("hardship_files_closed_has_reason", Entry("closing_reason_mismatch", field: "reason",
                                                      en: "A closed file has a closing reason, and only a closed file has one.",
                                                      zh: "只有已关闭的档案才有关闭原因，且必须有。"))
        add("hardship_files_one_open_per_worker", Entry("open_hardship_file_exists", field: "worker_id",
                                                        en: "This household already has an open hardship file.", zh: "该家庭已有未关闭的困难档案。"))

        // 0008: one open file per household, across branches; the return trail.
        // Names no person, file or branch: the other file may be another branch's.
        add("hardship_file_people_one_open_file", Entry("household_in_open_file",
                                                        en: "This worker or someone in the household is already covered by an open hardship file.",
                                                        zh: "该职工或其家庭成员已在一份未关闭的困难档案中。"))
        add("hardship_file_people_file_fkey", Entry("unknown_file", en: "The hardship file does not exist.", zh: "困难档案不存在。"))
        add("hardship_files_return_reason_length", Entry("invalid_reason", field: "reason", en: "A reason is 1 to 200 characters long.",
                                                         zh: "退回原因须为1至200个字符。"))

        // 0009: registry rules. Checks raised by triggers carry these names too.
        add("workers_office_is_branch", Entry("not_a_branch", field: "office_id",
                                              en: "Workers are registered with a branch, not with the area office itself.",
                                              zh: "职工只能登记在基层工会，不能登记在地区工会本身。"))
        // Like ID numbers: the card number and the branch holding it are never named.
        add("workers_member_card_number_key", Entry("duplicate_member_card_number", field: "member_card_number",
                                                    en: "This member card number is already in use.", zh: "该会员证号已被使用。"))
        add("workers_member_since_after_birth", Entry("before_birth", field: "member_since", en: "Member since must be after the birth date.",
                                                      zh: "入会日期须晚于出生日期。"))
        add("workers_joined_at_sixteen", Entry("under_16", field: "member_since", en: "A worker joins at 16 or older.",
                                               zh: "入会时须年满16周岁。"))
        add("workers_sixteen_today", Entry("under_16", field: "birth_date", en: "A worker is at least 16.", zh: "职工须年满16周岁。"))
        add("household_members_one_id_number", Entry("duplicate_household_member", field: "id_number",
                                                     en: "This person is already a member of the household.", zh: "该成员已在家庭成员中。"))
        add("household_members_one_child_by_name", Entry("duplicate_household_member", field: "name",
                                                         en: "A child of this name without an ID number is already in the household.",
                                                         zh: "家庭成员中已有同名且无身份证号的子女。"))
        add("household_members_not_the_worker", Entry("is_the_worker", field: "id_number",
                                                      en: "The worker is not a member of their own household.", zh: "职工本人不能作为家庭成员。"))
        add("workers_not_a_household_member", Entry("is_a_household_member", field: "id_number",
                                                    en: "This is the ID number of a member of the worker's household.",
                                                    zh: "与该职工的家庭成员身份证号相同。"))
        add("settings_key_known", Entry("unknown_setting", field: "key", en: "There is no such setting (unionctl setting list shows them).",
                                        zh: "没有这个设置项（unionctl setting list 可列出全部）。"))
        add("settings_in_force_unchanged", Entry("setting_in_force", field: "effective_from",
                                                 en: "A value already in force is history and can't be replaced; set a new value from a later date.",
                                                 zh: "已生效的取值属于历史记录，不能替换；请设置自以后某日起的新取值。"))
        add("settings_used_unchanged", Entry("setting_used", field: "effective_from",
                                             en: "A hardship file already used this value; it can't be replaced. Set a new value from a later date.",
                                             zh: "已有困难档案使用了该取值，不能替换；请设置自以后某日起的新取值。"))
        // 0010: funds, the ledger, aid programs and cases.
        table.merge(aidEntries) { current, _ in current }
        // 0011: enterprises, collective contracts, activities, clubs.
        table.merge(contractAndActivityEntries) { current, _ in current }
        // 0014: member mutual insurance.
        table.merge(insuranceEntries) { current, _ in current }
        return table
    }()
}
