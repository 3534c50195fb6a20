/// A report as one self-contained page: XHTML-compatible markup (every element closed,
/// attributes quoted, text escaped, so an XML parser reads it), an inline style sheet, inline
/// SVG charts, and nothing fetched: no scripts, fonts, images or links. Chinese labels with
/// the English in smaller type; numbers right-aligned with thousands separators; A4 print
/// rules (rows and charts never split across pages, charts scale to the page's width).
package enum ReportHTML {
    static let style = """
        @page { size: A4; margin: 14mm 12mm 16mm 12mm; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimHei", sans-serif;
               font-size: 10pt; line-height: 1.45; color: #222222; margin: 0 auto; padding: 12pt; max-width: 190mm; }
        h1 { font-size: 17pt; margin: 0 0 2pt 0; }
        h2 { font-size: 13pt; margin: 16pt 0 6pt 0; border-bottom: 1.5pt solid #3b6ea5; padding-bottom: 2pt; }
        h3 { font-size: 11pt; margin: 10pt 0 4pt 0; }
        .en { font-size: 0.72em; color: #666666; font-weight: normal; }
        th .en { display: block; }
        .subtitle { color: #555555; margin: 0 0 8pt 0; }
        table { border-collapse: collapse; width: 100%; margin: 0 0 8pt 0; font-size: 8.5pt; }
        th, td { border: 0.75pt solid #b8b8b8; padding: 2pt 4pt; }
        th { background: #eef2f7; text-align: center; vertical-align: bottom; }
        td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        tr.total td { font-weight: bold; background: #f7f7f2; }
        thead { display: table-header-group; }
        tr, figure { page-break-inside: avoid; break-inside: avoid; }
        figure { margin: 6pt 0 12pt 0; }
        figure svg { width: 100%; height: auto; display: block; }
        figcaption { font-weight: bold; margin-bottom: 2pt; }
        .empty { color: #777777; font-style: italic; }
        @media print {
          body { max-width: none; padding: 0; }
          h2, h3, figcaption { page-break-after: avoid; break-after: avoid; }
        }
        """

    package static func render(_ document: ReportDocument) -> String {
        var html = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="zh-CN" xml:lang="zh-CN">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>\(XMLText.escape("\(document.title.zh) \(document.title.en)"))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            <h1>\(label(document.title))</h1>
            <p class="subtitle">\(XMLText.escape(document.subtitle))</p>

            """
        for section in document.sections {
            html += "<section>\n<h2>\(label(section.heading))</h2>\n"
            for block in section.blocks {
                switch block {
                case .table(let table): html += self.table(table)
                case .chart(let chart):
                    html += "<figure>\n<figcaption>\(label(chart.title))</figcaption>\n\(ReportSVG.render(chart))\n</figure>\n"
                }
            }
            html += "</section>\n"
        }
        return html + "</body>\n</html>\n"
    }

    static func label(_ label: ReportLabel) -> String {
        "\(XMLText.escape(label.zh)) <span class=\"en\">\(XMLText.escape(label.en))</span>"
    }

    static func table(_ table: ReportTable) -> String {
        var html = "<h3>\(label(table.title))</h3>\n"
        guard !table.rows.isEmpty else { return html + "<p class=\"empty\">无数据 <span class=\"en\">no data</span></p>\n" }
        html += "<table>\n<thead><tr>"
        for column in table.columns { html += "<th>\(label(column.label))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for (index, row) in table.rows.enumerated() {
            html += table.totalRows.contains(index) ? "<tr class=\"total\">" : "<tr>"
            for cell in row {
                html += cell.isNumeric ? "<td class=\"num\">" : "<td>"
                html += XMLText.escape(cell.display) + "</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }
}
