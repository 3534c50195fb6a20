import ArgumentParser

/// The area administrator's command line: `unionctl <noun> <verb>`.
@main
struct UnionCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unionctl",
        abstract: "Administer a UnionHall federation: the database, offices, users and reports.",
        subcommands: [MigrateCommand.self]
    )
}
