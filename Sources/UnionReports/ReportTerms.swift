import UnionDomain

/// Chinese names of the codes the views hold (program kinds, activity kinds, ownership, fund
/// sources, levels). A code without a name here is shown as it is rather than hidden.
package enum ReportTerms {
    static let programKinds: [(code: String, zh: String)] = [
        ("hardship_relief", "困难帮扶"), ("emergency_relief", "应急救助"), ("education_aid", "金秋助学"),
        ("model_worker_aid", "劳模帮扶"), ("holiday_warmth", "节日送温暖"),
    ]
    static let activityKinds: [(code: String, zh: String)] = [
        ("skills_competition", "技能竞赛"), ("safety_training", "安全培训"), ("fire_drill", "消防演练"),
        ("food_safety_training", "食品安全培训"), ("knowledge_contest", "知识竞赛"), ("cultural", "文化活动"),
        ("sports", "体育活动"), ("outing", "外出活动"), ("other", "其他活动"),
    ]
    static let others: [String: String] = [
        "public": "公有制", "private": "非公有制",
        "district_allocation": "区总工会拨款", "township_government": "乡镇政府", "union_dues": "工会经费", "donation": "社会捐赠",
        "other": "其他",
    ]

    static func level(_ code: String) -> String { code == "area" ? "全区" : "单位" }

    static func name(_ code: String) -> String {
        programKinds.first { $0.code == code }?.zh ?? activityKinds.first { $0.code == code }?.zh ?? others[code] ?? code
    }

    static func term(_ code: String) -> ReportCell { .term(code, zh: name(code)) }
    static func level(_ level: ReportLevel) -> ReportCell { .term(level.rawValue, zh: self.level(level.rawValue)) }
}
