import Foundation
import UnionDomain

/// A participant roster as a spreadsheet saves it: a header row with `name`/姓名 and
/// `id_number`/身份证号 (and optionally `result`/成绩), one participant a line. Read with the
/// worker import's decoding (`RosterText`: UTF-8, GBK, UTF-16) and CSV rules.
package enum ParticipantRoster {
    static let columns: [String: String] = [
        "name": "name", "姓名": "name", "id_number": "id_number", "身份证号": "id_number", "身份证号码": "id_number",
        "result": "result", "成绩": "result", "奖项": "result", "成绩/奖项": "result",
    ]

    /// The lines of the roster with their line numbers (the header is line 1); empty lines are skipped.
    package static func lines(_ bytes: [UInt8], declared: RosterText.Encoding?) throws(ValidationFailure) -> [(line: Int, ParticipantLine)] {
        let text = try RosterText.decode(bytes, declared: declared).text
        let rows: [(line: Int, fields: [String])]
        do {
            rows = try WorkerCSV.rows(text)
        } catch {
            throw ValidationFailure([FieldError(field: "file", code: "malformed_csv", message: "is not a well-formed CSV file",
                                                messageZH: "不是格式正确的CSV文件")])
        }
        guard let header = rows.first else {
            throw ValidationFailure([FieldError(field: "file", code: "missing_header", message: "needs a header row with name and id_number",
                                                messageZH: "须有包含姓名和身份证号的表头")])
        }
        let names = header.fields.map { columns[$0.trimmingCharacters(in: .whitespaces).lowercased()] }
        guard let idColumn = names.firstIndex(of: "id_number") else {
            throw ValidationFailure([FieldError(field: "file", code: "missing_columns", message: "needs an id_number (身份证号) column",
                                                messageZH: "缺少身份证号列")])
        }
        let nameColumn = names.firstIndex(of: "name"), resultColumn = names.firstIndex(of: "result")
        func cell(_ fields: [String], _ index: Int?) -> String? {
            guard let index, index < fields.count else { return nil }
            let value = fields[index].trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        return rows.dropFirst().compactMap { row in
            guard row.fields.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return nil }
            return (row.line, ParticipantLine(name: cell(row.fields, nameColumn), idNumber: cell(row.fields, idColumn)?.uppercased(),
                                              result: cell(row.fields, resultColumn)))
        }
    }
}
