import Foundation
import Hummingbird
import UnionDomain

struct InsurancePlanDTO: ResponseEncodable {
    let id: String
    let code: String
    let name: String
    let insurer: String
    let premiumPerShare: Money
    let maxShares: Int
    let sex: String?
    let minAge: Int?
    let maxAge: Int?
    let deductible: Money
    let payoutPercent: Int
    let capPerShare: Money
    let capPerPeriod: Money?

    init(_ plan: InsurancePlan) {
        id = plan.id.description
        code = plan.code
        name = plan.name
        insurer = plan.insurer
        premiumPerShare = plan.premiumPerShare
        maxShares = plan.maxShares
        sex = plan.eligibility.sex?.rawValue
        minAge = plan.eligibility.minAge
        maxAge = plan.eligibility.maxAge
        deductible = plan.benefit.deductible
        payoutPercent = plan.benefit.payoutPercent
        capPerShare = plan.benefit.capPerShare
        capPerPeriod = plan.benefit.capPerPeriod
    }
}

struct InsurancePeriodDTO: ResponseEncodable {
    let id: String
    let planId: String
    let startsOn: String
    let endsOn: String
    let enrolOpensOn: String
    let enrolClosesOn: String

    init(_ period: InsurancePeriod) {
        id = period.id.description
        planId = period.planID.description
        startsOn = period.startsOn.description
        endsOn = period.endsOn.description
        enrolOpensOn = period.enrolOpensOn.description
        enrolClosesOn = period.enrolClosesOn.description
    }
}

struct EnrolmentDTO: ResponseEncodable {
    let id: String
    let periodId: String
    let workerId: String
    let officeId: String
    let shares: Int
    let premium: Money
    let payer: String
    let fundId: String?
    let capTotal: Money
    let approvedTotal: Money

    init(_ enrolment: Enrolment) {
        id = enrolment.id.description
        periodId = enrolment.periodID.description
        workerId = enrolment.workerID.description
        officeId = enrolment.officeID.description
        shares = enrolment.shares
        premium = enrolment.premium
        switch enrolment.payer {
        case .fund(let fund):
            payer = "fund"
            fundId = fund.description
        case .member:
            payer = "member"
            fundId = nil
        }
        capTotal = enrolment.capTotal
        approvedTotal = enrolment.approvedTotal
    }
}

struct RosterEnrolmentDTO: ResponseEncodable {
    struct Skipped: Encodable {
        let workerId: String
        let name: String
        let reason: String
    }

    let enrolled: Int
    let skippedCount: Int
    let premiumTotal: Money
    let skipped: [Skipped]

    init(_ result: RosterEnrolment) {
        enrolled = result.enrolled
        skippedCount = result.skipped.count
        premiumTotal = result.premiumTotal
        skipped = result.skipped.map { Skipped(workerId: $0.workerID.description, name: $0.name, reason: $0.reason.rawValue) }
    }
}

struct PayoutDTO: Encodable {
    let claimed: Money
    let deductible: Money
    let payoutPercent: Int
    let afterRatio: Money
    let capRemaining: Money
    let payout: Money

    init(_ working: Payout) {
        claimed = working.claimed
        deductible = working.deductible
        payoutPercent = working.payoutPercent
        afterRatio = working.afterRatio
        capRemaining = working.capRemaining
        payout = working.payout
    }
}

struct InsuranceClaimDTO: ResponseEncodable {
    let id: String
    let enrolmentId: String
    let incidentOn: String
    let kind: String
    let amountClaimed: Money
    let documents: [String]
    let status: String
    let rejectReason: String?
    let payout: Money?
    let working: PayoutDTO?
    let paidOn: String?
    let paymentMethod: String?

    init(_ claim: InsuranceClaim) {
        id = claim.id.description
        enrolmentId = claim.enrolmentID.description
        incidentOn = claim.incidentOn.description
        kind = claim.kind.rawValue
        amountClaimed = claim.amountClaimed
        documents = claim.documents
        status = claim.status.rawValue
        rejectReason = claim.rejectReason
        payout = claim.payout?.payout
        working = claim.payout.map(PayoutDTO.init)
        paidOn = claim.paidOn?.description
        paymentMethod = claim.paymentMethod?.rawValue
    }
}

struct InsuranceCoverageDTO: ResponseEncodable {
    struct Line: Encodable {
        let officeId: String?
        let officeName: String
        let activeMembers: Int
        let enrolled: Int
        let ratePercent: String

        init(_ line: CoverageLine) {
            officeId = line.officeID?.description
            officeName = line.officeName
            activeMembers = line.activeMembers
            enrolled = line.enrolled
            ratePercent = line.ratePercent
        }
    }

    let branches: [Line]
    let total: Line
}

struct RosterChangeDTO: Encodable, Sendable {
    let enrolmentId: String
    let workerId: String
    let name: String
    let officeId: String
    let change: String
    let changedOn: String

    init(_ change: RosterChange) {
        enrolmentId = change.enrolmentID.description
        workerId = change.workerID.description
        name = change.name
        officeId = change.officeID.description
        self.change = change.change.rawValue
        changedOn = change.changedOn.description
    }
}
