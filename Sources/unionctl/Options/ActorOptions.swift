import ArgumentParser
import Foundation
import PQ
import UnionDomain
import UnionStore

/// Who the command acts as: an active area user, checked by the same policy as the API.
struct ActorOptions: ParsableArguments {
    @OptionGroup var connection: ConnectionOptions

    @Option(name: .customLong("as"), help: ArgumentHelp("Act as this user (default: $UNIONHALL_USER).", valueName: "username"))
    var username: String?

    @Option(help: ArgumentHelp("bcrypt cost for passwords this command sets.", valueName: "4-31"))
    var bcryptCost: UInt8 = 12

    /// Runs `body` with the database and the acting principal.
    func run<T: Sendable>(_ body: (Database, Principal) async throws -> T) async throws -> T {
        guard let name = username ?? ProcessInfo.processInfo.environment["UNIONHALL_USER"], !name.isEmpty else {
            throw ValidationError("say who acts: --as USERNAME or UNIONHALL_USER")
        }
        return try await connection.withPool(url: try connection.appURL()) { pool in
            let database = Database(pool: pool, hasher: PasswordHasher(cost: bcryptCost))
            guard let principal = try await AuthStore(database: database).principal(username: name) else {
                throw CLIError("no active user named \(name)")
            }
            guard principal.role.isAreaRole else {
                throw CLIError("\(name) is a branch user; the CLI acts as area users only")
            }
            return try await body(database, principal)
        }
    }
}

/// An error the CLI reports as one line, without a stack of types.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
