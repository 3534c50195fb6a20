import Foundation
import Hummingbird
import UnionDomain

/// An enterprise as the API shows it.
struct EnterpriseDTO: ResponseEncodable {
    let id: String
    let officeId: String
    let unionOfficeId: String?
    let name: String
    let creditCode: String
    let ownership: String
    let industry: String?
    let headcount: Int
    let hasUnion: Bool

    init(_ enterprise: Enterprise) {
        id = enterprise.id.description
        officeId = enterprise.officeID.description
        unionOfficeId = enterprise.unionOfficeID?.description
        name = enterprise.name
        creditCode = enterprise.creditCode
        ownership = enterprise.ownership.rawValue
        industry = enterprise.industry
        headcount = enterprise.headcount
        hasUnion = enterprise.hasUnion
    }
}

/// A collective contract with what is computed from its dates on `today` (Asia/Shanghai).
struct ContractDTO: ResponseEncodable {
    let id: String
    let enterpriseId: String
    let officeId: String
    let kind: String
    let status: String
    let signedOn: String
    let startsOn: String
    let endsOn: String
    let votesFor: Int
    let votesTotal: Int
    let textFile: String?
    let filingDeadline: String
    let filedOn: String?
    let filedLate: Bool
    /// The day it is (or will be) effective: marked, or computed from the filing date.
    let effectiveFrom: String?
    let valid: Bool
    let expired: Bool
    let renewsId: String?
    let terminatedOn: String?
    let terminationReason: String?

    init(_ contract: CollectiveContract, today: CalendarDate) {
        id = contract.id.description
        enterpriseId = contract.enterpriseID.description
        officeId = contract.officeID.description
        kind = contract.kind.rawValue
        status = contract.status.rawValue
        signedOn = contract.terms.signedOn.description
        startsOn = contract.terms.startsOn.description
        endsOn = contract.terms.endsOn.description
        votesFor = contract.terms.votesFor
        votesTotal = contract.terms.votesTotal
        textFile = contract.textFile
        filingDeadline = contract.filingDeadline.description
        filedOn = contract.filedOn?.description
        filedLate = contract.filedLate
        effectiveFrom = (contract.effectiveOn ?? contract.effectiveFrom)?.description
        valid = contract.isValid(on: today)
        expired = contract.isLive && contract.terms.endsOn < today
        renewsId = contract.renewsID?.description
        terminatedOn = contract.terminatedOn?.description
        terminationReason = contract.terminationReason
    }
}

struct AttentionDTO: Encodable, Sendable {
    let reason: String
    let enterpriseId: String
    let enterpriseName: String
    let officeId: String
    let kind: String
    let contractId: String?
    let due: String?
    let nextStep: String
    let nextStepZh: String

    init(_ row: ContractAttention) {
        reason = row.reason.rawValue
        enterpriseId = row.enterpriseID.description
        enterpriseName = row.enterpriseName
        officeId = row.officeID.description
        kind = row.kind.rawValue
        contractId = row.contractID?.description
        due = row.due?.description
        nextStep = row.nextStep
        nextStepZh = row.nextStepZH
    }
}

struct AttentionListDTO: ResponseEncodable {
    let today: String
    let items: [AttentionDTO]
}

struct CoverageFiguresDTO: Encodable, Sendable {
    let enterprises: Int
    let covered: Int
    /// Percent with one decimal, as text ("66.7"); absent when there are no enterprises.
    let rate: String?

    init(_ figures: ContractCoverage.Figures) {
        enterprises = figures.enterprises
        covered = figures.covered
        rate = figures.enterprises == 0 ? nil : Self.percent(figures.covered, of: figures.enterprises)
    }

    /// Rounded half up in integers, so 2/3 is "66.7" on every platform.
    static func percent(_ part: Int, of whole: Int) -> String {
        let tenths = (part * 1000 * 2 + whole) / (whole * 2)
        return "\(tenths / 10).\(tenths % 10)"
    }
}

struct CoverageDTO: Encodable, Sendable {
    let officeId: String?
    let all: CoverageFiguresDTO
    let `public`: CoverageFiguresDTO
    let `private`: CoverageFiguresDTO

    init(_ coverage: ContractCoverage) {
        officeId = coverage.officeID?.description
        all = CoverageFiguresDTO(coverage.all)
        self.public = CoverageFiguresDTO(coverage.publicOwnership)
        self.private = CoverageFiguresDTO(coverage.privateOwnership)
    }
}

struct CoverageReportDTO: ResponseEncodable {
    let today: String
    let area: CoverageDTO
    let offices: [CoverageDTO]
}
