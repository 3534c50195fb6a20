import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import UnionDomain
import UnionReports

/// The renderers on awkward text: whatever a name holds, CSV stays RFC 4180, Markdown keeps its
/// table, and HTML stays well-formed.
struct ReportRenderingTests {
    static let awkward = "A&B <b>\"工会\"</b>, 'x' | y\nz\u{1}"

    static var document: ReportDocument {
        let table = ReportTable(
            title: ReportLabel("表 <1>", "Table & co"),
            columns: [ReportColumn("name", "名称", "Name"), ReportColumn("cash", "现金", "Cash"), ReportColumn("rate", "比率", "Rate")],
            rows: [[.text(awkward), .money(Money(fen: 123_456_789)), .rate(Rate(basisPoints: 7_512))]], totalRows: [0])
        let chart = ReportChart(title: ReportLabel("图 & <chart>", "Chart"), unit: .money, series: [ReportLabel("甲<", "a")],
                                categories: [awkward], values: [[123_456_789]])
        return ReportDocument(title: ReportLabel("报告 & <title>", "Report"), subtitle: awkward, data: [table],
                              sections: [ReportSection(heading: ReportLabel("节", "Section"), blocks: [.table(table), .chart(chart)])])
    }

    @Test func csvQuotesAndKeepsExactFigures() {
        let csv = ReportFormat.csv.render(Self.document, chinese: false)
        #expect(csv == "\u{FEFF}name,cash,rate\r\n\"A&B <b>\"\"工会\"\"</b>, 'x' | y\nz\u{1}\",1234567.89,0.7512\r\n")
        #expect(ReportFormat.csv.render(Self.document, chinese: true).hasPrefix("\u{FEFF}名称,现金,比率\r\n"))
    }

    @Test func markdownKeepsItsTable() {
        let markdown = ReportFormat.md.render(Self.document, chinese: false)
        #expect(markdown.contains("| A&B <b>\"工会\"</b>, 'x' \\| y z\u{1} | 1,234,567.89 | 75.12% |"))
        #expect(markdown.contains("|---|---:|---:|"))
    }

    @Test func htmlIsWellFormedWhateverTheText() {
        let html = ReportFormat.html.render(Self.document, chinese: false)
        let parser = XMLParser(data: Data(html.utf8))
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        #expect(html.contains("A&amp;B &lt;b&gt;&quot;工会&quot;&lt;/b&gt;, &#39;x&#39; | y\nz"))
        #expect(!html.contains("\u{1}"))
        #expect(html.contains("<td class=\"num\">1,234,567.89</td>") && html.contains("<td class=\"num\">75.12%</td>"))
        #expect(html.contains("<tr class=\"total\">"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    }

    @Test(arguments: [(0, "0"), (999, "999"), (1000, "1,000"), (-1_234_567, "-1,234,567"), (100_000, "100,000")] as [(Int64, String)])
    func thousandsSeparators(value: Int64, text: String) {
        #expect(NumberText.grouped(value) == text)
    }

    @Test func moneyKeepsItsFen() {
        #expect(NumberText.money(Money(fen: -5)) == "-0.05")
        #expect(NumberText.money(Money(fen: 2_880_000)) == "28,800.00")
    }

    @Test(arguments: [("a.csv", ReportFormat.csv), ("a.MD", .md), ("a.markdown", .md), ("a.html", .html), ("a.htm", .html)])
    func formatFromFileName(name: String, format: ReportFormat) {
        #expect(ReportFormat(fileName: name) == format)
    }
}
