import ArgumentParser
import Foundation
import UnionDomain
import UnionStore

/// `unionctl fund …`: the area's funds and their ledgers, through the same store as the API.
struct FundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fund",
        abstract: "Aid funds (帮扶资金): open, receive money, read the ledger, check the books.",
        subcommands: [Add.self, Receive.self, Show.self, List.self, Ledger.self, Reverse.self, Check.self],
        aliases: ["funds"]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a fund, e.g. `fund add 区总工会拨款 --source district_allocation`.")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The fund's name.") var name: String
        @Option(help: ArgumentHelp("Where its money comes from: \(Fund.Source.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "source"))
        var source: String

        func run() async throws {
            try await reporting {
                let fund = try await actor.run { database, principal in
                    try await FundStore(database: database).create(principal, try FundFields(name: name, source: source))
                }
                print("\(fund.id)  \(fund.name)  \(fund.source.rawValue)")
            }
        }
    }

    struct Receive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record money received, e.g. `fund receive ID 50000 --payer 丰台区总工会`.")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The fund's id.") var fund: String
        @Argument(help: "The amount in yuan, e.g. 50000 or 50000.00.") var amount: String
        @Option(help: "Who paid it.") var payer: String
        @Option(help: ArgumentHelp("The day received (YYYY-MM-DD; default today).", valueName: "date")) var date: String?
        @Option(help: "A note.") var memo: String?

        func run() async throws {
            try await reporting {
                guard let id = Fund.ID(uuidString: fund) else { throw ValidationError("\(fund) is not a fund id") }
                let fields = try ReceiptFields(amount: amount, date: date, payer: payer, memo: memo, today: .today())
                let outcome = try await actor.run { database, principal in
                    try await FundStore(database: database).receive(principal, fund: id, fields)
                }
                if case .done(let entry, _) = outcome { print("#\(entry.seq)  +\(entry.amount)  balance \(entry.balanceAfter)") }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One fund and its balance.")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The fund's id.") var fund: String

        func run() async throws {
            try await reporting {
                guard let id = Fund.ID(uuidString: fund) else { throw ValidationError("\(fund) is not a fund id") }
                let found = try await actor.run { database, principal in try await FundStore(database: database).get(principal, id: id) }
                CLIOutput.table(["ID", "NAME", "SOURCE", "BALANCE"], [[found.id.description, found.name, found.source.rawValue, found.balance.description]])
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every fund with its balance.")
        @OptionGroup var actor: ActorOptions

        func run() async throws {
            try await reporting {
                let funds = try await actor.run { database, principal in try await FundStore(database: database).list(principal) }
                CLIOutput.table(["ID", "NAME", "SOURCE", "BALANCE"], funds.map { [$0.id.description, $0.name, $0.source.rawValue, $0.balance.description] })
            }
        }
    }

    struct Ledger: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A fund's ledger in order, with the running balance.")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The fund's id.") var fund: String

        func run() async throws {
            try await reporting {
                guard let id = Fund.ID(uuidString: fund) else { throw ValidationError("\(fund) is not a fund id") }
                let entries = try await actor.run { database, principal in
                    var all: [LedgerEntry] = []
                    var after: String?
                    repeat {
                        let page = try await FundStore(database: database).ledger(principal, fund: id, limit: 200, after: after)
                        all += page.items
                        after = page.next
                    } while after != nil
                    return all
                }
                CLIOutput.table(["#", "DATE", "KIND", "AMOUNT", "BALANCE", "PAYER/MEMO"], entries.map {
                    [String($0.seq), $0.date.description, $0.kind.rawValue, $0.amount.description, $0.balanceAfter.description,
                     [$0.payer, $0.memo].compactMap { $0 }.joined(separator: " / ")]
                })
            }
        }
    }

    struct Reverse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct a mistaken entry with one that mirrors it (the ledger is never edited); an aid payment is reversed with its case instead.")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The fund's id.") var fund: String
        @Argument(help: "The id of the entry to reverse.") var entry: String
        @Option(help: "Why.") var memo: String

        func run() async throws {
            try await reporting {
                guard let fundID = Fund.ID(uuidString: fund), let entryID = LedgerEntry.ID(uuidString: entry) else {
                    throw ValidationError("give a fund id and an entry id")
                }
                let reversal = try await actor.run { database, principal in
                    try await FundStore(database: database).reverseEntry(principal, fund: fundID, entry: entryID, memo: memo)
                }
                print("#\(reversal.seq)  \(reversal.amount)  balance \(reversal.balanceAfter)")
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove every fund's balance equals the sum of its ledger and its running balances chain; exits 1 if any doesn't.")
        @OptionGroup var actor: ActorOptions

        func run() async throws {
            let audits = try await reporting2 {
                try await actor.run { database, principal in try await FundStore(database: database).check(principal) }
            }
            CLIOutput.table(["FUND", "BALANCE", "LEDGER SUM", "ENTRIES", "OK"], audits.map {
                [$0.fund.name, $0.fund.balance.description, $0.ledgerSum.description, String($0.entries), $0.holds ? "yes" : "NO"]
            })
            let broken = audits.filter { !$0.holds }
            if !broken.isEmpty {
                print("\(broken.count) of \(audits.count) funds do not add up")
                throw ExitCode(1)
            }
            print("all \(audits.count) funds add up")
        }
    }
}

extension AsyncParsableCommand {
    /// Like `reporting`, for a body that returns a value.
    func reporting2<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch { throw CLIOutput.explain(error) }
    }
}
