import UnionDomain

/// Draws a `ReportChart` as inline SVG: horizontal bars, one per category, stacked by series,
/// a legend above and the bar's figure at its end. Sized by `viewBox` so it scales to the
/// page's width (print rules set `width: 100%`); every element closed and every value
/// escaped, so the page stays well-formed XML.
enum ReportSVG {
    static let palette = ["#3b6ea5", "#e07b39", "#5aa469", "#c44e52", "#8172b3", "#937860", "#d17fb5", "#7f7f7f", "#b5a642"]
    static let width = 680
    static let labelWidth = 150
    static let figureWidth = 100
    static let rowHeight = 20
    static let legendHeight = 26
    static let axisHeight = 22

    static func render(_ chart: ReportChart) -> String {
        let barArea = width - labelWidth - figureWidth
        let totals = chart.values.map { $0.reduce(0) { $0 + max($1, 0) } }
        let maximum = axisMaximum(totals.max() ?? 0, chart.unit)
        let height = legendHeight + chart.categories.count * rowHeight + axisHeight
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" \
            role="img" aria-label="\(XMLText.escape(chart.title.zh))" font-size="11">
            <title>\(XMLText.escape("\(chart.title.zh) \(chart.title.en)"))</title>

            """
        // Legend: a swatch and the series' Chinese name, left to right.
        var x = labelWidth
        for (index, series) in chart.series.enumerated() {
            let color = palette[index % palette.count]
            svg += "<rect x=\"\(x)\" y=\"6\" width=\"10\" height=\"10\" fill=\"\(color)\" />"
            svg += "<text x=\"\(x + 14)\" y=\"15\">\(XMLText.escape(series.zh))</text>\n"
            x += 24 + series.zh.count * 12
        }
        // Grid and axis: quarters of the largest bar.
        let top = legendHeight, bottom = legendHeight + chart.categories.count * rowHeight
        for quarter in 0...4 {
            let gx = labelWidth + barArea * quarter / 4
            svg += "<line x1=\"\(gx)\" y1=\"\(top)\" x2=\"\(gx)\" y2=\"\(bottom)\" stroke=\"#dddddd\" stroke-width=\"1\" />"
            let tick = maximum * Int64(quarter) / 4
            svg += "<text x=\"\(gx)\" y=\"\(bottom + 15)\" text-anchor=\"middle\" fill=\"#555555\">\(XMLText.escape(axisText(tick, chart.unit)))</text>\n"
        }
        for (row, category) in chart.categories.enumerated() {
            let y = top + row * rowHeight
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" text-anchor=\"end\">\(XMLText.escape(category))</text>"
            var start = Int64(0)
            for (index, value) in chart.values[row].enumerated() where value > 0 {
                let x0 = labelWidth + Int(Int64(barArea) * start / maximum)
                start += value
                let x1 = labelWidth + Int(Int64(barArea) * start / maximum)
                svg += "<rect x=\"\(x0)\" y=\"\(y + 3)\" width=\"\(max(x1 - x0, 1))\" height=\"\(rowHeight - 6)\" fill=\"\(palette[index % palette.count])\" />"
            }
            let figure = chart.barLabels?[row] ?? valueText(totals[row], chart.unit)
            let end = labelWidth + Int(Int64(barArea) * start / maximum)
            svg += "<text x=\"\(end + 4)\" y=\"\(y + 14)\" fill=\"#333333\">\(XMLText.escape(figure))</text>\n"
        }
        return svg + "</svg>"
    }

    /// The axis's end: four equal steps of a round size (in whole yuan for money) at or above
    /// the longest bar, so the ticks read 0, 15,000, 30,000… rather than 0, 11,167, 22,335….
    static func axisMaximum(_ longest: Int64, _ unit: ReportChart.Unit) -> Int64 {
        let scale: Int64 = unit == .money ? 100 : 1
        let rawStep = max((longest + 4 * scale - 1) / (4 * scale), 1)
        var magnitude: Int64 = 1
        while magnitude * 10 < rawStep { magnitude *= 10 }
        let tenths: [Int64] = [10, 15, 20, 25, 30, 40, 50, 60, 80, 100]
        let step = tenths.map { $0 * magnitude }.first { $0 % 10 == 0 && $0 / 10 >= rawStep }.map { $0 / 10 } ?? 10 * magnitude
        return step * 4 * scale
    }

    static func valueText(_ value: Int64, _ unit: ReportChart.Unit) -> String {
        switch unit {
        case .money: NumberText.money(Money(fen: value))
        case .count: NumberText.grouped(value)
        }
    }

    /// Axis ticks in whole yuan: the bars' figures carry the fen.
    static func axisText(_ value: Int64, _ unit: ReportChart.Unit) -> String {
        switch unit {
        case .money: NumberText.grouped(value / 100)
        case .count: NumberText.grouped(value)
        }
    }
}
