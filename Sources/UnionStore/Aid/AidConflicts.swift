/// The aid workflow's refusals (409), each a stable code with a sentence in both languages.
/// None names another branch: a once-per refusal says the grant exists, not where.
extension StoreMessage {
    static func aid(_ reason: String) -> StoreMessage {
        switch reason {
        case "insufficient_funds": StoreMessage(code: "insufficient_funds", en: "The fund's balance can't pay this; nothing was paid.", zh: "资金余额不足，未发放。")
        case "budget_exhausted": StoreMessage(code: "budget_exhausted", en: "The program's budget can't cover this; nothing was paid.", zh: "项目预算不足，未发放。")
        case "budget_below_spent": StoreMessage(code: "budget_below_spent", en: "The budget can't be less than what the program has spent.", zh: "预算不能低于已支出金额。")
        case "not_eligible": StoreMessage(code: "not_eligible", en: "The worker is not eligible for this program.", zh: "该职工不符合本项目条件。")
        case "program_closed": StoreMessage(code: "program_closed", en: "The program is not open on this date.", zh: "项目不在申请期内。")
        case "no_standard_applies": StoreMessage(code: "no_standard_applies", en: "The program has no amount standard for this person.", zh: "项目没有适用于该对象的标准。")
        case "case_not_editable": StoreMessage(code: "case_not_editable", en: "Only draft or returned cases can be changed.", zh: "只有草稿或退回的申请可以修改。")
        case "already_reversed": StoreMessage(code: "already_reversed", en: "That entry is already reversed.", zh: "该笔记录已冲正。")
        case "reversal_not_reversible": StoreMessage(code: "reversal_not_reversible", en: "A reversal is not itself reversed.", zh: "冲正记录不能再冲正。")
        case "reverse_the_case": StoreMessage(code: "reverse_the_case", en: "A payment is reversed with its aid case.", zh: "发放记录须通过撤销帮扶申请冲正。")
        case "not_a_campaign": StoreMessage(code: "not_a_campaign", en: "Only holiday_warmth programs have a visit list.", zh: "只有送温暖项目有走访名单。")
        case "duplicate_fund_name": StoreMessage(code: "duplicate_fund_name", en: "A fund with this name exists.", zh: "同名资金已存在。")
        case "already_granted": StoreMessage(code: "already_granted", en: "This person (or household, or student this school year) already has a case in this program.", zh: "该对象在本项目中已有申请（每人/每户/每生每学年限一次）。")
        case "invalid_transition": StoreMessage(code: "invalid_transition", en: "The case is not in a state that allows this.",
                                                zh: "申请当前状态不允许此操作。")
        default: StoreMessage(code: "conflict", en: "The request conflicts with the current state.", zh: "请求与当前状态冲突。")
        }
    }
}
