/// The aid workflow's conflicts, each a stable code. None names another branch: a once-per
/// refusal says the grant exists, not where.
enum AidConflicts {
    static func describe(_ reason: String) -> (String, String, String)? {
        switch reason {
        case "insufficient_funds": ("insufficient_funds", "The fund's balance can't pay this; nothing was paid.", "资金余额不足，未发放。")
        case "budget_exhausted": ("budget_exhausted", "The program's budget can't cover this; nothing was paid.", "项目预算不足，未发放。")
        case "budget_below_spent": ("budget_below_spent", "The budget can't be less than what the program has spent.", "预算不能低于已支出金额。")
        case "already_granted":
            ("already_granted", "This person (or household, or student this school year) already has a case in this program.",
             "该对象在本项目中已有申请（每人/每户/每生每学年限一次）。")
        case "not_eligible": ("not_eligible", "The worker is not eligible for this program.", "该职工不符合本项目条件。")
        case "program_closed": ("program_closed", "The program is not open on this date.", "项目不在申请期内。")
        case "no_standard_applies": ("no_standard_applies", "The program has no amount standard for this person.", "项目没有适用于该对象的标准。")
        case "case_not_editable": ("case_not_editable", "Only draft or returned cases can be changed.", "只有草稿或退回的申请可以修改。")
        case "already_reversed": ("already_reversed", "That entry is already reversed.", "该笔记录已冲正。")
        case "reversal_not_reversible": ("reversal_not_reversible", "A reversal is not itself reversed.", "冲正记录不能再冲正。")
        case "reverse_the_case": ("reverse_the_case", "A payment is reversed with its aid case.", "发放记录须通过撤销帮扶申请冲正。")
        case "not_a_campaign": ("not_a_campaign", "Only holiday_warmth programs have a visit list.", "只有送温暖项目有走访名单。")
        case "duplicate_fund_name": ("duplicate_fund_name", "A fund with this name exists.", "同名资金已存在。")
        default: nil
        }
    }
}
