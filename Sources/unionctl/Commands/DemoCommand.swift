import ArgumentParser
import Foundation
import UnionStore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Demo data for trying UnionHall out.",
        subcommands: [Load.self]
    )

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a demo federation (an area, five branches incl. 郭庄子村, users, workers, households, model workers, hardship files).",
            discussion: "Only on an empty database. Every demo user's password is '\(DemoLoader.password)'."
        )
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "Do nothing (and succeed) when the database already has offices.") var ifEmpty = false
        @Option(help: "Workers per branch.") var workersPerBranch = 12
        @Option(help: ArgumentHelp("bcrypt cost.", valueName: "4-31")) var bcryptCost: UInt8 = 12

        func run() async throws {
            try await reporting {
                let summary: DemoLoader.Summary? = try await connection.withPool(url: try connection.appURL()) { pool in
                    do {
                        return try await DemoLoader(database: Database(pool: pool, hasher: PasswordHasher(cost: bcryptCost)))
                            .load(workersPerBranch: workersPerBranch)
                    } catch BootstrapStore.BootstrapError.alreadyInitialised {
                        if ifEmpty { return nil }
                        throw CLIError("the database already has offices; demo data loads only into an empty one")
                    }
                }
                guard let summary else {
                    print("Database already initialised; demo data not loaded.")
                    return
                }
                print("Demo federation: \(summary.offices) offices, \(summary.workers) workers, \(summary.hardshipFiles) hardship files.")
                print("Sign in (password '\(DemoLoader.password)' for every demo user):")
                CLIOutput.table(["USERNAME", "ROLE", "OFFICE"], summary.logins.map { [$0.username, $0.role, $0.office] })
                let port = ProcessInfo.processInfo.environment["UNIONHALL_PORT"] ?? "8080"
                print("e.g. curl -s -XPOST localhost:\(port)/api/v1/auth/login -d '{\"username\":\"guozhuangzi\",\"password\":\"\(DemoLoader.password)\"}'")
            }
        }
    }
}
