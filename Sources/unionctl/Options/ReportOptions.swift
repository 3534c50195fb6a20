import ArgumentParser
import CivilDates
import Foundation
import PQ
import UnionDomain
import UnionReports
import UnionStore

/// The years a report covers: `--from` and `--to`, checked by `ReportYears` (the API's rules).
struct ReportYearOptions: ParsableArguments {
    @Option(help: ArgumentHelp("First year (default: --to).", valueName: "year")) var from: Int?
    @Option(help: ArgumentHelp("Last year (default: this year in Beijing).", valueName: "year")) var to: Int?

    func years() throws -> ReportYears {
        try ReportYears(from: from, to: to, thisYear: CalendarDate.today().year)
    }
}

/// Where a report reads (the reporting role's login), which offices it covers, and where and
/// how it is written.
struct ReportOutputOptions: ParsableArguments {
    @OptionGroup var connection: ConnectionOptions

    @Option(help: ArgumentHelp("Only this office (its code); an area's code gives the area's total and each of its offices.", valueName: "code"))
    var office: String?

    @Option(help: ArgumentHelp("csv, md or html (default: from -o's extension, else csv).", valueName: "format"))
    var format: ReportFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file, replaced whole (default: standard output).", valueName: "file"))
    var output: String?

    @Option(help: "CSV and Markdown headers: en (snake_case column names) or zh (Chinese headers, codes by their Chinese names).")
    var headers: WorkerCSV.Headers = .en

    var resolvedFormat: ReportFormat {
        format ?? output.flatMap { ReportFormat(fileName: $0) } ?? .csv
    }

    /// Connects as the reporting role, resolves `--office`, builds the document and writes it:
    /// to `-o` atomically (written beside it, then renamed over it, so a reader never sees half
    /// a report), else to standard output.
    func write(_ build: (ReportStore, ReportOfficeFilter, _ scope: String, _ today: String) async throws -> ReportDocument) async throws {
        let url = try connection.reportingURL()
        let document = try await connection.withPool(url: url) { pool in
            let store = ReportStore(reportingPool: pool)
            let filter = try await store.filter(office: office)
            return try await build(store, filter, scopeName(filter), CalendarDate.today().description)
        }
        let text = resolvedFormat.render(document, chinese: headers == .zh)
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let file = URL(fileURLWithPath: output)
        try Data(text.utf8).write(to: file, options: .atomic)
        let chinese = CLIOutput.prefersChinese()
        FileHandle.standardError.write(Data((chinese ? "报表已写入 \(file.path)\n" : "wrote the \(resolvedFormat.rawValue) report to \(file.path)\n").utf8))
    }

    func scopeName(_ filter: ReportOfficeFilter) -> String {
        guard let office, let scope = filter.scopes.first(where: { $0.officeCode == office }) else { return "全部单位 all offices" }
        return scope.level == .area ? "\(scope.officeName)（全区 area, \(office)）" : "\(scope.officeName)（\(office)）"
    }
}

extension ReportFormat: ExpressibleByArgument {}
