/// The sentences for migration 0014 (insurance plans, periods, enrolments, claims, and the
/// ledger's premium entries).
extension ConstraintMessages {
    static let insuranceEntries: [String: Entry] = {
        var table: [String: Entry] = [:]
        func add(_ constraint: String, _ entry: Entry) { table[constraint] = entry }
        func message(_ code: String) -> Entry {
            let text = StoreMessage.insurance(code)
            return Entry(text.code, field: text.field, en: text.en, zh: text.zh)
        }
        func range(_ field: String, _ en: String, _ zh: String) -> Entry { Entry("out_of_range", field: field, en: en, zh: zh) }
        let unknownOffice = Entry("unknown_office", field: "office_id", en: "The office does not exist.", zh: "工会不存在。")

        add("insurance_plans_office_fkey", unknownOffice)
        add("insurance_plans_code_format", Entry("invalid_code", field: "code", en: "A plan code is 2 to 30 of a-z, 0-9, _ and -.",
                                                 zh: "计划代码须为2至30个小写字母、数字、_或-。"))
        add("insurance_plans_name_length", Entry("invalid_name", field: "name", en: "A plan's name is 1 to 100 characters long.", zh: "计划名称须为1至100个字符。"))
        add("insurance_plans_insurer_length", Entry("invalid_insurer", field: "insurer", en: "An insurer is 1 to 100 characters long.",
                                                    zh: "承保机构须为1至100个字符。"))
        add("insurance_plans_premium_positive", Entry("invalid_amount", field: "premium_per_share", en: "A premium is more than 0.00.", zh: "保费须大于0。"))
        add("insurance_plans_max_shares_check", range("max_shares", "Maximum shares are 1 to 100.", "最多份数须为1到100。"))
        add("insurance_plans_sex_check", Entry("unknown_value", field: "sex", en: "Sex is male or female.", zh: "性别只能是 male 或 female。"))
        add("insurance_plans_age_check", range("max_age", "Ages are 16 to 100, the maximum not below the minimum.", "年龄须为16到100，上限不低于下限。"))
        add("insurance_plans_deductible_check", Entry("invalid_amount", field: "deductible", en: "A deductible is not negative.", zh: "免赔额不能为负。"))
        add("insurance_plans_payout_percent_check", range("payout_percent", "A payout percent is 1 to 100.", "赔付比例须为1到100。"))
        add("insurance_plans_cap_per_share_check", Entry("invalid_amount", field: "cap_per_share", en: "A cap per share is more than 0.00.",
                                                         zh: "每份保障上限须大于0。"))
        add("insurance_plans_cap_per_period_check", Entry("invalid_amount", field: "cap_per_period", en: "A cap per period is more than 0.00.",
                                                          zh: "每期保障上限须大于0。"))
        add("insurance_plans_code_key", message("duplicate_plan_code"))

        add("insurance_periods_plan_fkey", Entry("unknown_plan", field: "plan_id", en: "The plan does not exist.", zh: "保障计划不存在。"))
        add("insurance_periods_office_fkey", unknownOffice)
        add("insurance_periods_order", Entry("before_start", field: "ends_on", en: "A period ends after it starts.", zh: "保障期结束日须晚于开始日。"))
        add("insurance_periods_window_order", Entry("outside_period", field: "enrol_closes_on",
                                                    en: "Enrolment closes after it opens and no later than the period's end.",
                                                    zh: "参保截止日须不早于开始日且不晚于保障期结束日。"))
        add("insurance_periods_start_key", message("duplicate_period"))

        add("fund_ledger_period_fkey", Entry("unknown_period", field: "period_id", en: "The coverage period does not exist.", zh: "保障期不存在。"))
        add("fund_ledger_premium_negative", Entry("invalid_amount", field: "amount", en: "A premium draws money for a coverage period.",
                                                  zh: "保费支出须为负数并指明保障期。"))

        let unknownEnrolment = Entry("unknown_enrolment", field: "enrolment_id", en: "The enrolment does not exist.", zh: "参保记录不存在。")
        add("insurance_enrolments_period_fkey", Entry("unknown_period", field: "period_id", en: "The coverage period does not exist.", zh: "保障期不存在。"))
        add("insurance_enrolments_worker_fkey", Entry("unknown_worker", field: "worker_id", en: "The worker does not exist.", zh: "职工不存在。"))
        add("insurance_enrolments_office_id_fkey", unknownOffice)
        add("insurance_enrolments_shares_check", range("shares", "Shares are 1 to 100.", "份数须为1到100。"))
        add("insurance_enrolments_premium_check", Entry("invalid_amount", field: "premium", en: "A premium is more than 0.00.", zh: "保费须大于0。"))
        add("insurance_enrolments_payer_check", Entry("unknown_value", field: "payer", en: "A premium is paid by a fund or by the member.",
                                                      zh: "保费由资金或会员本人缴纳。"))
        add("insurance_enrolments_fund_fkey", Entry("unknown_fund", field: "fund_id", en: "The fund does not exist.", zh: "资金不存在。"))
        add("insurance_enrolments_ledger_fkey", Entry("retry", en: "The premium's ledger entry was not written; try again.", zh: "保费记账未完成，请重试。"))
        add("insurance_enrolments_within_cap", message("cap_exhausted"))
        add("insurance_enrolments_fund_pays", Entry("invalid_payer", field: "fund_id", en: "A fund-paid premium names the fund and its ledger entry.",
                                                    zh: "由资金缴纳的保费须指明资金及记账记录。"))
        add("insurance_enrolments_once", message("already_enrolled"))
        add("insurance_enrolments_roster_change_check", Entry("unknown_value", field: "roster_change",
                                                              en: "A roster change is retired, deceased or left.", zh: "名册变动只能是退休、死亡或离会。"))

        add("insurance_claims_enrolment_fkey", unknownEnrolment)
        add("insurance_claims_office_id_fkey", unknownOffice)
        add("insurance_claims_kind_check", Entry("unknown_value", field: "kind", en: "A claim is for hospitalisation, special_disease, accident or other.",
                                                 zh: "理赔类型只能是 hospitalisation、special_disease、accident 或 other。"))
        add("insurance_claims_amount_check", Entry("invalid_amount", field: "amount_claimed", en: "A claim is for more than 0.00.", zh: "申请金额须大于0。"))
        add("insurance_claims_status_check", Entry("unknown_status", field: "status", en: "A claim is submitted, approved, rejected or paid.",
                                                   zh: "理赔状态只能是已提交、已批准、已拒绝或已支付。"))
        add("insurance_claims_reason_length", Entry("invalid_reason", field: "reason", en: "A reason is 1 to 500 characters long.", zh: "理由须为1至500个字符。"))
        add("insurance_claims_payout_check", Entry("invalid_amount", field: "payout", en: "A payout is not negative.", zh: "赔付金额不能为负。"))
        add("insurance_claims_method_check", Entry("unknown_value", field: "method", en: "A payment is by bank, cash or member_card.",
                                                   zh: "支付方式只能是 bank、cash 或 member_card。"))
        add("insurance_claims_approved_has_payout", Entry("invalid_transition", en: "An approved claim has its payout.", zh: "已批准的理赔须有赔付金额。"))
        add("insurance_claims_paid_complete", Entry("invalid_transition", field: "method", en: "A paid claim has its date and method.",
                                                    zh: "已支付的理赔须有支付日期和方式。"))
        return table
    }()
}
