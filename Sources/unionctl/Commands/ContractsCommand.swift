import ArgumentParser
import UnionDomain
import UnionStore

struct ContractsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contracts",
        abstract: "Collective contracts: what needs attention, and coverage.",
        subcommands: [Attention.self, Coverage.self],
        aliases: ["contract"]
    )

    struct Attention: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Contracts expiring within 3 months, expired and not renewed, not filed after 10 days; unions without a contract of a kind.")
        @OptionGroup var actor: ActorOptions

        func run() async throws {
            try await reporting {
                let (rows, codes) = try await actor.run { database, principal in
                    let rows = try await ContractStore(database: database).attention(principal)
                    let offices = try await OfficeStore(database: database).list(principal)
                    return (rows, Dictionary(uniqueKeysWithValues: offices.map { ($0.id, $0.code) }))
                }
                let chinese = CLIOutput.prefersChinese()
                CLIOutput.table(["REASON", "ENTERPRISE", "BRANCH", "KIND", "DUE", "NEXT STEP"], rows.map {
                    [$0.reason.rawValue, $0.enterpriseName, codes[$0.officeID] ?? "-", $0.kind.rawValue, $0.due?.description ?? "-",
                     chinese ? $0.nextStepZH : $0.nextStep]
                })
            }
        }
    }

    struct Coverage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enterprises with a valid comprehensive contract, public and private, per branch.")
        @OptionGroup var actor: ActorOptions

        func run() async throws {
            try await reporting {
                let (figures, codes) = try await actor.run { database, principal in
                    let figures = try await ContractStore(database: database).coverage(principal)
                    let offices = try await OfficeStore(database: database).list(principal)
                    return (figures, Dictionary(uniqueKeysWithValues: offices.map { ($0.id, $0.code) }))
                }
                func cells(_ coverage: ContractCoverage) -> [String] {
                    [coverage.officeID.flatMap { codes[$0] } ?? "area",
                     "\(coverage.all.covered)/\(coverage.all.enterprises)",
                     "\(coverage.publicOwnership.covered)/\(coverage.publicOwnership.enterprises)",
                     "\(coverage.privateOwnership.covered)/\(coverage.privateOwnership.enterprises)"]
                }
                CLIOutput.table(["OFFICE", "ALL", "PUBLIC", "PRIVATE"], figures.offices.map(cells) + [cells(figures.area)])
            }
        }
    }
}
