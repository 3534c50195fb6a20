import Foundation

/// A report as Markdown: a heading per section and a pipe table per table, numbers
/// right-aligned and grouped. Charts are left to the HTML (a table already holds their figures).
package enum ReportMarkdown {
    package static func render(_ document: ReportDocument, chinese: Bool = false) -> String {
        var lines = ["# \(label(document.title, chinese))", "", escape(document.subtitle), ""]
        for section in document.sections {
            lines += ["## \(label(section.heading, chinese))", ""]
            for case .table(let table) in section.blocks {
                lines += ["### \(label(table.title, chinese))", ""]
                lines.append("| " + table.columns.map { escape(chinese ? $0.label.zh : $0.label.en) }.joined(separator: " | ") + " |")
                let numeric = table.columns.indices.map { column in table.rows.contains { $0[column].isNumeric } }
                lines.append("|" + numeric.map { $0 ? "---:" : "---" }.joined(separator: "|") + "|")
                for row in table.rows {
                    lines.append("| " + row.map { escape($0.display) }.joined(separator: " | ") + " |")
                }
                if table.rows.isEmpty { lines.append("| " + table.columns.map { _ in "" }.joined(separator: " | ") + " |") }
                lines.append("")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func label(_ label: ReportLabel, _ chinese: Bool) -> String {
        escape(chinese ? label.zh : "\(label.zh) (\(label.en))")
    }

    /// A pipe would end the cell; a line break the row.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}
