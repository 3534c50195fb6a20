/// A worker roster as branches keep it in Excel: the columns by their English codes or their
/// Chinese headers, values as codes or Chinese words, dates as `2024/9/1`, first-generation
/// 15-digit ID numbers. This turns one row's cells into what the registry validates, and says
/// what it changed on the way.
package enum WorkerRoster {
    package struct Column: Sendable, Hashable {
        /// The export's English header, and the key of a row's cells.
        package let code: String
        /// The header `--headers zh` writes.
        package let chinese: String
        /// Written by exports for reading; ignored by import (the target branch is chosen there).
        package let informational: Bool
    }

    /// Every column a roster may have, in export order.
    package static let columns: [Column] = [
        Column(code: "name", chinese: "姓名", informational: false),
        Column(code: "id_number", chinese: "身份证号", informational: false),
        Column(code: "sex", chinese: "性别", informational: false),
        Column(code: "birth_date", chinese: "出生日期", informational: false),
        Column(code: "phone", chinese: "联系电话", informational: false),
        Column(code: "hukou", chinese: "户口性质", informational: false),
        Column(code: "employer", chinese: "工作单位", informational: false),
        Column(code: "occupation", chinese: "职业", informational: false),
        Column(code: "membership_status", chinese: "会员状态", informational: false),
        Column(code: "member_since", chinese: "入会时间", informational: false),
        Column(code: "member_card_number", chinese: "会员证号", informational: false),
        Column(code: "office_code", chinese: "工会代码", informational: true),
        Column(code: "office_name", chinese: "所属工会", informational: true),
        Column(code: "hardship_tier", chinese: "困难等级", informational: true),
        Column(code: "is_model_worker", chinese: "劳模", informational: true),
    ]

    package static let required = ["name", "id_number"]

    /// The column a header cell names (English code or Chinese header; case and spaces ignored).
    package static func column(named header: String) -> Column? {
        let name = header.trimmingWhitespace()
        return columns.first { $0.code == name.lowercased() || $0.chinese == name }
    }

    /// Something the import changed and the report says, such as a converted ID number.
    package struct Notice: Sendable, Hashable {
        package let field: String
        package let message: String
        package let messageZH: String
    }

    /// One row's cells (by column code) as registry input, with what was converted, or the
    /// field errors that make the row unusable before validation (an ID number Excel mangled).
    package static func input(_ cells: [String: String]) -> (input: WorkerInput, notices: [Notice], errors: [FieldError]) {
        var notices: [Notice] = []
        var errors: [FieldError] = []
        var idNumber = cells["id_number"]
        if let text = idNumber?.trimmingWhitespace() {
            if let upgraded = ResidentID.upgradingFirstGeneration(text) {
                idNumber = upgraded
                notices.append(Notice(field: "id_number", message: "15-digit ID number converted to \(ResidentID.mask(upgraded))",
                                      messageZH: "15位身份证号已升级为18位（\(ResidentID.mask(upgraded))）"))
            } else if ResidentID.looksMangledBySpreadsheet(text) {
                errors.append(FieldError(
                    field: "id_number", code: "mangled_by_spreadsheet",
                    message: "was turned into a number (\(text)) by Excel and its digits are lost; format the column as Text (设置单元格格式 → 文本), type the numbers again and save",
                    messageZH: "身份证号被Excel转换成了数字（\(text)），后几位已丢失；请把该列设置为“文本”格式后重新录入再保存"))
            }
        }
        func value<E: ChineseLabelled>(_ code: String, as type: E.Type) -> String? {
            guard let text = cells[code], !text.trimmingWhitespace().isEmpty else { return nil }
            return E(codeOrLabel: text)?.rawValue ?? text
        }
        return (WorkerInput(
            name: cells["name"], idNumber: idNumber, sex: value("sex", as: Sex.self),
            birthDate: cells["birth_date"].map(spreadsheetDate), phone: cells["phone"],
            hukou: value("hukou", as: Hukou.self), employer: cells["employer"], occupation: cells["occupation"],
            membershipStatus: value("membership_status", as: MembershipStatus.self),
            memberSince: cells["member_since"].map(spreadsheetDate), memberCardNumber: cells["member_card_number"]),
                notices, errors)
    }

    /// Excel's way of writing a day (`2024/9/1`, `2024-9-1`, `2024.9.1`, `2024年9月1日`) as
    /// `YYYY-MM-DD`; anything else is left for validation to refuse.
    package static func spreadsheetDate(_ text: String) -> String {
        let trimmed = text.trimmingWhitespace()
        let parts = trimmed.split(whereSeparator: { "/-.年月日".contains($0) }).map(String.init)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              let date = CalendarDate(year: year, month: month, day: day) else { return trimmed }
        return date.description
    }
}
