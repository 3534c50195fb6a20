import UnionDomain

/// A name in Chinese (what the federation reads) with its English (smaller, for the
/// bilingual staff and for the CSV's default headers).
package struct ReportLabel: Sendable, Hashable {
    package let zh: String
    package let en: String

    package init(_ zh: String, _ en: String) {
        self.zh = zh
        self.en = en
    }
}

/// One value of a report table, typed so each format writes it its own way: CSV the exact
/// machine form (`28800.00`, `0.7500`), Markdown and HTML the human form (`28,800.00`, `75.00%`).
package enum ReportCell: Sendable, Hashable {
    case text(String)
    /// A code with its Chinese name (`hardship_relief` / 困难帮扶): CSV writes the code under
    /// English headers and the name under Chinese ones; people read the name.
    case term(String, zh: String)
    case count(Int)
    case money(Money)
    case rate(Rate)
    /// A year or another number that is not a quantity: no thousands separator.
    case plain(Int)

    package var isNumeric: Bool {
        switch self {
        case .text, .term: false
        case .count, .money, .rate, .plain: true
        }
    }

    /// The exact form: what CSV and the API write.
    package func exact(chinese: Bool = false) -> String {
        switch self {
        case .text(let text): text
        case .term(let code, let zh): chinese ? zh : code
        case .count(let count): String(count)
        case .money(let money): money.description
        case .rate(let rate): rate.description
        case .plain(let number): String(number)
        }
    }

    /// The form people read: thousands separators, rates as percentages, codes by their names.
    package var display: String {
        switch self {
        case .text(let text): text
        case .term(_, let zh): zh
        case .count(let count): NumberText.grouped(Int64(count))
        case .money(let money): NumberText.money(money)
        case .rate(let rate): rate.percent
        case .plain(let number): String(number)
        }
    }
}

/// A column: its machine name (the view's column, snake_case, the CSV's English header) and
/// its label.
package struct ReportColumn: Sendable, Hashable {
    package let key: String
    package let label: ReportLabel

    package init(_ key: String, _ zh: String, _ en: String) {
        self.key = key
        label = ReportLabel(zh, en)
    }
}

package struct ReportTable: Sendable, Hashable {
    package let title: ReportLabel
    package let columns: [ReportColumn]
    package let rows: [[ReportCell]]
    /// Indexes of rows that are totals (an area's), set apart when printed.
    package let totalRows: Set<Int>

    package init(title: ReportLabel, columns: [ReportColumn], rows: [[ReportCell]], totalRows: Set<Int> = []) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.totalRows = totalRows
    }
}

/// A horizontal (stacked) bar chart: a bar per category, a segment per series. Values are
/// integers in the unit's smallest step (fen for money), so a chart draws exactly the figures.
package struct ReportChart: Sendable, Hashable {
    package enum Unit: Sendable, Hashable {
        case money
        case count
    }

    package let title: ReportLabel
    package let unit: Unit
    package let series: [ReportLabel]
    package let categories: [String]
    /// `values[category][series]`.
    package let values: [[Int64]]
    /// What to write at the end of each bar; the bar's total when nil.
    package let barLabels: [String]?

    package init(title: ReportLabel, unit: Unit, series: [ReportLabel], categories: [String], values: [[Int64]], barLabels: [String]? = nil) {
        self.title = title
        self.unit = unit
        self.series = series
        self.categories = categories
        self.values = values
        self.barLabels = barLabels
    }
}

package enum ReportBlock: Sendable, Hashable {
    case table(ReportTable)
    case chart(ReportChart)
}

package struct ReportSection: Sendable, Hashable {
    package let heading: ReportLabel
    package let blocks: [ReportBlock]

    package init(heading: ReportLabel, blocks: [ReportBlock]) {
        self.heading = heading
        self.blocks = blocks
    }
}

/// A whole report: `data` is what CSV writes (flat tables with every column, for machines
/// and spreadsheets); `sections` is what people read (Markdown's tables, HTML's tables and
/// charts), narrow enough to print on A4.
package struct ReportDocument: Sendable, Hashable {
    package let title: ReportLabel
    package let subtitle: String
    package let data: [ReportTable]
    package let sections: [ReportSection]

    package init(title: ReportLabel, subtitle: String, data: [ReportTable], sections: [ReportSection]) {
        self.title = title
        self.subtitle = subtitle
        self.data = data
        self.sections = sections
    }
}
