import ArgumentParser
import Foundation
import UnionDomain
import UnionStore

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Issue, list and revoke API tokens.",
        subcommands: [Issue.self, List.self, Revoke.self],
        aliases: ["tokens"]
    )

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a token for a user; it is printed once and stored only as a hash.")
        @OptionGroup var actor: ActorOptions
        @Option(help: "The user the token acts as.") var user: String
        @Option(help: ArgumentHelp("Lifetime: a number and a unit (m, h, d), e.g. 90d.", valueName: "duration")) var expiresIn = "30d"
        @Option(help: "A note on what the token is for.") var label: String?

        func validate() throws {
            guard Self.parse(expiresIn) != nil else { throw ValidationError("--expires-in takes a number and m, h or d, e.g. 90d") }
        }

        static func parse(_ text: String) -> Duration? {
            guard let unit = text.last, let number = Int(text.dropLast()), number > 0 else { return nil }
            switch unit {
            case "m": return .seconds(number * 60)
            case "h": return .seconds(number * 3600)
            case "d": return .seconds(number * 86_400)
            default: return nil
            }
        }

        func run() async throws {
            try await reporting {
                let issued = try await actor.run { database, principal in
                    let userID = try await UserStore(database: database).find(principal, username: user).id
                    return try await TokenStore(database: database).issue(principal, user: userID, lifetime: Self.parse(expiresIn) ?? .seconds(86_400), label: label)
                }
                print("token: \(issued.secret)")
                print("id \(issued.token.id.uuidString.lowercased()), for \(issued.token.username), expires \(issued.token.expiresAt.formatted(.iso8601)) (shown once)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")
        @OptionGroup var actor: ActorOptions
        @Option(help: "Only this user's tokens.") var user: String?

        func run() async throws {
            try await reporting {
                let tokens = try await actor.run { database, principal in
                    let userID = try await user.asyncMap { try await UserStore(database: database).find(principal, username: $0).id }
                    return try await TokenStore(database: database).list(principal, user: userID)
                }
                CLIOutput.table(["ID", "USER", "KIND", "LABEL", "EXPIRES", "STATE"], tokens.map {
                    [$0.id.uuidString.lowercased(), $0.username, $0.kind, $0.label ?? "-", $0.expiresAt.formatted(.iso8601),
                     $0.revokedAt != nil ? "revoked" : ($0.expiresAt < Date() ? "expired" : "active")]
                })
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by id.")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The token's id (from `token list`).") var id: String

        func validate() throws {
            guard UUID(uuidString: id) != nil else { throw ValidationError("\(id) is not a token id") }
        }

        func run() async throws {
            try await reporting {
                let token = try await actor.run { database, principal in
                    try await TokenStore(database: database).revoke(principal, id: UUID(uuidString: id) ?? UUID())
                }
                print("revoked \(token.id.uuidString.lowercased()) of \(token.username)")
            }
        }
    }
}
