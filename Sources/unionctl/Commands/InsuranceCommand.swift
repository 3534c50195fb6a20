import ArgumentParser
import Foundation
import UnionDomain
import UnionStore

/// `unionctl insurance …`: member mutual insurance, through the same stores as the API.
struct InsuranceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insurance",
        abstract: "Member mutual insurance (职工互助保障): plans.",
        subcommands: [Plan.self]
    )

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Insurance plans: add, list.", subcommands: [Add.self, List.self], aliases: ["plans"])
    }
}

extension InsuranceCommand.Plan {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a plan, e.g. `insurance plan add female-special 女职工特殊疾病互助保障 --insurer 职工互助保障会 --premium 25 --cap-per-share 15000 --sex female`.")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The plan's code (2 to 30 of a-z, 0-9, _ and -).") var code: String
        @Argument(help: "The plan's name.") var name: String
        @Option(help: "Who insures it.") var insurer: String
        @Option(help: "Premium per share in yuan.") var premium: String
        @Option(help: "The most shares one member may hold.") var maxShares: Int = 1
        @Option(help: ArgumentHelp("Only this sex may join: \(Sex.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "sex"))
        var sex: String?
        @Option(help: "Youngest age at the period's start.") var minAge: Int?
        @Option(help: "Oldest age at the period's start.") var maxAge: Int?
        @Option(help: "Taken off each claim, in yuan.") var deductible: String?
        @Option(help: "Percent of a claim past the deductible that is paid (1-100).") var payoutPercent: Int = 100
        @Option(help: "The most paid per share in a period, in yuan.") var capPerShare: String
        @Option(help: "The most paid per enrolment in a period, in yuan.") var capPerPeriod: String?

        func run() async throws {
            try await reporting {
                let fields = try InsurancePlanFields(InsurancePlanInput(
                    code: code, name: name, insurer: insurer, premiumPerShare: premium, maxShares: maxShares, sex: sex, minAge: minAge,
                    maxAge: maxAge, deductible: deductible, payoutPercent: payoutPercent, capPerShare: capPerShare, capPerPeriod: capPerPeriod))
                let plan = try await actor.run { database, principal in
                    try await InsurancePlanStore(database: database).create(principal, fields)
                }
                print("\(plan.id)  \(plan.code)  \(plan.name)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every plan with its terms.")
        @OptionGroup var actor: ActorOptions

        func run() async throws {
            try await reporting {
                let plans = try await actor.run { database, principal in try await InsurancePlanStore(database: database).list(principal) }
                CLIOutput.table(["ID", "CODE", "NAME", "PREMIUM", "MAX SHARES", "CAP/SHARE", "CAP/PERIOD", "WHO"], plans.map { plan in
                    var who = plan.eligibility.sex?.rawValue ?? "all"
                    if plan.eligibility.minAge != nil || plan.eligibility.maxAge != nil {
                        who += " \(plan.eligibility.minAge.map(String.init) ?? "")-\(plan.eligibility.maxAge.map(String.init) ?? "")"
                    }
                    return [plan.id.description, plan.code, plan.name, plan.premiumPerShare.description, String(plan.maxShares),
                            plan.benefit.capPerShare.description, plan.benefit.capPerPeriod?.description ?? "-", who]
                })
            }
        }
    }
}
