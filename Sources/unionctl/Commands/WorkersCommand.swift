import ArgumentParser
import Foundation
import UnionDomain
import UnionStore

struct WorkersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workers",
        abstract: "Import and export workers as CSV.",
        discussion: "Columns: \(WorkerCSV.columns.joined(separator: ",")) (name and id_number required; UTF-8, header row).",
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

        func run() async throws {
            try await reporting {
                guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
                let csv = [UInt8](data)
                let bar = ProgressBar()
                let report = try await actor.run { database, principal in
                    let officeID = try await OfficeStore(database: database).find(principal, code: office).id
                    return try await WorkerImport(database: database).run(principal, office: officeID, csv: csv, skipInvalid: skipInvalid) {
                        bar.show($0, $1, $2)
                    }
                }
                bar.finish()
                for error in report.errors.prefix(200) { print("line \(error.line): \(error.field) \(error.message)") }
                if report.errors.count > 200 { print("… and \(report.errors.count - 200) more") }
                print("\(report.rows) rows, \(report.imported) imported, \(report.errors.count) errors")
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

        func run() async throws {
            try await reporting {
                let csv = try await actor.run { database, principal in
                    let officeID = try await office.asyncMap { try await OfficeStore(database: database).find(principal, code: $0).id }
                    return try await WorkerStore(database: database).exportCSV(principal, office: officeID)
                }
                if let output {
                    try Data(csv.utf8).write(to: URL(fileURLWithPath: output))
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
