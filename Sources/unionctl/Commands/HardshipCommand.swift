import ArgumentParser
import Foundation
import UnionDomain
import UnionStore

/// `unionctl hardship …`: the area's side of the hardship workflow, through `HardshipStore`
/// exactly as the API's routes (same policy, row-level security and audit).
struct HardshipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hardship",
        abstract: "List hardship files; confirm, return, review and close them.",
        subcommands: [List.self, Confirm.self, Return.self, Review.self, Close.self]
    )

    /// A file id from the command line, checked before any work.
    struct FileID: ParsableArguments {
        @Argument(help: "The file's id.", transform: { text in
            guard let id = HardshipFile.ID(uuidString: text) else { throw ValidationError("\(text) is not a file id (a UUID)") }
            return id
        })
        var value: HardshipFile.ID
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Files in scope, with worker, office, tier, status and last review.")
        @OptionGroup var actor: ActorOptions
        @Flag(help: "Only active files not reviewed for 12 months.") var overdue = false
        @Option(help: "Only this office's files (its code).") var office: String?
        @Option(help: ArgumentHelp("Only files in this status.", valueName: HardshipFile.Status.allCases.map(\.rawValue).joined(separator: "|")))
        var status: String?

        func validate() throws {
            if let status, HardshipFile.Status(rawValue: status) == nil {
                throw ValidationError("--status takes \(HardshipFile.Status.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            try await reporting {
                let files = try await actor.run { database, principal in
                    let officeID = try await office.asyncMap { try await OfficeStore(database: database).find(principal, code: $0).id }
                    let store = HardshipStore(database: database)
                    var all: [HardshipFile] = []
                    var after: String?
                    repeat {
                        let page = try await store.list(principal, overdue: overdue, status: status.flatMap(HardshipFile.Status.init(rawValue:)),
                                                        office: officeID, limit: 200, after: after)
                        all += page.items
                        after = page.next
                    } while after != nil
                    return all
                }
                CLIOutput.table(Self.header, Self.rows(files, today: .today()))
            }
        }

        static let header = ["WORKER", "OFFICE", "TIER", "STATUS", "REVIEWED", "ID"]

        /// REVIEWED is the last review, else the confirmation (what the 12 months run from).
        static func rows(_ files: [HardshipFile], today: CalendarDate) -> [[String]] {
            files.map { file in
                let reviewed = (file.reviewedOn ?? file.confirmedOn)?.description ?? "-"
                return [file.workerName ?? "-", file.officeCode ?? "-", file.tier.rawValue, file.status.rawValue,
                        file.isOverdue(today: today) ? "\(reviewed) (overdue)" : reviewed, file.id.description]
            }
        }
    }

    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Confirm a submitted file (it becomes active).")
        @OptionGroup var actor: ActorOptions
        @OptionGroup var file: FileID

        func run() async throws {
            try await reporting {
                let done = try await actor.run { database, principal in
                    try await HardshipStore(database: database).transition(principal, id: file.value, .confirm)
                }
                HardshipCommand.show(done)
            }
        }
    }

    struct Return: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Return a submitted file to its branch as a draft, with a reason.")
        @OptionGroup var actor: ActorOptions
        @OptionGroup var file: FileID
        @Option(help: "Why, for the branch (kept on the file).") var reason: String

        func run() async throws {
            try await reporting {
                let done = try await actor.run { database, principal in
                    try await HardshipStore(database: database).transition(principal, id: file.value, .returnToBranch, returnReason: reason)
                }
                HardshipCommand.show(done)
            }
        }
    }

    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The yearly review of an active file with the household's figures now; the tier is recomputed from today's dibao.")
        @OptionGroup var actor: ActorOptions
        @OptionGroup var file: FileID
        @Option(help: "People in the household.") var householdSize: Int
        @Option(help: "Household annual income, yuan (e.g. 30000.00).") var income: String
        @Option(help: "Fixed essential spending a year, yuan.") var spending: String
        @Option(help: "The year's hardship costs, yuan (default: as stored).") var costs: String?
        @Option(help: ArgumentHelp("Evidence on file, comma-separated (default: as stored).", valueName: "list")) var evidence: String?

        func run() async throws {
            try await reporting {
                let input = HardshipReviewInput(
                    householdSize: householdSize, annualIncome: income, essentialSpending: spending, hardshipCosts: costs,
                    evidence: evidence.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } })
                let done = try await actor.run { database, principal in
                    try await HardshipStore(database: database).review(principal, id: file.value, input)
                }
                HardshipCommand.show(done)
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a file with a reason.")
        @OptionGroup var actor: ActorOptions
        @OptionGroup var file: FileID
        @Option(help: ArgumentHelp("Why it closes.", valueName: HardshipFile.ClosingReason.allCases.map(\.rawValue).joined(separator: "|")))
        var reason: String

        func validate() throws {
            guard HardshipFile.ClosingReason(rawValue: reason) != nil else {
                throw ValidationError("--reason takes \(HardshipFile.ClosingReason.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            try await reporting {
                let done = try await actor.run { database, principal in
                    try await HardshipStore(database: database).transition(principal, id: file.value, .close,
                                                                           reason: HardshipFile.ClosingReason(rawValue: reason))
                }
                HardshipCommand.show(done)
            }
        }
    }

    /// One line on what the file is now.
    static func show(_ file: HardshipFile) {
        let chinese = CLIOutput.prefersChinese()
        let tier = "\(file.tier.rawValue) (\(file.finances.perCapitaMonthly) / \(chinese ? "低保" : "dibao") \(file.dibao))"
        print("\(file.id) \(file.workerName ?? "-") \(file.status.rawValue) \(tier)")
    }
}
