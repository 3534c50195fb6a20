import ArgumentParser
import Foundation
import UnionDomain
import UnionStore

/// `unionctl aid …`: the area's side of the aid workflow.
struct AidCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aid",
        abstract: "Aid cases (帮扶申请): what waits for a decision, decisions, and the disbursement report.",
        subcommands: [Pending.self, Approve.self, Reject.self, Return.self, Disbursements.self]
    )

    static func caseID(_ text: String) throws -> AidCase.ID {
        guard let id = AidCase.ID(uuidString: text) else { throw ValidationError("\(text) is not a case id") }
        return id
    }

    struct Pending: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Submitted cases waiting for a decision.")
        @OptionGroup var actor: ActorOptions

        func run() async throws {
            let cases = try await reporting2 {
                try await actor.run { database, principal in
                    var all: [AidCase] = []
                    var after: String?
                    repeat {
                        let page = try await AidCaseStore(database: database).list(
                            principal, filter: AidCaseStore.Filter(status: .submitted), limit: 200, after: after)
                        all += page.items
                        after = page.next
                    } while after != nil
                    return all
                }
            }
            CLIOutput.table(["CASE", "PROGRAM", "YEAR", "CASH", "GOODS", "REASON"], cases.map {
                [$0.id.description, $0.programKind.rawValue, String($0.year), $0.cashRequested.description, $0.goodsValue.description, $0.reason]
            })
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a submitted case (never one you submitted).")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The case id.") var id: String

        func run() async throws {
            try await reporting { try await AidCommand.decide(actor, id, .approve) }
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject a submitted case, with a reason.")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The case id.") var id: String
        @Option(help: "Why.") var reason: String

        func run() async throws {
            try await reporting { try await AidCommand.decide(actor, id, .reject, reason: reason) }
        }
    }

    struct Return: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Return a submitted case to its branch, with a reason.")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The case id.") var id: String
        @Option(help: "What the branch should change.") var reason: String

        func run() async throws {
            try await reporting { try await AidCommand.decide(actor, id, .returnToBranch, reason: reason) }
        }
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv
    }

    struct Disbursements: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "What was paid in a year, by branch: cash, goods at their value, method and date.")
        @OptionGroup var actor: ActorOptions
        @Option(help: "The program year.") var year: Int
        @Option(help: ArgumentHelp("Only this office (its code).", valueName: "code")) var office: String?
        @Option(help: "table or csv.") var format: Format = .table

        func run() async throws {
            let lines = try await reporting2 {
                try await actor.run { database, principal in
                    var officeID: Office.ID?
                    if let office {
                        guard let found = try await OfficeStore(database: database).list(principal).first(where: { $0.code == office }) else {
                            throw CLIError("no office with code \(office)")
                        }
                        officeID = found.id
                    }
                    return try await AidCaseStore(database: database).disbursements(principal, year: year, office: officeID)
                }
            }
            let header = ["office", "case_id", "worker", "program", "kind", "date", "method", "cash", "goods_value"]
            let rows = lines.map {
                [$0.officeCode, $0.caseID.description, $0.workerName, $0.programName, $0.programKind, $0.date.description, $0.method,
                 $0.cash.description, $0.goodsValue.description]
            }
            let cash = lines.reduce(Money.zero) { $0 + $1.cash }, goods = lines.reduce(Money.zero) { $0 + $1.goodsValue }
            switch format {
            case .csv:
                print(header.joined(separator: ","))
                for row in rows { print(row.map(Self.csvField).joined(separator: ",")) }
            case .table:
                CLIOutput.table(header.map { $0.uppercased() }, rows)
                print("\(lines.count) disbursements: cash \(cash), goods \(goods), all \(cash + goods)")
            }
        }

        static func csvField(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
    }
}

extension AidCommand {
    /// One decision on one case as the acting user, through the same store operation as the
    /// API's; prints the case's new status.
    static func decide(_ actor: ActorOptions, _ text: String, _ step: AidTransition, reason: String? = nil) async throws {
        let id = try caseID(text)
        let reason = try reason.map { try AidFields.reason($0) }
        let aid = try await actor.run { database, principal in
            try await AidCaseStore(database: database).transition(principal, id: id, step, reason: reason)
        }
        print("\(aid.id) \(aid.status.rawValue)")
    }
}
