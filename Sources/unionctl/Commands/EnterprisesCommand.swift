import ArgumentParser
import UnionDomain
import UnionStore

struct EnterprisesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enterprises",
        abstract: "List the enterprises of the area.",
        subcommands: [List.self],
        aliases: ["enterprise"]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List enterprises by name, with their branch, ownership and union.")
        @OptionGroup var actor: ActorOptions
        @Option(help: "Only the enterprises looked after by this office (its code).") var office: String?
        @Option(help: "public or private.") var ownership: String?

        func validate() throws {
            if let ownership, Enterprise.Ownership(rawValue: ownership) == nil { throw ValidationError("--ownership is public or private") }
        }

        func run() async throws {
            try await reporting {
                let (enterprises, codes) = try await actor.run { database, principal in
                    let offices = try await OfficeStore(database: database).list(principal)
                    let officeID = try office.map { code in
                        guard let match = offices.first(where: { $0.code == code }) else { throw StoreError.notFound }
                        return match.id
                    }
                    var all: [Enterprise] = []
                    var after: String?
                    let wanted = ownership.flatMap(Enterprise.Ownership.init(rawValue:))
                    repeat {
                        let page = try await EnterpriseStore(database: database).list(principal, office: officeID, ownership: wanted,
                                                                                       limit: 200, after: after)
                        all += page.items
                        after = page.next
                    } while after != nil
                    return (all, Dictionary(uniqueKeysWithValues: offices.map { ($0.id, $0.code) }))
                }
                CLIOutput.table(["NAME", "CREDIT CODE", "OWNERSHIP", "BRANCH", "HEADCOUNT", "UNION", "ID"], enterprises.map {
                    [$0.name, $0.creditCode, $0.ownership.rawValue, codes[$0.officeID] ?? "-", String($0.headcount), $0.hasUnion ? "yes" : "no",
                     $0.id.description]
                })
            }
        }
    }
}
