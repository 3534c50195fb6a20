import ArgumentParser
import CivilDates
import Foundation
import UnionDomain
import UnionReports
import UnionStore

/// `unionctl report …`: the reporting job. Reads only the `reporting` views, logged in as
/// `unionhall_reporting` (`UNIONHALL_REPORTING_URL`), so it needs no user and sees no
/// personal data; writes CSV (UTF-8 with BOM, for Excel), Markdown or one self-contained HTML
/// page with charts that prints on A4.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports from the reporting views (as unionhall_reporting): annual summary, aid, insurance, funds, contracts, activities.",
        discussion: """
            Connects with UNIONHALL_REPORTING_URL (or --database-url). Example:
              unionctl report annual --from 2024 --to 2026 --office guozhuangzi -o annual.html
            CSV is UTF-8 with a byte order mark (Excel opens Chinese correctly), RFC 4180, CRLF.
            """,
        subcommands: [Annual.self, Aid.self, Insurance.self, Funds.self, Contracts.self, Activities.self],
        aliases: ["reports"]
    )

    struct Annual: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The annual summary (年度统计) per year, office and area: relief, education grants, model workers, holiday visits, participant-times, insurance coverage.",
            discussion: "Years without data show zeros. HTML adds charts: aid by month and program kind, households and insurance coverage by branch, participant-times by kind."
        )
        @OptionGroup var years: ReportYearOptions
        @OptionGroup var report: ReportOutputOptions

        func run() async throws {
            try await reporting {
                let range = try years.years()
                try await report.write { store, filter, scope, today in
                    AnnualReport.document(years: range, scope: scope, generatedOn: today, rows: try await store.annual(range, filter),
                                          months: try await store.aidMonths(range, filter),
                                          participation: try await store.participation(range, filter))
                }
            }
        }
    }

    struct Aid: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Aid paid per year, office (and area) and program kind, net of reversals; HTML adds aid by month.")
        @OptionGroup var years: ReportYearOptions
        @OptionGroup var report: ReportOutputOptions

        func run() async throws {
            try await reporting {
                let range = try years.years()
                try await report.write { store, filter, scope, today in
                    AidReport.document(years: range, scope: scope, generatedOn: today, rows: try await store.aidSummary(range, filter),
                                       months: try await store.aidMonths(range, filter))
                }
            }
        }
    }

    struct Insurance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mutual insurance coverage per branch and the claims, for the periods that overlap a year.")
        @Option(help: ArgumentHelp("Periods overlapping this year (default: this year in Beijing).", valueName: "year")) var year: Int?
        @Option(help: ArgumentHelp("Only this plan (its code).", valueName: "code")) var plan: String?
        @OptionGroup var report: ReportOutputOptions

        func run() async throws {
            try await reporting {
                let year = try ReportYears(from: year, to: year, thisYear: CalendarDate.today().year).to
                try await report.write { store, filter, scope, today in
                    InsuranceReport.document(year: year, scope: scope, generatedOn: today,
                                             coverage: try await store.insuranceCoverage(year: year, plan: plan, filter),
                                             claims: try await store.claims(year: year, plan: plan, filter))
                }
            }
        }
    }

    struct Funds: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every fund today: receipts, aid paid, premiums, reversals and balance.")
        @OptionGroup var report: ReportOutputOptions

        func run() async throws {
            try await reporting {
                try await report.write { store, filter, scope, today in
                    FundsReport.document(scope: scope, generatedOn: today, rows: try await store.fundBalances(filter))
                }
            }
        }
    }

    struct Contracts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Collective contracts today per branch and ownership: coverage by a valid comprehensive contract, expiring, expired, not filed.")
        @OptionGroup var report: ReportOutputOptions

        func run() async throws {
            try await reporting {
                try await report.write { store, filter, scope, today in
                    ContractsReport.document(scope: scope, generatedOn: today, rows: try await store.contracts(filter))
                }
            }
        }
    }

    struct Activities: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Activities per year, organising office and kind: events and participant-times (人次).")
        @OptionGroup var years: ReportYearOptions
        @OptionGroup var report: ReportOutputOptions

        func run() async throws {
            try await reporting {
                let range = try years.years()
                try await report.write { store, filter, scope, today in
                    ActivitiesReport.document(years: range, scope: scope, generatedOn: today,
                                              rows: try await store.participation(range, filter))
                }
            }
        }
    }
}
