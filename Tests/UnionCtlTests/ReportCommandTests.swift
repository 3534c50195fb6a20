import ArgumentParser
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PQ
import Testing
@testable import unionctl
import UnionDomain
import UnionReports
import UnionStore
import UnionTestSupport

/// `unionctl report …` over the demo federation, logged in as `unionhall_reporting`. The
/// expected figures are summed here from the cases, the ledger and the registers (read as the
/// owner), never from the views the reports read.
@Suite("unionctl report")
struct ReportCommandTests {
    static let year = CalendarDate.today().year

    /// A paid case as the tables hold it: its disbursement counts +1 in its year, its reversal −1 in the reversal's year.
    struct PaidCase: Decodable {
        let kind: String
        let code: String
        let workerId: UUID
        let disbursedOn: CalendarDate
        let reversedOn: CalendarDate?
        let cashPaid: Money
        let goods: Money
    }

    /// Net money and households with net cases in `year`, over `kinds`, for the offices `codes` (nil: all).
    static func expected(_ cases: [PaidCase], kinds: Set<String>, codes: Set<String>? = nil) -> (money: Money, households: Int) {
        var money = Money.zero
        var perHousehold: [UUID: Int] = [:]
        for paid in cases where kinds.contains(paid.kind) && codes.map({ $0.contains(paid.code) }) ?? true {
            var events = [(paid.disbursedOn, 1)]
            if let reversed = paid.reversedOn { events.append((reversed, -1)) }
            for (day, sign) in events where day.year == year {
                let amount = paid.cashPaid + paid.goods
                money = sign > 0 ? money + amount : money - amount
                perHousehold[paid.workerId, default: 0] += sign
            }
        }
        return (money, perHousehold.values.filter { $0 > 0 }.count)
    }

    static func paidCases(_ owner: PQPool) async throws -> [PaidCase] {
        try await owner.query("""
            SELECT p.kind, o.code, c.worker_id, c.disbursed_on,
                   CASE WHEN c.status = 'reversed' THEN (c.reversed_at AT TIME ZONE 'Asia/Shanghai')::date END AS reversed_on,
                   c.cash_paid, coalesce((SELECT sum(g.value) FROM aid_case_goods g WHERE g.case_id = c.id), 0)::numeric(14, 2) AS goods
            FROM aid_cases c JOIN aid_programs p ON p.id = c.program_id JOIN offices o ON o.id = c.office_id
            WHERE c.status IN ('disbursed', 'reversed')
            """).decode(PaidCase.self)
    }

    /// Runs one report to a file and returns its text.
    static func report(_ arguments: [String], url: String, file: String) async throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("uh-report-\(UUID().uuidString)-\(file)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await UnionCtlTests.run(["report"] + arguments + ["--database-url", url, "-o", path])
        let data = try #require(FileManager.default.contents(atPath: path))
        return String(decoding: data, as: UTF8.self)
    }

