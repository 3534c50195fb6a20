import Foundation
import Hummingbird
import UnionDomain
import UnionStore

struct FundDTO: ResponseEncodable {
    let id: String
    let officeId: String
    let name: String
    let source: String
    let balance: Money

    init(_ fund: Fund) {
        id = fund.id.description
        officeId = fund.officeID.description
        name = fund.name
        source = fund.source.rawValue
        balance = fund.balance
    }
}

struct LedgerEntryDTO: ResponseEncodable {
    let id: String
    let fundId: String
    let seq: Int64
    let kind: String
    let amount: Money
    let balanceAfter: Money
    let date: String
    let payer: String?
    let memo: String?
    let caseId: String?
    let reverses: String?

    init(_ entry: LedgerEntry) {
        id = entry.id.description
        fundId = entry.fundID.description
        seq = entry.seq
        kind = entry.kind.rawValue
        amount = entry.amount
        balanceAfter = entry.balanceAfter
        date = entry.date.description
        payer = entry.payer
        memo = entry.memo
        caseId = entry.caseID?.description
        reverses = entry.reverses?.description
    }
}

struct AidStandardDTO: Encodable, Sendable {
    let key: String
    let amount: Money
}

struct AidProgramDTO: ResponseEncodable {
    let id: String
    let kind: String
    let name: String
    let year: Int
    let fundId: String
    let budget: Money
    let spent: Money
    let remaining: Money
    let standardBasis: String
    let standards: [AidStandardDTO]
    let opensOn: String?
    let closesOn: String?
    let oncePer: String
    let eligibility: String
    let festival: String?
    let includesModelWorkers: Bool

    init(_ program: AidProgram) {
        id = program.id.description
        kind = program.kind.rawValue
        name = program.name
        year = program.year
        fundId = program.fundID.description
        budget = program.budget
        spent = program.spent
        remaining = program.remaining
        standardBasis = program.standardBasis.rawValue
        standards = program.standards.sorted { $0.key < $1.key }.map { AidStandardDTO(key: $0.key, amount: $0.value) }
        opensOn = program.opensOn?.description
        closesOn = program.closesOn?.description
        oncePer = program.oncePer.rawValue
        eligibility = program.eligibility.rawValue
        festival = program.festival?.rawValue
        includesModelWorkers = program.includesModelWorkers
    }
}

struct AidGoodsDTO: Encodable, Sendable {
    let item: String
    let quantity: Int
    let unit: String
    let unitValue: Money
    let source: String
    let value: Money
}

struct AidCaseDTO: ResponseEncodable {
    let id: String
    let officeId: String
    let workerId: String
    let programId: String
    let programKind: String
    let year: Int
    let status: String
    let reason: String
    let cashRequested: Money
    let standardAmount: Money
    let justification: String?
    let goods: [AidGoodsDTO]
    let goodsValue: Money
    let studentId: String?
    let schoolYear: Int?
    let submittedBy: String?
    let decidedBy: String?
    let decisionReason: String?
    let cashPaid: Money?
    let paymentMethod: String?
    let disbursedOn: String?
    let drawn: Money?
    let reversalReason: String?

    init(_ aid: AidCase) {
        id = aid.id.description
        officeId = aid.officeID.description
        workerId = aid.workerID.description
        programId = aid.programID.description
        programKind = aid.programKind.rawValue
        year = aid.year
        status = aid.status.rawValue
        reason = aid.reason
        cashRequested = aid.cashRequested
        standardAmount = aid.standardAmount
        justification = aid.justification
        goods = aid.goods.map {
            AidGoodsDTO(item: $0.item, quantity: $0.quantity, unit: $0.unit, unitValue: $0.unitValue, source: $0.source.rawValue, value: $0.value)
        }
        goodsValue = aid.goodsValue
        studentId = aid.studentID?.description
        schoolYear = aid.schoolYear
        submittedBy = aid.submittedBy?.description
        decidedBy = aid.decidedBy?.description
        decisionReason = aid.decisionReason
        cashPaid = aid.cashPaid
        paymentMethod = aid.paymentMethod?.rawValue
        disbursedOn = aid.disbursedOn?.description
        drawn = aid.drawn
        reversalReason = aid.reversalReason
    }
}

struct WorkerAidDTO: ResponseEncodable {
    struct Totals: Encodable, Sendable {
        let cash: Money
        let goodsValue: Money
        let all: Money
    }

    let workerId: String
    let items: [AidCaseDTO]
    let totals: Totals

    init(worker: Worker.ID, _ aid: AidCaseStore.WorkerAid) {
        workerId = worker.description
        items = aid.cases.map(AidCaseDTO.init)
        totals = Totals(cash: aid.cash, goodsValue: aid.goodsValue, all: aid.total)
    }
}

struct VisitListDTO: ResponseEncodable {
    let created: Int
    let skipped: Int
}
