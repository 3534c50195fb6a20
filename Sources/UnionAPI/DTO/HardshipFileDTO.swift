import Foundation
import Hummingbird
import UnionDomain

/// A hardship file as the API shows it: figures, workflow trail (usernames and dates) and the
/// 低保 figure the tier was computed with. Absent fields are left out, never null.
struct HardshipFileDTO: ResponseEncodable {
    let id: String
    let workerId: String
    /// Absent when the worker is outside the caller's scope (moved away after the file closed).
    let workerName: String?
    let officeId: String
    let officeCode: String?
    let status: String
    let tier: String
    let householdSize: Int
    let annualIncome: Money
    let essentialSpending: Money
    let hardshipCosts: Money
    let perCapitaMonthly: Money
    let dibao: Money
    let mainCause: String
    let secondaryCauses: [String]
    let evidence: [String]
    let submittedBy: String?
    let submittedOn: String?
    let confirmedBy: String?
    let confirmedOn: String?
    let reviewedBy: String?
    let reviewedOn: String?
    let returnedBy: String?
    let returnedOn: String?
    let returnReason: String?
    let closingReason: String?
    let overdue: Bool

    init(_ file: HardshipFile, today: CalendarDate = .today()) {
        id = file.id.description
        workerId = file.workerID.description
        workerName = file.workerName
        officeId = file.officeID.description
        officeCode = file.officeCode
        status = file.status.rawValue
        tier = file.tier.rawValue
        householdSize = file.finances.size
        annualIncome = file.finances.annualIncome
        essentialSpending = file.finances.essentialSpending
        hardshipCosts = file.finances.hardshipCosts
        perCapitaMonthly = file.finances.perCapitaMonthly
        dibao = file.dibao
        mainCause = file.mainCause.rawValue
        secondaryCauses = file.secondaryCauses.map(\.rawValue)
        evidence = file.evidence.map(\.rawValue)
        submittedBy = file.trail.submittedBy
        submittedOn = file.trail.submittedOn?.description
        confirmedBy = file.trail.confirmedBy
        confirmedOn = file.confirmedOn?.description
        reviewedBy = file.trail.reviewedBy
        reviewedOn = file.reviewedOn?.description
        returnedBy = file.trail.returnedBy
        returnedOn = file.trail.returnedOn?.description
        returnReason = file.trail.returnReason
        closingReason = file.closingReason?.rawValue
        overdue = file.isOverdue(today: today)
    }
}

/// One 会员关系转移 in a worker's history.
struct WorkerTransferDTO: ResponseEncodable {
    let date: String
    let fromOfficeCode: String
    let fromOfficeName: String
    let toOfficeCode: String
    let toOfficeName: String
    let reason: String
    /// Who made the move, when that user is in the caller's scope.
    let madeBy: String?

    init(_ transfer: WorkerTransfer) {
        date = transfer.date.description
        fromOfficeCode = transfer.fromOfficeCode
        fromOfficeName = transfer.fromOfficeName
        toOfficeCode = transfer.toOfficeCode
        toOfficeName = transfer.toOfficeName
        reason = transfer.reason
        madeBy = transfer.madeBy
    }
}