    /// RFC 4180 records of each table of a report CSV, as dictionaries by header.
    static func csvTables(_ text: String) -> [[[String: String]]] {
        #expect(text.hasPrefix("\u{FEFF}"), "a byte order mark for Excel")
        var records: [[String]] = [], field = "", record: [String] = [], quoted = false
        var tables: [[[String]]] = []
        var scalars = Array(text.unicodeScalars.dropFirst())[...]
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" { scalars.removeFirst(); field.unicodeScalars.append("\"") } else { quoted = false }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                record.append(field)
                field = ""
            } else if scalar == "\r", scalars.first == "\n" {
                scalars.removeFirst()
                if record.isEmpty, field.isEmpty {
                    tables.append(records)
                    records = []
                } else {
                    records.append(record + [field])
                }
                record = []
                field = ""
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        tables.append(records)
        return tables.filter { !$0.isEmpty }.map { table in
            table.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(table[0], $0)) }
        }
    }

    @Test func theReportingJobsReports() async throws {
        try await TestDatabase.with { database in
            try await UnionCtlTests.run(["demo", "load", "--database-url", database.conninfo(user: "unionhall_app"), "--bcrypt-cost", "4",
                                         "--workers-per-branch", "4"])
            let owner = database.ownerPool
            let url = database.conninfo(user: "unionhall_reporting")
            let cases = try await Self.paidCases(owner)
            let relief: Set<String> = ["hardship_relief", "emergency_relief"]
            let allKinds: Set<String> = relief.union(["education_aid", "model_worker_aid", "holiday_warmth"])
            let year = String(Self.year)
            let area = try #require(try await owner.query("SELECT code FROM offices WHERE kind = 'area'").scalar(String.self))

            // CSV: the area's row and each branch's hold the money and households summed from the cases.
            let annual = try #require(Self.csvTables(try await Self.report(["annual", "--from", year, "--to", year], url: url, file: "a.csv")).first)
            let areaRow = try #require(annual.first { $0["level"] == "area" && $0["office_code"] == area })
            let areaRelief = Self.expected(cases, kinds: relief)
            #expect(areaRelief.money > .zero, "the demo pays relief this year")
            #expect(areaRow["relief_total"] == areaRelief.money.description)
            #expect(areaRow["relief_households"] == String(areaRelief.households))
            #expect(areaRow["aid_total"] == Self.expected(cases, kinds: allKinds).money.description)
            #expect(areaRow["active_members"] == String(try await owner.query("SELECT count(*) FROM workers WHERE membership_status = 'active'").scalar(Int.self) ?? -1))
            for row in annual where row["level"] == "office" {
                let code = row["office_code"] ?? ""
                #expect(row["relief_total"] == Self.expected(cases, kinds: relief, codes: [code]).money.description, "\(code)")
                #expect(row["aid_total"] == Self.expected(cases, kinds: allKinds, codes: [code]).money.description, "\(code)")
            }

            // Chinese headers; Markdown with grouped figures; HTML that an XML parser reads, with charts and nothing fetched.
            let chinese = try await Self.report(["annual", "--from", year, "--headers", "zh"], url: url, file: "zh.csv")
            #expect(chinese.contains("帮扶救助资金") && chinese.contains("全区"))
            let markdown = try await Self.report(["annual", "--to", year], url: url, file: "a.md")
            #expect(markdown.contains("| \(NumberText.money(areaRelief.money)) |") || markdown.contains(" \(NumberText.money(areaRelief.money)) |"))
            let html = try await Self.report(["annual", "--from", year, "--to", year], url: url, file: "a.html")
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\""))
            let parser = XMLParser(data: Data(html.utf8))
            #expect(parser.parse(), "\(String(describing: parser.parserError))")
            #expect(html.components(separatedBy: "<svg").count - 1 == 4)
            #expect(!html.lowercased().contains("<script"))
            let stripped = html.replacingOccurrences(of: "http://www.w3.org/1999/xhtml", with: "").replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
            #expect(!stripped.contains("http://") && !stripped.contains("https://"))
            #expect(html.contains(">\(NumberText.money(areaRelief.money))<"))
            #expect(html.contains("@page { size: A4"))

            // --office: a branch's rows only; an area's code: its total and its offices; an unknown code is an error.
            let branch = try #require(Self.csvTables(try await Self.report(["annual", "--office", "guozhuangzi"], url: url, file: "b.csv")).first)
            #expect(!branch.isEmpty && branch.allSatisfy { $0["office_code"] == "guozhuangzi" && $0["level"] == "office" })
            let whole = try #require(Self.csvTables(try await Self.report(["annual", "--office", area], url: url, file: "w.csv")).first)
            #expect(whole.count == annual.count)
            await #expect(throws: (any Error).self) { try await Self.report(["annual", "--office", "nosuch"], url: url, file: "x.csv") }

            // Years without data are zeros.
            let empty = try #require(Self.csvTables(try await Self.report(["annual", "--from", "2091", "--to", "2092"], url: url, file: "z.csv")).first)
            #expect(empty.count == 2 * whole.count)
            for row in empty {
                for (name, value) in row where !["year", "level", "office_code", "office_name"].contains(name) {
                    #expect(["0", "0.00", "0.0000"].contains(value), "\(name) = \(value)")
                }
            }
            await #expect(throws: (any Error).self) { try await Self.report(["annual", "--from", "2027", "--to", "2026"], url: url, file: "y.csv") }

            // The other reports, each checked against its own sum.
            let aid = try #require(Self.csvTables(try await Self.report(["aid", "--from", year], url: url, file: "aid.csv")).first)
            let areaAid = aid.filter { $0["level"] == "area" }.compactMap { $0["total"].flatMap { Money($0) } }.reduce(Money.zero, +)
            #expect(areaAid == Self.expected(cases, kinds: allKinds).money)
            #expect(try await Self.report(["aid", "--format", "html"], url: url, file: "aid.out").contains("<svg"))

            let funds = try #require(Self.csvTables(try await Self.report(["funds"], url: url, file: "f.csv")).first)
            let ledger = try #require(try await owner.query("SELECT sum(amount)::numeric(14, 2) FROM fund_ledger").scalar(Money.self))
            #expect(funds.compactMap { $0["balance"].flatMap { Money($0) } }.reduce(Money.zero, +) == ledger)
            #expect(funds.compactMap { $0["ledger_total"].flatMap { Money($0) } }.reduce(Money.zero, +) == ledger)

            let contracts = try #require(Self.csvTables(try await Self.report(["contracts"], url: url, file: "c.csv")).first)
            #expect(contracts.compactMap { $0["enterprises"].flatMap { Int($0) } }.reduce(0, +)
                    == (try await owner.query("SELECT count(*) FROM enterprises").scalar(Int.self) ?? -1))

            let activities = try #require(Self.csvTables(try await Self.report(["activities", "--from", year], url: url, file: "act.csv")).first)
            let times = try await owner.query("""
                SELECT (SELECT coalesce(sum(head_count), 0) FROM activities WHERE extract(year FROM starts_on) = \(Int32(Self.year)))
                     + (SELECT count(*) FROM activity_participants p JOIN activities a ON a.id = p.activity_id
                        WHERE extract(year FROM a.starts_on) = \(Int32(Self.year)))
                """).scalar(Int.self)
            #expect(activities.compactMap { $0["participant_times"].flatMap { Int($0) } }.reduce(0, +) == times)

            let insurance = Self.csvTables(try await Self.report(["insurance", "--year", year], url: url, file: "i.csv"))
            let coverage = try #require(insurance.first)
            #expect(!coverage.isEmpty, "the demo enrols members this year")
            for row in coverage {
                let enrolled = try await owner.query("""
                    SELECT count(*) FROM insurance_enrolments e JOIN workers w ON w.id = e.worker_id JOIN offices o ON o.id = w.office_id
                    JOIN insurance_periods pe ON pe.id = e.period_id JOIN insurance_plans pl ON pl.id = pe.plan_id
                    WHERE w.membership_status = 'active' AND o.code = \(row["office_code"] ?? "") AND pl.code = \(row["plan_code"] ?? "")
                      AND pe.starts_on = \(row["period_starts_on"] ?? "")::date
                    """).scalar(Int.self)
                #expect(row["enrolled"] == enrolled.map(String.init), "\(row)")
            }
        }
    }

    @Test func aMissingReportingURLIsAClearError() throws {
        let options = try ConnectionOptions.parse([])
        #expect(throws: (any Error).self) { try options.reportingURL(environment: ["DATABASE_URL": "host=/tmp"]) }
        let error = #expect(throws: ValidationError.self) { try options.reportingURL(environment: [:]) }
        #expect(error?.message.contains("UNIONHALL_REPORTING_URL") == true)
        #expect(try options.reportingURL(environment: ["UNIONHALL_REPORTING_URL": "host=/x"]) == "host=/x")
        #expect(try ConnectionOptions.parse(["--database-url", "host=/y"]).reportingURL(environment: [:]) == "host=/y")
    }

    @Test func helpAndFormats() throws {
        #expect(UnionCtl.helpMessage().contains("report"))
        let help = ReportCommand.Annual.helpMessage()
        for option in ["--from", "--to", "--office", "--format", "--output", "--headers", "--database-url"] { #expect(help.contains(option), "\(option)") }
        #expect(ReportCommand.Insurance.helpMessage().contains("--plan"))
        #expect(throws: (any Error).self) { try UnionCtl.parseAsRoot(["report", "annual", "--format", "pdf"]) }
        #expect(throws: (any Error).self) { try UnionCtl.parseAsRoot(["report", "annual", "--from", "x"]) }
        let parsed = try #require(try UnionCtl.parseAsRoot(["report", "annual", "-o", "x.HTML"]) as? ReportCommand.Annual)
        #expect(parsed.report.resolvedFormat == .html)
        #expect(try #require(try UnionCtl.parseAsRoot(["report", "funds", "-o", "x.txt"]) as? ReportCommand.Funds).report.resolvedFormat == .csv)
    }
}
