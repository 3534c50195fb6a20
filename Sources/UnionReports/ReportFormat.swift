/// The output formats every report has.
package enum ReportFormat: String, Sendable, CaseIterable {
    case csv, md, html

    /// The format a file name implies (`.csv`, `.md`/`.markdown`, `.html`/`.htm`), nil for others.
    package init?(fileName: String) {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".csv") { self = .csv }
        else if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { self = .md }
        else if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".xhtml") { self = .html }
        else { return nil }
    }

    package func render(_ document: ReportDocument, chinese: Bool) -> String {
        switch self {
        case .csv: ReportCSV.render(document.data, chinese: chinese)
        case .md: ReportMarkdown.render(document, chinese: chinese)
        case .html: ReportHTML.render(document)
        }
    }
}
