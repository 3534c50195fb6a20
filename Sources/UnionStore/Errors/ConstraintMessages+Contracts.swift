/// The sentences for migration 0011 (enterprises, collective contracts, clubs, activities),
/// kept beside the main table so the features that own them can grow them.
extension ConstraintMessages {
    static let contractAndActivityEntries: [String: Entry] = {
        var table: [String: Entry] = [:]
        func add(_ constraint: String, _ entry: Entry) { table[constraint] = entry }
        let unknownOffice = Entry("unknown_office", field: "office_id", en: "The office does not exist.", zh: "工会不存在。")
        let unknownWorker = Entry("unknown_worker", field: "worker_id", en: "The worker does not exist.", zh: "职工不存在。")
        let unknownEnterprise = Entry("unknown_enterprise", field: "enterprise_id", en: "The enterprise does not exist.", zh: "企业不存在。")
        let unknownActivity = Entry("unknown_activity", field: "activity_id", en: "The activity does not exist.", zh: "活动不存在。")
        let duplicate = Entry("duplicate_record", en: "This record already exists.", zh: "该记录已存在。")

        add("enterprises_office_fkey", unknownOffice)
        add("enterprises_union_office_fkey", Entry("unknown_office", field: "union_office_id", en: "The union office does not exist.",
                                                   zh: "企业工会不存在。"))
        add("enterprises_name_length", Entry("invalid_name", field: "name", en: "A name is 1 to 100 characters long.", zh: "名称须为1至100个字符。"))
        // Area-wide, whichever branch registered it: the sentence names no branch.
        add("enterprises_credit_code_key", Entry("duplicate_credit_code", field: "credit_code",
                                                 en: "An enterprise with this unified social credit code is already registered.",
                                                 zh: "该统一社会信用代码的企业已登记。"))
        add("enterprises_credit_code_format", Entry("invalid_credit_code", field: "credit_code",
                                                    en: "A unified social credit code is 18 digits or capitals without I, O, Z, S, V.",
                                                    zh: "统一社会信用代码须为18位数字或大写字母（不含I、O、Z、S、V）。"))
        add("enterprises_ownership_check", Entry("unknown_ownership", field: "ownership", en: "Ownership is public or private.",
                                                 zh: "所有制只能是 public（公有制）或 private（非公）。"))
        add("enterprises_industry_length", Entry("invalid_industry", field: "industry", en: "An industry is at most 50 characters long.",
                                                 zh: "行业不能超过50个字符。"))
        add("enterprises_headcount_check", Entry("out_of_range", field: "headcount", en: "A headcount is 0 to 1000000.", zh: "职工人数须在0到1000000之间。"))
        add("enterprises_union_office_has_union", Entry("union_office_without_union", field: "has_union",
                                                        en: "An enterprise with a union office has a union.", zh: "有企业工会的企业须标记为已建会。"))
        add("enterprises_union_office_key", Entry("union_office_taken", field: "union_office_id",
                                                  en: "This union office already belongs to another enterprise.", zh: "该企业工会已属于其他企业。"))
        add("workers_employer_fkey", Entry("unknown_enterprise", field: "employer_id", en: "The enterprise does not exist.", zh: "企业不存在。"))

        add("collective_contracts_enterprise_fkey", unknownEnterprise)
        add("collective_contracts_office_fkey", unknownOffice)
        add("collective_contracts_kind_check", Entry("unknown_contract_kind", field: "kind",
                                                     en: "A contract kind is comprehensive, wage, female_protection or safety.",
                                                     zh: "合同类型只能是 comprehensive（综合）、wage（工资专项）、female_protection（女职工权益保护专项）或 safety（劳动安全卫生）。"))
        add("collective_contracts_status_check", Entry("unknown_status", field: "status",
                                                       en: "A contract's status is signed, filed, effective, renewed or terminated.",
                                                       zh: "合同状态只能是 signed、filed、effective、renewed 或 terminated。"))
        add("collective_contracts_text_file_length", Entry("too_long", field: "text_file", en: "A file reference is at most 300 characters long.",
                                                           zh: "文本文件引用不能超过300个字符。"))
        add("collective_contracts_renews_fkey", Entry("unknown_contract", field: "renews_id", en: "The contract renewed does not exist.",
                                                      zh: "被续签的合同不存在。"))
        add("collective_contracts_reason_length", Entry("invalid_reason", field: "reason", en: "A reason is 1 to 200 characters long.",
                                                        zh: "原因须为1至200个字符。"))
        add("collective_contracts_starts_after_signing", Entry("before_signing", field: "starts_on", en: "A contract starts on or after its signing.",
                                                               zh: "合同起始日期不能早于签订日期。"))
        add("collective_contracts_term", Entry("term_out_of_range", field: "ends_on", en: "A contract's term is 1 to 3 years.", zh: "合同期限须为1至3年。"))
        add("collective_contracts_vote", Entry("not_passed", field: "votes_for",
                                               en: "The workers' congress passes a contract by more than half of all its members.",
                                               zh: "集体合同须经职工代表大会全体成员半数以上通过。"))
        add("collective_contracts_filed_after_signing", Entry("before_signing", field: "filed_on", en: "A contract is filed on or after its signing.",
                                                              zh: "备案日期不能早于签订日期。"))
        add("collective_contracts_terminated_has_reason", Entry("reason_mismatch", field: "reason",
                                                                en: "A terminated contract has a reason, and only a terminated one has one.",
                                                                zh: "只有已终止的合同才有终止原因，且必须有。"))
        add("collective_contracts_one_live_per_kind", Entry("live_contract_exists", field: "kind",
                                                            en: "The enterprise already has a live contract of this kind: renew or terminate it.",
                                                            zh: "该企业已有同类在期合同：请续签或终止原合同。"))
        add("collective_contracts_id_enterprise_key", duplicate)
        add("collective_contracts_renewed_once", Entry("already_renewed", en: "This contract has already been renewed.", zh: "该合同已续签。"))

        add("clubs_office_fkey", unknownOffice)
        add("clubs_name_length", Entry("invalid_name", field: "name", en: "A name is 1 to 100 characters long.", zh: "名称须为1至100个字符。"))
        add("clubs_sport_check", Entry("unknown_sport", field: "sport", en: "The sport is not one the system knows.", zh: "项目类型不在可选范围内。"))
        add("clubs_leader_fkey", Entry("unknown_worker", field: "leader_id", en: "The leader is not a registered worker.", zh: "队长不是已登记职工。"))
        add("clubs_activities_per_month_check", Entry("out_of_range", field: "activities_per_month", en: "Activities per month are 0 to 31.",
                                                      zh: "每月活动次数须在0到31之间。"))
        add("clubs_competitions_per_season_check", Entry("out_of_range", field: "competitions_per_season", en: "Competitions per season are 0 to 92.",
                                                         zh: "每季比赛次数须在0到92之间。"))
        add("clubs_office_name_key", Entry("duplicate_club_name", field: "name", en: "The office already has a club of this name.",
                                           zh: "该工会已有同名队伍。", enWithValue: "The office already has a club named {value}.",
                                           zhWithValue: "该工会已有名为 {value} 的队伍。"))
        add("club_members_club_fkey", Entry("unknown_club", field: "club_id", en: "The club does not exist.", zh: "队伍不存在。"))
        add("club_members_worker_fkey", Entry("unknown_worker", field: "members", en: "A member is not a registered worker.", zh: "有队员不是已登记职工。"))
        add("club_members_office_fkey", unknownOffice)
        add("club_members_id_key", duplicate)

        add("activities_office_fkey", unknownOffice)
        add("activities_kind_check", Entry("unknown_activity_kind", field: "kind", en: "The activity kind is not one the system knows.",
                                           zh: "活动类型不在可选范围内。"))
        add("activities_title_length", Entry("invalid_title", field: "title", en: "A title is 1 to 200 characters long.", zh: "标题须为1至200个字符。"))
        add("activities_industry_length", Entry("invalid_industry", field: "industry", en: "An industry is at most 50 characters long.",
                                                zh: "行业不能超过50个字符。"))
        add("activities_place_length", Entry("invalid_place", field: "place", en: "A place is at most 200 characters long.", zh: "地点不能超过200个字符。"))
        add("activities_partners_count", Entry("too_many", field: "partners", en: "An activity lists at most 20 partners.", zh: "协办单位最多20个。"))
        add("activities_head_count_check", Entry("out_of_range", field: "head_count", en: "A head count is 0 to 1000000.", zh: "参与人数须在0到1000000之间。"))
        add("activities_club_fkey", Entry("unknown_club", field: "club_id", en: "The club does not exist.", zh: "队伍不存在。"))
        add("activities_dates_order", Entry("out_of_range", field: "ends_on", en: "An activity ends on or after its start, within a year.",
                                            zh: "活动结束日期须不早于开始日期，且在一年之内。"))
        add("activity_co_organisers_activity_fkey", unknownActivity)
        add("activity_co_organisers_office_fkey", Entry("unknown_office", field: "co_organisers", en: "A co-organising office does not exist.",
                                                        zh: "有联合主办工会不存在。"))
        add("activity_co_organisers_id_key", duplicate)
        add("activity_participants_activity_fkey", unknownActivity)
        add("activity_participants_office_fkey", unknownOffice)
        add("activity_participants_worker_fkey", unknownWorker)
        add("activity_participants_result_length", Entry("too_long", field: "result", en: "A result is at most 100 characters long.",
                                                         zh: "成绩或奖项不能超过100个字符。"))
        add("activity_participants_once", Entry("already_participating", field: "worker_id", en: "This worker is already named at this activity.",
                                                zh: "该职工已在本次活动名单中。"))
        return table
    }()
}
