import Foundation

/// Report tables as CSV (RFC 4180: comma separated, fields with a comma, quote or line break
/// quoted, quotes doubled, CRLF line ends), UTF-8 with a byte order mark so that Excel on a
/// Chinese Windows opens it as UTF-8 rather than GBK. Headers are the columns' snake_case
/// names, or their Chinese labels (codes then written as their Chinese names). Several tables
/// follow each other, each with its header row, after an empty line.
package enum ReportCSV {
    package static let byteOrderMark = "\u{FEFF}"

    package static func render(_ tables: [ReportTable], chinese: Bool = false) -> String {
        byteOrderMark + tables.map { table in
            let header = table.columns.map { field(chinese ? $0.label.zh : $0.key) }.joined(separator: ",")
            let rows = table.rows.map { row in row.map { field($0.exact(chinese: chinese)) }.joined(separator: ",") }
            return ([header] + rows).map { $0 + "\r\n" }.joined()
        }.joined(separator: "\r\n")
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
