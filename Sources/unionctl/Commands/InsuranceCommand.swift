import ArgumentParser
import Foundation
import UnionDomain
import UnionStore

/// `unionctl insurance …`: member mutual insurance, through the same stores as the API.
struct InsuranceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insurance",
        abstract: "Member mutual insurance (职工互助保障): plans, whole-roster enrolment.",
        subcommands: [Plan.self, EnrolRoster.self]
    )

    struct EnrolRoster: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enrol-roster",
            abstract: "Enrol every eligible active member of the named branches (default: the whole area) in a coverage period.",
            discussion: "One set-based statement through the same store as POST /insurance-periods/{id}/enrol-roster; premiums from --fund are drawn from its ledger in the same transaction (nobody is enrolled when it can't pay). Everyone skipped is listed with the reason.")
        @OptionGroup var actor: ActorOptions
        @Argument(help: "The coverage period's id.") var period: String
        @Option(help: "Shares per member.") var shares = 1
        @Option(help: "The fund that pays the premiums (its id); without it members pay their own.") var fund: String?
        @Option(name: .customLong("office"), help: "Only this branch (its code); repeat for several.") var offices: [String] = []

        func run() async throws {
            try await reporting {
                guard let periodID = InsurancePeriod.ID(uuidString: period) else { throw ValidationError("the period is an id (a UUID)") }
                FileHandle.standardError.write(Data("enrolling…\n".utf8))
                let result = try await actor.run { database, principal in
                    var officeIDs: [String]?
                    if !offices.isEmpty {
                        var found: [String] = []
                        for code in offices { found.append(try await OfficeStore(database: database).find(principal, code: code).id.description) }
                        officeIDs = found
                    }
                    let fields = try RosterEnrolmentFields(shares: shares, fundID: fund, officeIDs: officeIDs)
                    return try await EnrolmentStore(database: database).enrolRoster(principal, period: periodID, fields)
                }
                let outcome: RosterEnrolment = switch result {
                case .done(let value, _): value
                case .replayed: throw CLIError("answered from an earlier request")
                }
                let reasons = Dictionary(grouping: outcome.skipped, by: \.reason.rawValue).mapValues(\.count)
                for skipped in outcome.skipped.prefix(200) { print("skipped \(skipped.name): \(skipped.reason.rawValue)") }
                if outcome.skipped.count > 200 { print("… and \(outcome.skipped.count - 200) more") }
                print("\(outcome.enrolled) enrolled, premiums \(outcome.premiumTotal); skipped \(outcome.skipped.count)"
                      + (reasons.isEmpty ? "" : " (" + reasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"))
            }
        }
    }

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
