import Foundation
import Testing
import UnionDomain

/// Collective-contract rules: term and vote, filing and effect dates, and every attention case
/// on both sides of its day boundary (the days are Beijing days: the caller's "today").
@Suite("Collective contract rules")
struct ContractRulesTests {
    static func day(_ text: String) -> CalendarDate {
        CalendarDate(iso: text) ?? CalendarDate(year: 2000, month: 1, day: 1)!
    }

    static func input(signed: String = "2026-01-05", starts: String = "2026-01-05", ends: String = "2027-01-04",
                      votesFor: Int = 51, total: Int = 100) -> ContractInput {
        ContractInput(enterpriseId: UUID().uuidString, kind: "comprehensive", signedOn: signed, startsOn: starts, endsOn: ends,
                      votesFor: votesFor, votesTotal: total)
    }

    static func fields(_ input: ContractInput) -> [String] {
        do {
            _ = try ContractFields(input)
            return []
        } catch {
            return error.errors.map(\.field)
        }
    }

    @Test func termIsOneToThreeYears() {
        #expect(Self.fields(Self.input(signed: "2026-01-01", starts: "2026-01-01", ends: "2026-12-31")).isEmpty)
        #expect(Self.fields(Self.input(signed: "2026-01-01", starts: "2026-01-01", ends: "2026-12-30")) == ["ends_on"])
        #expect(Self.fields(Self.input(signed: "2026-01-01", starts: "2026-01-01", ends: "2028-12-31")).isEmpty)
        #expect(Self.fields(Self.input(signed: "2026-01-01", starts: "2026-01-01", ends: "2029-01-01")) == ["ends_on"])
        // A term starting on 29 February: a year later is 28 February (clamped, as PostgreSQL's
        // interval arithmetic does in the table's CHECK), so the shortest term ends the 27th.
        #expect(Self.fields(Self.input(signed: "2028-02-29", starts: "2028-02-29", ends: "2029-02-26")) == ["ends_on"])
        #expect(Self.fields(Self.input(signed: "2028-02-29", starts: "2028-02-29", ends: "2029-02-27")).isEmpty)
    }

    @Test func itStartsOnOrAfterSigning() {
        #expect(Self.fields(Self.input(signed: "2026-01-06", starts: "2026-01-05")) == ["starts_on"])
    }

    @Test func theCongressPassesItByMoreThanHalfOfAll() {
        #expect(Self.fields(Self.input(votesFor: 50, total: 100)) == ["votes_for"])
        #expect(Self.fields(Self.input(votesFor: 51, total: 100)).isEmpty)
        #expect(Self.fields(Self.input(votesFor: 2, total: 3)).isEmpty)
        #expect(Self.fields(Self.input(votesFor: 101, total: 100)) == ["votes_for"])
        #expect(Self.fields(Self.input(votesFor: 1, total: 0)) == ["votes_total"])
    }

    static func contract(signed: String = "2026-01-05", starts: String = "2026-01-05", ends: String = "2027-01-04",
                         status: CollectiveContract.Status = .signed, filed: String? = nil, kind: CollectiveContract.Kind = .comprehensive,
                         enterprise: Enterprise.ID) -> CollectiveContract {
        CollectiveContract(id: CollectiveContract.ID(), enterpriseID: enterprise, officeID: office, kind: kind, status: status,
                           terms: ContractTerms(signedOn: day(signed), startsOn: day(starts), endsOn: day(ends), votesFor: 51, votesTotal: 100),
                           textFile: nil, filedOn: filed.map(day), effectiveOn: nil, renewsID: nil, terminatedOn: nil, terminationReason: nil)
    }

    static let office = Office.ID()

    static func enterprise(union: Bool = false, ownership: Enterprise.Ownership = .private) -> Enterprise {
        Enterprise(id: Enterprise.ID(), officeID: office, unionOfficeID: nil, name: "某公司", creditCode: "91350100M000100Y43",
                   ownership: ownership, industry: nil, headcount: 10, hasUnion: union)
    }

    @Test func filingIsLateAfterTenDaysAndEffectiveSixteenDaysAfterFiling() {
        let enterprise = Self.enterprise().id
        #expect(Self.contract(status: .filed, filed: "2026-01-15", enterprise: enterprise).filedLate == false)
        #expect(Self.contract(status: .filed, filed: "2026-01-16", enterprise: enterprise).filedLate == true)
        let filed = Self.contract(status: .filed, filed: "2026-01-10", enterprise: enterprise)
        #expect(filed.effectiveFrom == Self.day("2026-01-26"))
        #expect(!filed.isValid(on: Self.day("2026-01-25")))
        #expect(filed.isValid(on: Self.day("2026-01-26")))
        #expect(filed.isValid(on: Self.day("2027-01-04")))
        #expect(!filed.isValid(on: Self.day("2027-01-05")))
    }

