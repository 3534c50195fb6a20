import ArgumentParser
import UnionDomain
import UnionStore

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "List, add and manage users.",
        subcommands: [List.self, Add.self, SetRole.self, Deactivate.self, ResetPassword.self],
        aliases: ["users"]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users in your scope.")
        @OptionGroup var actor: ActorOptions
        @Option(help: "Only this office's users (its code).") var office: String?

        func run() async throws {
            try await reporting {
                let (users, offices) = try await actor.run { database, principal in
                    let officeStore = OfficeStore(database: database)
                    let filter = try await office.asyncMap { try await officeStore.find(principal, code: $0).id }
                    return (try await UserStore(database: database).list(principal, office: filter), try await officeStore.list(principal))
                }
                let codes = Dictionary(uniqueKeysWithValues: offices.map { ($0.id, $0.code) })
                CLIOutput.table(["USERNAME", "NAME", "ROLE", "OFFICE", "ACTIVE"], users.map {
                    [$0.username, $0.displayName, $0.role.rawValue, codes[$0.officeID] ?? $0.officeID.description, $0.active ? "yes" : "no"]
                })
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user; prints a generated password once unless --password-stdin.")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "Lower-case username.") var username: String
        @Option(help: "Display name.") var name: String
        @Option(help: "The office's code.") var office: String
        @Option(help: ArgumentHelp("One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")) var role: String
        @Flag(help: "Read the password from standard input instead of generating one.") var passwordStdin = false

        func run() async throws {
            try await reporting {
                let password = passwordStdin ? (readLine(strippingNewline: true) ?? "") : TokenGenerator.makePassword()
                let user = try await actor.run { database, principal in
                    let officeID = try await OfficeStore(database: database).find(principal, code: office).id
                    let newUser = try NewUser(username: username, displayName: name, officeID: officeID, role: role, password: password)
                    return try await UserStore(database: database).create(principal, newUser)
                }
                print("added \(user.username) (\(user.role.rawValue)) \(user.id)")
                if !passwordStdin { print("password: \(password)   (shown once)") }
            }
        }
    }

    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-role", abstract: "Change a user's role.")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The user.") var username: String
        @Argument(help: ArgumentHelp("One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")) var role: String

        func validate() throws {
            guard Role(rawValue: role) != nil else { throw ValidationError("unknown role \(role)") }
        }

        func run() async throws {
            try await reporting {
                let user = try await actor.run { database, principal in
                    let store = UserStore(database: database)
                    let id = try await store.find(principal, username: username).id
                    return try await store.setRole(principal, id: id, role: Role(rawValue: role) ?? .branchViewer)
                }
                print("\(user.username) is now \(user.role.rawValue)")
            }
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deactivate a user and revoke their tokens.")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The user.") var username: String

        func run() async throws {
            try await reporting {
                let user = try await actor.run { database, principal in
                    let store = UserStore(database: database)
                    return try await store.deactivate(principal, id: try await store.find(principal, username: username).id)
                }
                print("deactivated \(user.username)")
            }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset-password", abstract: "Set a new generated password and end the user's sessions.")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The user.") var username: String

        func run() async throws {
            try await reporting {
                let password = TokenGenerator.makePassword()
                let user = try await actor.run { database, principal in
                    let store = UserStore(database: database)
                    return try await store.resetPassword(principal, id: try await store.find(principal, username: username).id, to: password)
                }
                print("new password for \(user.username): \(password)   (shown once)")
            }
        }
    }
}
