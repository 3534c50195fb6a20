import ArgumentParser
import UnionStore

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the area office and its first area_admin on an empty database (once).",
        discussion: "Prints the administrator's generated password once. A second init is refused."
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "The area office's code.") var areaCode = "area"
    @Option(help: "The area office's name.") var areaName = "地区总工会"
    @Option(help: "The administrator's username.") var username = "admin"
    @Option(help: "The administrator's display name.") var displayName = "管理员"
    @Option(help: ArgumentHelp("bcrypt cost.", valueName: "4-31")) var bcryptCost: UInt8 = 12

    func run() async throws {
        try await reporting {
            let result = try await connection.withPool(url: try connection.appURL()) { pool in
                do {
                    return try await BootstrapStore(database: Database(pool: pool, hasher: PasswordHasher(cost: bcryptCost)))
                        .initialise(areaCode: areaCode, areaName: areaName, username: username, displayName: displayName)
                } catch BootstrapStore.BootstrapError.alreadyInitialised {
                    throw CLIError("already initialised: this database has offices")
                }
            }
            print("Created the area office \(areaCode) and its administrator.")
            print("username: \(result.username)")
            print("password: \(result.password)")
            print("This password is shown once. Sign in with POST /api/v1/auth/login, or use --as \(result.username) here.")
        }
    }
}
