import ArgumentParser
import Foundation
import PQ
import UnionDomain
import UnionStore

/// Set-up and measurements for `bench/run-workers.sh`: a federation of 30 branches, 100,000
/// generated workers as CSV files, and the timed import of those files.
@main
struct UnionBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unionbench",
        abstract: "Benchmark helpers for the worker registry.",
        subcommands: [Setup.self, Generate.self, Import.self, AidSetup.self, AidRun.self]
    )

    struct Options: ParsableArguments {
        @Option(help: "libpq URI or conninfo (role unionhall_app) of a migrated database.") var databaseURL: String

        func withDatabase<T: Sendable>(_ body: (Database) async throws -> T) async throws -> T {
            let pool = PQPool(configuration: PQConfiguration(connectionString: databaseURL, maximumConnections: 4))
            do {
                let value = try await body(Database(pool: pool, hasher: PasswordHasher(cost: 4)))
                await pool.close()
                return value
            } catch {
                await pool.close()
                throw error
            }
        }
    }

    /// The area, `branches` branches (b01…b30) and an admin with a token; prints the token.
    struct Setup: AsyncParsableCommand {
        @OptionGroup var options: Options
        @Option var branches = 30

        func run() async throws {
            try await options.withDatabase { database in
                _ = try await BootstrapStore(database: database).initialise(
                    areaCode: "area", areaName: "地区总工会", username: "admin", displayName: "管理员", password: "bench-password")
                guard let admin = try await AuthStore(database: database).principal(username: "admin") else { throw StoreError.notFound }
                for index in 1...branches {
                    _ = try await OfficeStore(database: database).create(admin, try NewOffice(
                        code: String(format: "b%02d", index), name: "第\(index)村工会", kind: "branch", parentID: admin.officeID))
                }
                guard let refreshed = try await AuthStore(database: database).principal(username: "admin") else { throw StoreError.notFound }
                let token = try await TokenStore(database: database).issue(refreshed, user: refreshed.userID, lifetime: .seconds(86_400), label: "bench")
                print(token.secret)
            }
        }
    }

    /// Writes one CSV per branch (b01.csv …) in the import format, plus all.tsv for psql's \copy
    /// (office code first), with `count` distinct valid people in all.
    struct Generate: AsyncParsableCommand {
        @Option var count = 100_000
        @Option var branches = 30
        @Option var directory: String

        func run() throws {
            var people = DemoPeople(seed: 42)
            var seen = Set<String>()
            var files = (1...branches).map { _ in WorkerRoster.columns.filter { !$0.informational }.map(\.code).joined(separator: ",") + "\n" }
            var tsv = ""
            var serial = 0
            while seen.count < count {
                serial += 1
                let worker = people.worker(serial: serial)
                guard let id = worker.idNumber, seen.insert(id).inserted, let fields = try? WorkerFields(worker) else { continue }
                let branch = seen.count % branches
                let values = [fields.name, id, fields.idNumber.sex.rawValue, fields.idNumber.birthDate.description, fields.phone ?? "",
                              fields.hukou?.rawValue ?? "", fields.employer ?? "", fields.occupation ?? "", fields.membershipStatus.rawValue,
                              fields.memberSince?.description ?? "", fields.memberCardNumber ?? ""]
                files[branch] += values.joined(separator: ",") + "\n"
                tsv += ([String(format: "b%02d", branch + 1)] + values.map { $0.isEmpty ? "\\N" : $0 }).joined(separator: "\t") + "\n"
            }
            for (index, text) in files.enumerated() {
                try Data(text.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent(String(format: "b%02d.csv", index + 1)))
            }
            try Data(tsv.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent("all.tsv"))
        }
    }

    /// Imports every bNN.csv of `directory` into its branch through WorkerImport (validation,
    /// COPY, staging, insert) and prints rows per second.
    struct Import: AsyncParsableCommand {
        @OptionGroup var options: Options
        @Option var directory: String
        @Option var branches = 30

        func run() async throws {
            try await options.withDatabase { database in
                guard let admin = try await AuthStore(database: database).principal(username: "admin") else { throw StoreError.notFound }
                let offices = OfficeStore(database: database)
                var texts: [(Office.ID, [UInt8])] = []
                for index in 1...branches {
                    let code = String(format: "b%02d", index)
                    let url = URL(fileURLWithPath: directory).appendingPathComponent("\(code).csv")
                    texts.append((try await offices.find(admin, code: code).id, [UInt8](try Data(contentsOf: url))))
                }
                let start = ContinuousClock.now
                var rows = 0
                for (office, text) in texts {
                    let report = try await WorkerImport(database: database).run(admin, office: office, csv: text, skipInvalid: false)
                    guard report.errors.isEmpty else { throw ValidationFailure([]) }
                    rows += report.imported
                }
                let elapsed = ContinuousClock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                print(String(format: "imported=%d seconds=%.2f rows_per_second=%.0f", rows, seconds, Double(rows) / seconds))
            }
        }
    }
}