    static func reasons(_ contract: CollectiveContract, _ enterprise: Enterprise, on today: String) -> [ContractAttention.Reason] {
        ContractAttention.rows(enterprises: [enterprise], contracts: [contract], today: day(today)).map(\.reason)
    }

    @Test func notFiledIsFlaggedFromTheEleventhDay() {
        let enterprise = Self.enterprise()
        let contract = Self.contract(enterprise: enterprise.id)
        #expect(Self.reasons(contract, enterprise, on: "2026-01-15") == [])
        #expect(Self.reasons(contract, enterprise, on: "2026-01-16") == [.notFiled])
        let filed = Self.contract(status: .filed, filed: "2026-01-20", enterprise: enterprise.id)
        #expect(Self.reasons(filed, enterprise, on: "2026-01-20") == [])
    }

    @Test func expiringSoonFromThreeMonthsBeforeTheEnd() {
        let enterprise = Self.enterprise()
        let contract = Self.contract(status: .effective, filed: "2026-01-06", enterprise: enterprise.id)
        #expect(Self.reasons(contract, enterprise, on: "2026-10-03") == [])
        #expect(Self.reasons(contract, enterprise, on: "2026-10-04") == [.expiringSoon])
        #expect(Self.reasons(contract, enterprise, on: "2027-01-04") == [.expiringSoon])
        #expect(Self.reasons(contract, enterprise, on: "2027-01-05") == [.expired])
    }

    @Test func renewedAndTerminatedContractsNeedNothing() {
        let enterprise = Self.enterprise()
        for status in [CollectiveContract.Status.renewed, .terminated] {
            #expect(Self.reasons(Self.contract(status: status, filed: "2026-01-06", enterprise: enterprise.id), enterprise, on: "2027-06-01") == [])
        }
    }

    @Test func aUnionWithoutAContractOfAKindIsListedPerKind() {
        let enterprise = Self.enterprise(union: true)
        let contract = Self.contract(status: .effective, filed: "2026-01-06", enterprise: enterprise.id)
        let rows = ContractAttention.rows(enterprises: [enterprise], contracts: [contract], today: Self.day("2026-03-01"))
        #expect(rows.map(\.reason) == [.missingKind, .missingKind, .missingKind])
        #expect(rows.map(\.kind) == [.wage, .femaleProtection, .safety])
        #expect(rows.allSatisfy { !$0.nextStep.isEmpty && !$0.nextStepZH.isEmpty })
        // An expired comprehensive contract is its own row, not also a missing kind.
        let expired = ContractAttention.rows(enterprises: [enterprise], contracts: [contract], today: Self.day("2027-02-01"))
        #expect(expired.filter { $0.kind == .comprehensive }.map(\.reason) == [.expired])
        // No union, no missing-kind rows.
        #expect(ContractAttention.rows(enterprises: [Self.enterprise()], contracts: [], today: Self.day("2026-03-01")).isEmpty)
    }

    /// Beijing's day starts 8 hours before UTC's: 2026-01-15T16:00Z is already 16 January there.
    @Test func todayIsTheBeijingDay() throws {
        let instant = try #require(ISO8601DateFormatter().date(from: "2026-01-15T16:00:00Z"))
        #expect(CalendarDate.today(at: instant) == Self.day("2026-01-16"))
        let enterprise = Self.enterprise()
        #expect(Self.reasons(Self.contract(enterprise: enterprise.id), enterprise, on: CalendarDate.today(at: instant).description) == [.notFiled])
    }

    @Test func coverageCountsValidComprehensiveContractsByOwnership() {
        let covered = Self.enterprise(ownership: .public), uncovered = Self.enterprise(ownership: .private)
        let wageOnly = Self.enterprise(ownership: .private)
        let contracts = [Self.contract(status: .filed, filed: "2026-01-06", enterprise: covered.id),
                         Self.contract(status: .filed, filed: "2026-01-06", kind: .wage, enterprise: wageOnly.id)]
        let figures = ContractCoverage.figures(enterprises: [covered, uncovered, wageOnly], contracts: contracts, today: Self.day("2026-06-01"))
        #expect(figures.area.all.enterprises == 3 && figures.area.all.covered == 1)
        #expect(figures.area.publicOwnership.enterprises == 1 && figures.area.publicOwnership.covered == 1)
        #expect(figures.area.privateOwnership.enterprises == 2 && figures.area.privateOwnership.covered == 0)
        #expect(figures.offices.count == 1)
        // Before the objection period ends it doesn't count yet.
        let early = ContractCoverage.figures(enterprises: [covered], contracts: contracts, today: Self.day("2026-01-21"))
        #expect(early.area.all.covered == 0)
    }
}
