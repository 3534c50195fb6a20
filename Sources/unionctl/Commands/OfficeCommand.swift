import ArgumentParser
import UnionDomain
import UnionStore

struct OfficeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "office",
        abstract: "List, add, rename and deactivate offices.",
        subcommands: [List.self, Add.self, Rename.self, Deactivate.self],
        aliases: ["offices"]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the offices you may see.")
        @OptionGroup var actor: ActorOptions

        func run() async throws {
            try await reporting {
                let offices = try await actor.run { database, principal in try await OfficeStore(database: database).list(principal) }
                let codes = Dictionary(uniqueKeysWithValues: offices.map { ($0.id, $0.code) })
                CLIOutput.table(["CODE", "NAME", "KIND", "PARENT", "ACTIVE", "ID"], offices.map {
                    [$0.code, $0.name, $0.kind.rawValue, $0.parentID.flatMap { codes[$0] } ?? "-", $0.active ? "yes" : "no", $0.id.description]
                })
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open an office below another (default: below your own).")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "A unique slug, e.g. guozhuangzi.") var code: String
        @Argument(help: "The Chinese name, e.g. 郭庄子村工会.") var name: String
        @Option(help: "branch, enterprise (an enterprise's own union), area or district.") var kind = "branch"
        @Option(help: "The parent office's code.") var parent: String?

        func run() async throws {
            try await reporting {
                let office = try await actor.run { database, principal in
                    let store = OfficeStore(database: database)
                    let parentID = try await parent.asyncMap { try await store.find(principal, code: $0).id } ?? principal.officeID
                    return try await store.create(principal, try NewOffice(code: code, name: name, kind: kind, parentID: parentID))
                }
                print("added \(office.code) (\(office.name)) \(office.id)")
            }
        }
    }

    struct Rename: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give an office a new name.")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The office's code.") var code: String
        @Argument(help: "The new name.") var name: String

        func run() async throws {
            try await reporting {
                let office = try await actor.run { database, principal in
                    let store = OfficeStore(database: database)
                    return try await store.rename(principal, id: try await store.find(principal, code: code).id, to: name)
                }
                print("renamed \(office.code) to \(office.name)")
            }
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deactivate an office: its users can no longer sign in; its records stay.")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The office's code.") var code: String

        func run() async throws {
            try await reporting {
                let office = try await actor.run { database, principal in
                    let store = OfficeStore(database: database)
                    return try await store.deactivate(principal, id: try await store.find(principal, code: code).id)
                }
                print("deactivated \(office.code)")
            }
        }
    }
}
