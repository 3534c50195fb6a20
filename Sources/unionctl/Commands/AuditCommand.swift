import ArgumentParser
import Foundation
import UnionDomain
import UnionStore

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the audit log, newest first (ID numbers masked)."
    )

    @OptionGroup var actor: ActorOptions
    @Option(help: "Only this table.") var table: String?
    @Option(help: "Only this row id.") var row: String?
    @Option(help: "Only changes by this user.") var user: String?
    @Option(help: "How many entries.") var limit = 50

    func validate() throws {
        guard (1...200).contains(limit) else { throw ValidationError("--limit takes 1 to 200") }
    }

    func run() async throws {
        try await reporting {
            let page = try await actor.run { database, principal in
                let userID = try await user.asyncMap { try await UserStore(database: database).find(principal, username: $0).id }
                return try await AuditStore(database: database).list(
                    principal, filter: .init(table: table, rowID: row, userID: userID), limit: limit, after: nil)
            }
            CLIOutput.table(["ID", "AT", "ACTION", "TABLE", "ROW", "USER", "OFFICE"], page.items.map {
                [String($0.id), $0.at.formatted(.iso8601), $0.action, $0.tableName, $0.rowID, $0.username ?? "system", $0.officeCode ?? "-"]
            })
        }
    }
}
