import ArgumentParser
import UnionDomain
import UnionStore

struct SettingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setting",
        abstract: "Figures the area sets from a date on, with history (dibao: the monthly minimum living standard, yuan).",
        subcommands: [Set.self, History.self],
        aliases: ["settings"]
    )

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a value from a date on, e.g. `setting set dibao 1395 --from 2026-07-01`.")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The setting (dibao).") var key: String
        @Argument(help: "The value in yuan, e.g. 1395 or 1395.50.") var value: String
        @Option(help: ArgumentHelp("First day it applies (YYYY-MM-DD; default today).", valueName: "date")) var from: String?

        func validate() throws {
            guard Money(value) != nil else { throw ValidationError("\(value) is not an amount in yuan") }
            if let from, CalendarDate(input: from) == nil { throw ValidationError("--from takes a date as YYYY-MM-DD") }
        }

        func run() async throws {
            try await reporting {
                let entry = try await actor.run { database, principal in
                    try await SettingStore(database: database).set(
                        principal, key: key, value: Money(value) ?? .zero, from: from.flatMap(CalendarDate.init(input:)) ?? .today())
                }
                print("\(entry.key) = \(entry.value) from \(entry.effectiveFrom)")
            }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a setting's values over time.")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The setting (dibao).") var key: String

        func run() async throws {
            try await reporting {
                let entries = try await actor.run { database, principal in try await SettingStore(database: database).history(principal, key: key) }
                CLIOutput.table(["FROM", "VALUE"], entries.map { [$0.effectiveFrom.description, $0.value.description] })
            }
        }
    }
}
