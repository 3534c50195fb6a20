import ArgumentParser

/// The area administrator's command line: `unionctl <noun> <verb>`.
@main
struct UnionCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unionctl",
        abstract: "Administer a UnionHall federation: the database, offices, users, tokens and the audit log.",
        discussion: """
            Commands other than `migrate`, `init` and `report` act as a named area user (--as or UNIONHALL_USER) \
            and are checked and audited exactly as that user's API calls would be.
            """,
        subcommands: [
            MigrateCommand.self, InitCommand.self, OfficeCommand.self, UserCommand.self, TokenCommand.self, AuditCommand.self,
            SettingCommand.self, WorkersCommand.self, DemoCommand.self, HardshipCommand.self,
            FundCommand.self, AidCommand.self, EnterprisesCommand.self, ContractsCommand.self, InsuranceCommand.self,
            ReportCommand.self, BackupCommand.self,
        ]
    )
}
