import ArgumentParser
import Foundation
import UnionDomain
import UnionStore

struct WorkersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workers",
        abstract: "Import and export workers as CSV.",
        discussion: """
            Columns: \(WorkerRoster.columns.filter { !$0.informational }.map(\.code).joined(separator: ",")) \
            or their Chinese headers \(WorkerRoster.columns.filter { !$0.informational }.map(\.chinese).joined(separator: "、")) \
            (name and id_number required). Files saved by Excel are read as they are: CSV UTF-8, GBK/GB18030 \
            (Excel's plain CSV on a Chinese Windows) or Unicode text; values as codes or Chinese words (男/女, \
            城镇/农村, 在会/转出/退休/去世/退会), dates as 2024-09-01 or 2024/9/1, 15-digit ID numbers converted.
            """,
        subcommands: [Import.self, Export.self],
        aliases: ["worker"]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register the workers of a CSV file in a branch.",
            discussion: "Every row is validated first; with any bad row nothing is imported unless --skip-invalid."
        )
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "The branch's code.") var office: String
        @Flag(help: "Import the good rows and report the bad ones.") var skipInvalid = false
        @Option(help: "The file's encoding when it is not detected right: utf-8, gbk (gb18030) or utf-16.",
                transform: { name in
                    guard let encoding = RosterText.Encoding(name: name) else { throw ValidationError("--encoding takes utf-8, gbk, gb18030 or utf-16") }
                    return encoding
                })
        var encoding: RosterText.Encoding?

        func run() async throws {
            try await reporting {
                guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
                let csv = [UInt8](data)
                let bar = ProgressBar()
                let report = try await actor.run { database, principal in
                    let officeID = try await OfficeStore(database: database).find(principal, code: office).id
                    return try await WorkerImport(database: database).run(principal, office: officeID, csv: csv, encoding: encoding,
                                                                          skipInvalid: skipInvalid) {
                        bar.show($0, $1, $2)
                    }
                }
                bar.finish()
                let chinese = CLIOutput.prefersChinese()
                for notice in report.notices.prefix(200) { print("line \(notice.line): \(notice.field) \(chinese ? notice.messageZH : notice.message)") }
                for error in report.errors.prefix(200) { print("line \(error.line): \(error.field) \(chinese ? error.messageZH : error.message)") }
                if report.errors.count > 200 { print("… and \(report.errors.count - 200) more") }
                print("\(report.rows) rows (read as \(report.encoding.rawValue)), \(report.imported) imported, \(report.errors.count) errors")
                if !report.errors.isEmpty, !skipInvalid {
                    throw CLIError("nothing imported: fix the rows above or pass --skip-invalid")
                }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write workers in scope as CSV (to a file or standard output).")
        @OptionGroup var actor: ActorOptions
        @Option(help: "Only this branch (its code).") var office: String?
        @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?
        @Option(help: "Header language: en (the import's codes) or zh (Chinese headers and values; import reads both).")
        var headers: WorkerCSV.Headers = .en

        func run() async throws {
            try await reporting {
                let csv = try await actor.run { database, principal in
                    let officeID = try await office.asyncMap { try await OfficeStore(database: database).find(principal, code: $0).id }
                    return try await WorkerStore(database: database).exportCSV(principal, office: officeID, headers: headers)
                }
                if let output {
                    let url = URL(fileURLWithPath: output)
                    try Data(csv.utf8).write(to: url)
                    let rows = csv.split(separator: "\r\n").count - 1
                    FileHandle.standardError.write(Data("wrote \(rows) workers to \(url.path)\n".utf8))
                } else {
                    FileHandle.standardOutput.write(Data(csv.utf8))
                }
            }
        }
    }
}

/// A one-line progress bar on standard error, redrawn in place; silent when stderr is not a terminal.
final class ProgressBar: @unchecked Sendable {
    // @unchecked: `show` is called from one task at a time (the import's sequential phases),
    // and the lock guards the only mutable state anyway.
    private let lock = NSLock()
    private var lastDrawn = ""
    private let enabled = isatty(2) == 1

    func show(_ phase: WorkerImport.Phase, _ done: Int, _ total: Int) {
        guard enabled else { return }
        let width = 30
        let filled = total == 0 ? width : min(width, done * width / max(total, 1))
        let label = switch phase {
        case .validating: "validating"
        case .copying: "copying   "
        case .inserting: "inserting "
        }
        let line = "\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(done)/\(total)"
        lock.lock()
        defer { lock.unlock() }
        guard line != lastDrawn else { return }
        lastDrawn = line
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

extension WorkerCSV.Headers: ExpressibleByArgument {}
