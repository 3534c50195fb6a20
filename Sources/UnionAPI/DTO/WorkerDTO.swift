import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import UnionDomain

/// A worker as the API shows it; the ID number is masked for roles without need.
struct WorkerDTO: ResponseEncodable {
    let id: String
    let officeId: String
    let name: String
    let idNumber: String
    let idNumberMasked: Bool
    let sex: String
    /// Left out where the ID number is masked (it would give the hidden digits back).
    let birthDate: String?
    let birthYear: Int
    let phone: String?
    let hukou: String?
    let employer: String?
    let occupation: String?
    let membershipStatus: String
    let memberSince: String?
    let memberCardNumber: String?
    let isModelWorker: Bool
    let hardshipTier: String?
    let employerId: String?

    init(_ worker: Worker, for principal: Principal) {
        id = worker.id.description
        officeId = worker.officeID.description
        name = worker.name
        let identity = VisibleIdentity(idNumber: worker.idNumber, birthDate: worker.birthDate, for: principal.role)
        idNumberMasked = identity.isMasked
        idNumber = identity.idNumber
        sex = worker.sex.rawValue
        birthDate = identity.birthDate?.description
        birthYear = identity.birthYear
        phone = worker.phone
        hukou = worker.hukou?.rawValue
        employer = worker.employer
        occupation = worker.occupation
        membershipStatus = worker.membershipStatus.rawValue
        memberSince = worker.memberSince?.description
        memberCardNumber = worker.memberCardNumber
        isModelWorker = worker.isModelWorker
        hardshipTier = worker.hardshipTier?.rawValue
        employerId = worker.employerID?.description
    }
}

struct HouseholdMemberDTO: ResponseEncodable {
    let id: String
    let relation: String
    let name: String
    let idNumber: String?
    let school: String?
    let level: String?
    let admissionYear: Int?
    let deceased: Bool

    init(_ member: HouseholdMember, for principal: Principal) {
        id = member.id.description
        relation = member.relation.rawValue
        name = member.name
        idNumber = member.idNumber.map { principal.role.seesFullIDNumbers ? $0 : ResidentID.mask($0) }
        school = member.school
        level = member.level?.rawValue
        admissionYear = member.admissionYear
        deceased = member.deceased
    }
}

struct ModelWorkerDTO: ResponseEncodable {
    let level: String
    let title: String
    let yearAwarded: Int
    let retired: Bool

    init(_ record: ModelWorkerRecord) {
        level = record.level.rawValue
        title = record.title
        yearAwarded = record.yearAwarded
        retired = record.retired
    }
}
