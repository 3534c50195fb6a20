import ArgumentParser
import UnionDomain
import UnionStore

struct SettingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setting",
        abstract: "Figures the area sets from a date on, with history (dibao: the monthly minimum living standard, yuan).",
        subcommands: [List.self, Set.self, History.self],
        aliases: ["settings"]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every setting: what it is, the value in force today, and values still to come.")
        @OptionGroup var actor: ActorOptions

        func run() async throws {
            try await reporting {
                let overview = try await actor.run { database, principal in try await SettingStore(database: database).overview(principal) }
                let (header, rows) = Self.table(overview, chinese: CLIOutput.prefersChinese())
                CLIOutput.table(header, rows)
            }
        }

        /// The printed table: one row per known setting, in the operator's language.
        static func table(_ overview: [SettingStore.Overview], chinese: Bool) -> (header: [String], rows: [[String]]) {
            let none = chinese ? "未设置" : "not set"
            func dated(_ entry: SettingStore.Entry) -> String {
                chinese ? "\(entry.value)（自 \(entry.effectiveFrom) 起）" : "\(entry.value) from \(entry.effectiveFrom)"
            }
            let header = chinese ? ["设置项", "说明", "当前取值", "待生效"] : ["KEY", "DESCRIPTION", "IN FORCE", "UPCOMING"]
            let rows = overview.map { item in
                [item.key.rawValue, chinese ? item.key.descriptionZH : item.key.description, item.inForce.map(dated) ?? none,
                 item.upcoming.isEmpty ? "-" : item.upcoming.map(dated).joined(separator: chinese ? "；" : "; ")]
            }
            return (header, rows)
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a value from a date on, e.g. `setting set dibao 1395 --from 2026-07-01`.",
            discussion: "--replace corrects the value from that date while it is not yet in force and no hardship file has used it.")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The setting (`setting list` shows them: dibao).") var key: String
        @Argument(help: "The value in yuan, e.g. 1395 or 1395.50.") var value: String
        @Option(help: ArgumentHelp("First day it applies (YYYY-MM-DD; default today).", valueName: "date")) var from: String?
        @Flag(help: "Correct the value already set from that date (only before it is in force).") var replace = false

        func validate() throws {
            guard Money(value) != nil else { throw ValidationError("\(value) is not an amount in yuan") }
            if let from, CalendarDate(input: from) == nil { throw ValidationError("--from takes a date as YYYY-MM-DD") }
        }

        func run() async throws {
            try await reporting {
                let entry = try await actor.run { database, principal in
                    try await SettingStore(database: database).set(
                        principal, key: key, value: Money(value) ?? .zero, from: from.flatMap(CalendarDate.init(input:)) ?? .today(),
                        replace: replace)
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
