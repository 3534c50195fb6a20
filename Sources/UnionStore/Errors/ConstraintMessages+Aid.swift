/// The sentences for migration 0010 (funds, their ledger, aid programs and cases), kept beside
/// the main table so the aid feature can grow them. Refusals that decide money (an empty fund,
/// a spent budget, a grant already made) carry the codes the aid stores raise themselves.
extension ConstraintMessages {
    static let aidEntries: [String: Entry] = {
        var table: [String: Entry] = [:]
        func add(_ constraint: String, _ entry: Entry) { table[constraint] = entry }
        func length(_ field: String, _ max: Int, _ en: String, _ zh: String) -> Entry {
            Entry("invalid_\(field)", field: field, en: "\(en) is 1 to \(max) characters long.", zh: "\(zh)须为1至\(max)个字符。")
        }
        let unknownOffice = Entry("unknown_office", field: "office_id", en: "The office does not exist.", zh: "工会不存在。")
        let unknownFund = Entry("unknown_fund", field: "fund_id", en: "The fund does not exist.", zh: "资金不存在。")
        let unknownProgram = Entry("unknown_program", field: "program_id", en: "The aid program does not exist.", zh: "帮扶项目不存在。")
        let unknownCase = Entry("unknown_case", field: "case_id", en: "The aid case does not exist.", zh: "帮扶申请不存在。")
        let message = { (code: String) in
            let text = StoreMessage.aid(code)
            return Entry(text.code, en: text.en, zh: text.zh)
        }

        // Funds and their ledger.
        add("funds_office_fkey", unknownOffice)
        add("funds_name_length", length("name", 100, "A fund's name", "资金名称"))
        add("funds_name_key", message("duplicate_fund_name"))
        add("funds_source_check", Entry("unknown_source", field: "source",
                                        en: "A fund's source is district_allocation, township_government, union_dues, donation or other.",
                                        zh: "资金来源只能是区总工会拨款、镇政府、会费、捐赠或其他。"))
        add("funds_balance_nonnegative", message("insufficient_funds"))
        add("fund_ledger_fund_fkey", unknownFund)
        add("fund_ledger_office_id_fkey", unknownOffice)
        add("fund_ledger_case_fkey", unknownCase)
        add("fund_ledger_reverses_fkey", Entry("unknown_entry", field: "reverses", en: "The ledger entry to reverse does not exist.",
                                               zh: "要冲正的记录不存在。"))
        add("fund_ledger_reversed_once", message("already_reversed"))
        add("fund_ledger_reversal_points_back", Entry("invalid_reversal", en: "A reversal points at the entry it reverses, and only a reversal does.",
                                                      zh: "冲正记录须指向被冲正的记录。"))
        add("fund_ledger_reversal_mirrors", Entry("invalid_reversal", en: "A reversal mirrors the amount of the entry it reverses.",
                                                  zh: "冲正金额须与原记录相反相等。"))
        add("fund_ledger_receipt_positive", Entry("invalid_amount", field: "amount", en: "A receipt is more than 0.00.", zh: "收入金额须大于0。"))
        add("fund_ledger_disbursement_negative", Entry("invalid_amount", field: "amount", en: "A payment draws money for an aid case.",
                                                       zh: "支出须对应一笔帮扶申请。"))
        add("fund_ledger_amount_nonzero", Entry("invalid_amount", field: "amount", en: "An amount is not 0.00.", zh: "金额不能为0。"))
        add("fund_ledger_kind_check", Entry("unknown_kind", field: "kind", en: "An entry is a receipt, a disbursement, a reversal or a premium.",
                                            zh: "记录类型只能是收入、支出、冲正或保费。"))
        add("fund_ledger_payer_length", length("payer", 100, "A payer", "付款方"))
        add("fund_ledger_memo_length", length("memo", 200, "A memo", "备注"))
        add("fund_ledger_seq_key", Entry("retry", en: "Another entry was posted at the same time; try again.", zh: "同时有其他记录写入，请重试。"))

        // Programs and their standards.
        add("aid_programs_office_id_fkey", unknownOffice)
        add("aid_programs_fund_fkey", unknownFund)
        add("aid_programs_kind_check", Entry("unknown_kind", field: "kind",
                                             en: "A program is hardship_relief, emergency_relief, education_aid, model_worker_aid or holiday_warmth.",
                                             zh: "项目类型只能是生活困难救助、意外救助、金秋助学、劳模帮扶或送温暖。"))
        add("aid_programs_name_length", length("name", 100, "A program's name", "项目名称"))
        add("aid_programs_year_check", Entry("invalid_year", field: "year", en: "The year is 2000 to 2100.", zh: "年度须在2000至2100之间。"))
        add("aid_programs_budget_nonnegative", Entry("invalid_budget", field: "budget", en: "A budget is 0.00 or more.", zh: "预算不能为负。"))
        add("aid_programs_within_budget", message("budget_exhausted"))
        add("aid_programs_basis_check", Entry("unknown_basis", field: "standard_basis",
                                              en: "Standards go by hardship tier, school level, honour level, or flat.",
                                              zh: "标准只能按困难等级、学段、荣誉级别或统一标准。"))
        add("aid_programs_once_per_check", Entry("unknown_once_per", field: "once_per",
                                                 en: "Once per person, per student and school year, or per household and campaign.",
                                                 zh: "限次规则只能是每人、每生每学年或每户每次活动。"))
        add("aid_programs_eligibility_check", Entry("unknown_eligibility", field: "eligibility",
                                                    en: "Eligibility is an active hardship file, a model-worker record, or none.",
                                                    zh: "条件只能是在档困难职工、劳模或不限。"))
        add("aid_programs_festival_check", Entry("unknown_festival", field: "festival",
                                                 en: "The festival is new_year, spring_festival, mid_autumn or national_day.",
                                                 zh: "节日只能是元旦、春节、中秋或国庆。"))
        add("aid_programs_festival_for_holidays", Entry("invalid_festival", field: "festival",
                                                        en: "A holiday_warmth program names its festival, and only it does.",
                                                        zh: "只有送温暖项目需要并且必须注明节日。"))
        add("aid_programs_window_order", Entry("invalid_window", field: "closes_on", en: "The window closes on or after it opens.",
                                               zh: "截止日期不能早于开始日期。"))
        add("aid_program_standards_program_id_fkey", unknownProgram)
        add("aid_program_standards_office_id_fkey", unknownOffice)
        add("aid_program_standards_key", Entry("duplicate_standard", field: "standards", en: "A standard is given once per key.",
                                               zh: "同一标准不能重复设置。"))
        add("aid_program_standards_key_format", Entry("invalid_standard", field: "standards", en: "A standard's key is a tier, level or 'flat'.",
                                                      zh: "标准的键须为困难等级、学段、荣誉级别或 flat。"))
        add("aid_program_standards_amount_check", Entry("invalid_amount", field: "standards", en: "A standard is 0.00 or more.",
                                                        zh: "标准金额不能为负。"))

        // Cases and the goods they hand over.
        add("aid_cases_office_id_fkey", unknownOffice)
        add("aid_cases_worker_fkey", Entry("unknown_worker", field: "worker_id", en: "The worker does not exist.", zh: "职工不存在。"))
        add("aid_cases_program_fkey", unknownProgram)
        add("aid_cases_student_id_fkey", Entry("unknown_student", field: "student_id", en: "The student is not a member of the household.",
                                               zh: "该学生不是家庭成员。"))
        add("aid_cases_ledger_fkey", Entry("unknown_entry", en: "The ledger entry does not exist.", zh: "资金记录不存在。"))
        add("aid_cases_once", message("already_granted"))
        add("aid_cases_status_check", Entry("invalid_status", en: "The case's status is not one the workflow knows.", zh: "申请状态无效。"))
        add("aid_cases_reason_length", length("reason", 500, "A reason", "申请理由"))
        add("aid_cases_justification_length", length("justification", 500, "A justification", "超标准说明"))
        add("aid_cases_decision_reason_length", length("reason", 500, "A reason", "原因"))
        add("aid_cases_reversal_reason_length", length("reason", 500, "A reason", "撤销原因"))
        add("aid_cases_cash_nonnegative", Entry("invalid_amount", field: "cash_requested", en: "Cash requested is 0.00 or more.",
                                                zh: "申请金额不能为负。"))
        add("aid_cases_cash_paid_check", Entry("invalid_amount", field: "cash_paid", en: "Cash paid is 0.00 up to the cash requested.",
                                               zh: "发放金额须在0与申请金额之间。"))
        add("aid_cases_method_check", Entry("unknown_method", field: "method", en: "Payment is by member_card, bank or cash.",
                                            zh: "发放方式只能是会员卡、银行转账或现金。"))
        add("aid_cases_above_standard_justified", Entry("justification_required", field: "justification",
                                                        en: "More than the program's standard needs a written justification.",
                                                        zh: "超过项目标准须填写书面说明。"))
        add("aid_cases_student_has_year", Entry("invalid_student", field: "school_year", en: "A student goes with a school year, and a school year with a student.",
                                                zh: "学生与学年须同时填写。"))
        add("aid_cases_disbursed_complete", Entry("incomplete_disbursement", en: "A disbursement records cash paid, method and date.",
                                                  zh: "发放须记录金额、方式和日期。"))
        add("aid_case_goods_case_id_fkey", unknownCase)
        add("aid_case_goods_office_id_fkey", unknownOffice)
        add("aid_case_goods_item_length", length("item", 50, "An item", "物品名称"))
        add("aid_case_goods_unit_length", length("unit", 10, "A unit", "单位"))
        add("aid_case_goods_quantity_check", Entry("invalid_quantity", field: "goods", en: "A quantity is 1 to 100,000.", zh: "数量须为1至100000。"))
        add("aid_case_goods_value_check", Entry("invalid_amount", field: "goods", en: "A unit value is 0.00 or more.", zh: "单价不能为负。"))
        add("aid_case_goods_source_check", Entry("unknown_source", field: "goods", en: "Goods are bought by the fund or donated.",
                                                 zh: "物品来源只能是资金购买或捐赠。"))
        add("idempotency_keys_key_length", Entry("invalid_idempotency_key", field: "Idempotency-Key",
                                                 en: "An Idempotency-Key is 1 to 200 characters long.", zh: "Idempotency-Key 须为1至200个字符。"))
        return table
    }()
}
